/**
 * MIDI clips: a track's notes grouped into stretches of its timeline, as the arrangement shows
 * them. The notes stay the truth (the song plays them as they are); a clip is a range
 * [startTick, endTick) and its notes are the ones that start inside it. Clips of a lane are
 * sorted and never overlap; every note starts inside one (`coverNotes` restores that after a note
 * edit). Clip edits are pure: a lane in, a new lane out. Placing a clip over others overwrites
 * what was there, as DAW arrangements do.
 */
import { badInput } from '../../core/errors.ts';
import { compareNotes } from '../../core/music/song.ts';
import type { Note } from '../../core/music/types.ts';

export interface MidiClip {
  startTick: number;
  /** exclusive; > startTick */
  endTick: number;
}

/** One MIDI track's notes and clips. */
export interface MidiLane {
  /** sorted by start, then pitch */
  notes: readonly Note[];
  /** sorted, non-overlapping */
  clips: readonly MidiClip[];
}

/** A clip cut out of its lane: its notes counted from the clip start, and its length. */
export interface ClipPiece {
  length: number;
  notes: Note[];
}

/** A lane after an edit, and the clip the edit is about (to keep it selected), or -1. */
export interface LaneEdit {
  lane: MidiLane;
  index: number;
}

/** The bar grid clips snap to (core's TempoMap is one). */
export interface BarGrid {
  barIndexAt(tick: number): number;
  barStartTick(bar: number): number;
}

const sortNotes = (notes: Note[]): Note[] => notes.sort(compareNotes);
const byStart = (a: MidiClip, b: MidiClip): number => a.startTick - b.startTick;
const inside = (clip: MidiClip, tick: number): boolean => tick >= clip.startTick && tick < clip.endTick;

function checkClipIndex(lane: MidiLane, index: number): MidiClip {
  const clip = lane.clips[index];
  if (!Number.isInteger(index) || clip === undefined) throw badInput(`clip ${index} does not exist (the track has ${lane.clips.length} clips)`);
  return clip;
}

/** The clip holding `tick`, or -1. */
export function clipAt(lane: MidiLane, tick: number): number {
  return lane.clips.findIndex((clip) => inside(clip, tick));
}

/** The notes of clip `index` (those starting inside it), in timeline ticks. */
export function clipNotes(lane: MidiLane, index: number): Note[] {
  const clip = checkClipIndex(lane, index);
  return lane.notes.filter((n) => inside(clip, n.startTick));
}

/**
 * Clips for notes that have none: bar-aligned runs of bars with notes (a single empty bar does not
 * break a run), each run cut around `existing` clips. With no existing clips: a fresh lane's clips.
 */
function clipsFor(notes: readonly Note[], grid: BarGrid, existing: readonly MidiClip[] = []): MidiClip[] {
  const runs: { first: number; last: number }[] = [];
  for (const note of [...notes].sort(compareNotes)) {
    const first = grid.barIndexAt(note.startTick);
    const last = Math.max(first, grid.barIndexAt(note.endTick - 1));
    const run = runs.at(-1);
    if (run !== undefined && first <= run.last + 2) run.last = Math.max(run.last, last);
    else runs.push({ first, last });
  }
  const spans = runs.map((r) => ({ startTick: grid.barStartTick(r.first), endTick: grid.barStartTick(r.last + 1) }));
  // Cut each span around existing clips; keep the pieces that hold one of the notes.
  const pieces = spans.flatMap((span) => existing.reduce<MidiClip[]>((parts, clip) => parts.flatMap((p) => subtract(p, clip)), [span]));
  return pieces.filter((p) => notes.some((n) => inside(p, n.startTick)));
}

function subtract(span: MidiClip, cut: MidiClip): MidiClip[] {
  if (cut.endTick <= span.startTick || cut.startTick >= span.endTick) return [span];
  const parts: MidiClip[] = [];
  if (cut.startTick > span.startTick) parts.push({ startTick: span.startTick, endTick: cut.startTick });
  if (cut.endTick < span.endTick) parts.push({ startTick: cut.endTick, endTick: span.endTick });
  return parts;
}

/** A fresh lane's clips: one per run of bars with notes. */
export function defaultClips(notes: readonly Note[], grid: BarGrid): MidiClip[] {
  return clipsFor(notes, grid);
}

/** The lane's clips plus new ones for any note that starts outside every clip. */
export function coverNotes(lane: MidiLane, grid: BarGrid): MidiClip[] {
  const loose = lane.notes.filter((n) => clipAt(lane, n.startTick) < 0);
  if (loose.length === 0) return [...lane.clips];
  return [...lane.clips, ...clipsFor(loose, grid, lane.clips)].sort(byStart);
}

export function extractClip(lane: MidiLane, index: number): ClipPiece {
  const clip = checkClipIndex(lane, index);
  const notes = clipNotes(lane, index).map((n) => ({ ...n, startTick: n.startTick - clip.startTick, endTick: n.endTick - clip.startTick }));
  return { length: clip.endTick - clip.startTick, notes };
}

/** Deletes a clip and its notes. */
export function removeClip(lane: MidiLane, index: number): MidiLane {
  const clip = checkClipIndex(lane, index);
  return { notes: lane.notes.filter((n) => !inside(clip, n.startTick)), clips: lane.clips.filter((_, i) => i !== index) };
}

/**
 * Empties [fromTick, toTick): notes starting there go, clips are cut around it, and notes of the
 * parts left before it end where it begins (nothing sounds into the emptied range).
 */
export function clearRange(lane: MidiLane, fromTick: number, toTick: number): MidiLane {
  const range = { startTick: fromTick, endTick: toTick };
  const notes = lane.notes
    .filter((n) => !inside(range, n.startTick))
    .map((n) => (n.startTick < fromTick && n.endTick > fromTick ? { ...n, endTick: fromTick } : n));
  return { notes, clips: lane.clips.flatMap((clip) => subtract(clip, range)) };
}

/** Puts a piece at `atTick` (≥ 0), overwriting what was there. */
export function placePiece(lane: MidiLane, piece: ClipPiece, atTick: number): LaneEdit {
  const start = Math.max(0, Math.round(atTick));
  const clip = { startTick: start, endTick: start + piece.length };
  const cleared = clearRange(lane, clip.startTick, clip.endTick);
  const moved = piece.notes.map((n) => ({ ...n, startTick: n.startTick + start, endTick: n.endTick + start }));
  const clips = [...cleared.clips, clip].sort(byStart);
  return { lane: { notes: sortNotes([...cleared.notes, ...moved]), clips }, index: clips.indexOf(clip) };
}

/** Moves a clip (with its notes) to start at `toTick` on the same lane. */
export function moveClip(lane: MidiLane, index: number, toTick: number): LaneEdit {
  return placePiece(removeClip(lane, index), extractClip(lane, index), toTick);
}

/** Moves a clip to another lane, starting at `toTick` there. */
export function moveClipToLane(from: MidiLane, index: number, to: MidiLane, toTick: number): { from: MidiLane; to: LaneEdit } {
  return { from: removeClip(from, index), to: placePiece(to, extractClip(from, index), toTick) };
}

/** A copy of the clip right after it (overwriting what was there). */
export function duplicateClip(lane: MidiLane, index: number): LaneEdit {
  const clip = checkClipIndex(lane, index);
  return placePiece(lane, extractClip(lane, index), clip.endTick);
}

/**
 * Moves one edge of a clip to `tick`, within its neighbours and leaving at least `minLength`
 * ticks. Shortening drops the notes that now start outside it and ends the ones that cross the
 * new end there.
 */
export function trimClip(lane: MidiLane, index: number, edge: 'start' | 'end', tick: number, minLength = 1): LaneEdit {
  const clip = checkClipIndex(lane, index);
  const least = Math.max(1, Math.round(minLength));
  const previousEnd = lane.clips[index - 1]?.endTick ?? 0;
  const nextStart = lane.clips[index + 1]?.startTick ?? Number.POSITIVE_INFINITY;
  const t = Math.round(tick);
  const next =
    edge === 'start'
      ? { startTick: Math.min(clip.endTick - least, Math.max(previousEnd, t)), endTick: clip.endTick }
      : { startTick: clip.startTick, endTick: Math.max(clip.startTick + least, Math.min(nextStart, t)) };
  if (next.startTick >= next.endTick) return { lane, index };
  const notes = lane.notes.flatMap((n) => {
    if (!inside(clip, n.startTick)) return [n];
    if (!inside(next, n.startTick)) return [];
    return n.endTick > next.endTick && edge === 'end' ? [{ ...n, endTick: next.endTick }] : [n];
  });
  return { lane: { notes, clips: lane.clips.map((c, i) => (i === index ? next : c)) }, index };
}

/** Splits a clip in two at `tick` (strictly inside it); notes that cross the cut end there. */
export function splitClip(lane: MidiLane, index: number, tick: number): LaneEdit {
  const clip = checkClipIndex(lane, index);
  const t = Math.round(tick);
  if (!(t > clip.startTick && t < clip.endTick)) return { lane, index };
  const left = { startTick: clip.startTick, endTick: t };
  const right = { startTick: t, endTick: clip.endTick };
  const notes = lane.notes.map((n) => (inside(left, n.startTick) && n.endTick > t ? { ...n, endTick: t } : n));
  const clips = lane.clips.flatMap((c, i) => (i === index ? [left, right] : [c]));
  return { lane: { notes, clips }, index: index + 1 };
}

/** Checks a lane's invariants (sorted, disjoint, positive clips; every note inside one). */
export function laneProblem(lane: MidiLane): string | null {
  for (let i = 0; i < lane.clips.length; i++) {
    const clip = lane.clips[i];
    if (!(clip.startTick >= 0 && clip.endTick > clip.startTick)) return `clip ${i} spans ${clip.startTick}..${clip.endTick}`;
    if (i > 0 && clip.startTick < lane.clips[i - 1].endTick) return `clip ${i} overlaps clip ${i - 1}`;
  }
  const loose = lane.notes.findIndex((n) => clipAt(lane, n.startTick) < 0);
  return loose < 0 ? null : `note ${loose} (tick ${lane.notes[loose].startTick}) is in no clip`;
}
