/**
 * Audio clip edits on one audio track's clips (the engine's AudioClip: seconds on the timeline,
 * an offset and length into a pooled source). Pure: clips in, sorted clips out. Like MIDI clips,
 * a clip placed over others overwrites what was there; a clip never plays past its source's end.
 */
import { badInput } from '../../core/errors.ts';
import type { AudioClip } from '../project.ts';

export interface AudioClipEdit {
  clips: AudioClip[];
  /** the clip the edit is about (to keep it selected), or -1 */
  index: number;
}

/** The shortest clip an edit leaves, seconds. */
export const MIN_CLIP_SECONDS = 0.01;

const endOf = (clip: AudioClip): number => clip.startSeconds + clip.lengthSeconds;
const byStart = (a: AudioClip, b: AudioClip): number => a.startSeconds - b.startSeconds;

function checkIndex(clips: readonly AudioClip[], index: number): AudioClip {
  const clip = clips[index];
  if (!Number.isInteger(index) || clip === undefined) throw badInput(`clip ${index} does not exist (the track has ${clips.length} clips)`);
  return clip;
}

/** The clip playing at `seconds`, or -1 (the last one when several overlap). */
export function audioClipAt(clips: readonly AudioClip[], seconds: number): number {
  for (let i = clips.length - 1; i >= 0; i--) if (seconds >= clips[i].startSeconds && seconds < endOf(clips[i])) return i;
  return -1;
}

/** The part of `clip` inside [from, to) on the timeline, or null. */
function partOf(clip: AudioClip, from: number, to: number): AudioClip | null {
  const start = Math.max(clip.startSeconds, from);
  const end = Math.min(endOf(clip), to);
  if (end - start < 1e-9) return null;
  return { ...clip, startSeconds: start, offsetSeconds: clip.offsetSeconds + (start - clip.startSeconds), lengthSeconds: end - start };
}

/** Empties [from, to): clips are cut around it (their sources' offsets follow). */
export function clearAudioRange(clips: readonly AudioClip[], from: number, to: number): AudioClip[] {
  return clips.flatMap((clip) => [partOf(clip, Number.NEGATIVE_INFINITY, from), partOf(clip, to, Number.POSITIVE_INFINITY)].filter((c): c is AudioClip => c !== null));
}

/** Puts `clip` on the track (start ≥ 0), overwriting what was under it. */
export function placeAudioClip(clips: readonly AudioClip[], clip: AudioClip): AudioClipEdit {
  const placed = { ...clip, startSeconds: Math.max(0, clip.startSeconds) };
  const next = [...clearAudioRange(clips, placed.startSeconds, endOf(placed)), placed].sort(byStart);
  return { clips: next, index: next.indexOf(placed) };
}

export function moveAudioClip(clips: readonly AudioClip[], index: number, toSeconds: number): AudioClipEdit {
  const clip = checkIndex(clips, index);
  return placeAudioClip(deleteAudioClip(clips, index), { ...clip, startSeconds: toSeconds });
}

export function deleteAudioClip(clips: readonly AudioClip[], index: number): AudioClip[] {
  checkIndex(clips, index);
  return clips.filter((_, i) => i !== index);
}

export function duplicateAudioClip(clips: readonly AudioClip[], index: number): AudioClipEdit {
  const clip = checkIndex(clips, index);
  return placeAudioClip(clips, { ...clip, startSeconds: endOf(clip) });
}

/**
 * Moves one edge of a clip to `seconds`: within its neighbours, the source (a clip cannot start
 * before its source does or run past its end) and at least MIN_CLIP_SECONDS long.
 */
export function trimAudioClip(clips: readonly AudioClip[], index: number, edge: 'start' | 'end', seconds: number, sourceSeconds: number): AudioClipEdit {
  const clip = checkIndex(clips, index);
  const previousEnd = index > 0 ? endOf(clips[index - 1]) : 0;
  const nextStart = clips[index + 1]?.startSeconds ?? Number.POSITIVE_INFINITY;
  let next: AudioClip;
  if (edge === 'start') {
    const earliest = Math.max(previousEnd, clip.startSeconds - clip.offsetSeconds);
    const start = Math.min(endOf(clip) - MIN_CLIP_SECONDS, Math.max(earliest, seconds));
    const shift = start - clip.startSeconds;
    next = { ...clip, startSeconds: start, offsetSeconds: clip.offsetSeconds + shift, lengthSeconds: clip.lengthSeconds - shift };
  } else {
    const latest = Math.min(nextStart, clip.startSeconds + (sourceSeconds - clip.offsetSeconds));
    const end = Math.max(clip.startSeconds + MIN_CLIP_SECONDS, Math.min(latest, seconds));
    next = { ...clip, lengthSeconds: end - clip.startSeconds };
  }
  if (!(next.lengthSeconds > 0)) return { clips: [...clips], index };
  return { clips: clips.map((c, i) => (i === index ? next : c)), index };
}

/** Splits a clip in two at `seconds` (strictly inside it). */
export function splitAudioClip(clips: readonly AudioClip[], index: number, seconds: number): AudioClipEdit {
  const clip = checkIndex(clips, index);
  const left = partOf(clip, Number.NEGATIVE_INFINITY, seconds);
  const right = partOf(clip, seconds, Number.POSITIVE_INFINITY);
  if (left === null || right === null) return { clips: [...clips], index };
  return { clips: clips.flatMap((c, i) => (i === index ? [left, right] : [c])), index: index + 1 };
}

/** Where the track's last clip ends, seconds. */
export function audioClipsEnd(clips: readonly AudioClip[]): number {
  return clips.reduce((end, clip) => Math.max(end, endOf(clip)), 0);
}
