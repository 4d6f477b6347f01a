import type { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note } from '../../core/music/types.ts';
import { gridLines } from './bar-grid.ts';

/** What one frame of the piano roll shows: the visible tick window and pitch range. */
export interface RollViewport {
  /** CSS pixels */
  width: number;
  height: number;
  /** first visible tick (left edge) */
  scrollTick: number;
  pxPerTick: number;
  lowPitch: number;
  highPitch: number;
}

export interface RollLayer {
  notes: Note[];
  color: string;
  /** muted (or silenced by another track's solo): drawn faint */
  dimmed: boolean;
  /** notes a generator proposes (a Continue variation on audition): outlined, drawn on top */
  proposed?: boolean;
}

export const RULER_HEIGHT = 22;

const COLORS = {
  background: '#171a20',
  blackKeyRow: '#1a1d24',
  octaveLine: '#262a33',
  beat: '#22262e',
  bar: '#343a47',
  ruler: '#1d2028',
  rulerText: '#8a92a3',
  pitchText: '#4d5463',
  proposedRegion: 'rgba(233, 196, 106, 0.045)',
  proposedEdge: 'rgba(233, 196, 106, 0.55)',
  proposedOutline: '#f6e2a8',
};

/** Proposed notes' colour: warm, unlike any track colour, so new material stands out. */
export const PROPOSED_NOTE_COLOR = '#e9c46a';

const BLACK_KEYS = new Set([1, 3, 6, 8, 10]);

/** Draws the grid, the ruler with bar numbers and every visible note. Returns the notes drawn. */
export function drawPianoRoll(
  ctx: CanvasRenderingContext2D,
  view: RollViewport,
  tempoMap: TempoMap,
  layers: RollLayer[],
  /** where proposed material begins: the region after it is tinted, its edge marked */
  proposedFromTick: number | null = null,
): number {
  const { width, height, scrollTick, pxPerTick, lowPitch, highPitch } = view;
  const rows = highPitch - lowPitch + 1;
  const rowHeight = (height - RULER_HEIGHT) / rows;
  const endTick = scrollTick + width / pxPerTick;
  const xOf = (tick: number): number => (tick - scrollTick) * pxPerTick;
  const yOf = (pitch: number): number => RULER_HEIGHT + (highPitch - pitch) * rowHeight;

  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, width, height);

  // Pitch rows: black-key rows a shade darker, a line under each C.
  for (let pitch = lowPitch; pitch <= highPitch; pitch++) {
    const y = yOf(pitch);
    if (BLACK_KEYS.has(pitch % 12)) {
      ctx.fillStyle = COLORS.blackKeyRow;
      ctx.fillRect(0, y, width, rowHeight);
    }
    if (pitch % 12 === 0) {
      ctx.fillStyle = COLORS.octaveLine;
      ctx.fillRect(0, y + rowHeight - 1, width, 1);
    }
  }

  // Octave names at the left edge (C4 = middle C), where rows are tall enough to read.
  if (rowHeight >= 6) {
    ctx.fillStyle = COLORS.pitchText;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let pitch = lowPitch; pitch <= highPitch; pitch++) {
      if (pitch % 12 === 0) ctx.fillText(`C${pitch / 12 - 1}`, 4, yOf(pitch) + rowHeight / 2);
    }
  }

  // Beat and bar lines, bar numbers in the ruler.
  ctx.fillStyle = COLORS.ruler;
  ctx.fillRect(0, 0, width, RULER_HEIGHT);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const lines = gridLines(tempoMap, scrollTick, endTick);
  const beatPx = lines.length > 1 ? (lines[1].tick - lines[0].tick) * pxPerTick : Infinity;
  for (const line of lines) {
    const x = Math.round(xOf(line.tick));
    if (line.isBar) {
      ctx.fillStyle = COLORS.bar;
      ctx.fillRect(x, RULER_HEIGHT - 6, 1, height);
      ctx.fillStyle = COLORS.rulerText;
      ctx.fillText(String(line.bar), x + 4, RULER_HEIGHT / 2);
    } else if (beatPx >= 6) {
      ctx.fillStyle = COLORS.beat;
      ctx.fillRect(x, RULER_HEIGHT, 1, height);
    }
  }

  if (proposedFromTick !== null && proposedFromTick <= endTick) {
    const x = Math.max(0, Math.round(xOf(proposedFromTick)));
    ctx.fillStyle = COLORS.proposedRegion;
    ctx.fillRect(x, RULER_HEIGHT, width - x, height - RULER_HEIGHT);
    ctx.fillStyle = COLORS.proposedEdge;
    if (proposedFromTick >= scrollTick) ctx.fillRect(x, 0, 1, height);
  }

  // Notes: dimmed layers first so audible tracks stay on top, proposed notes above all.
  let drawn = 0;
  const noteHeight = Math.max(1, rowHeight - 1);
  const rank = (layer: RollLayer): number => (layer.dimmed ? 0 : 1) + (layer.proposed === true ? 2 : 0);
  const ordered = [...layers].sort((a, b) => rank(a) - rank(b));
  for (const layer of ordered) {
    ctx.fillStyle = layer.color;
    ctx.strokeStyle = COLORS.proposedOutline;
    ctx.lineWidth = 1;
    ctx.globalAlpha = layer.dimmed ? 0.25 : 0.9;
    for (const note of layer.notes) {
      if (note.startTick > endTick) break; // notes are sorted by start
      if (note.endTick < scrollTick || note.pitch < lowPitch || note.pitch > highPitch) continue;
      const x = xOf(note.startTick);
      const w = Math.max(2, (note.endTick - note.startTick) * pxPerTick - 1);
      ctx.beginPath();
      ctx.roundRect(x, yOf(note.pitch), w, noteHeight, Math.min(2, noteHeight / 3));
      ctx.fill();
      if (layer.proposed === true && noteHeight >= 4) ctx.stroke();
      drawn++;
    }
  }
  ctx.globalAlpha = 1;
  return drawn;
}

/** The pitch range to show: the song's notes with a little room, at least two octaves. */
export function pitchRange(layers: { notes: Note[] }[]): { lowPitch: number; highPitch: number } {
  let low = 127;
  let high = 0;
  for (const layer of layers) {
    for (const note of layer.notes) {
      if (note.pitch < low) low = note.pitch;
      if (note.pitch > high) high = note.pitch;
    }
  }
  if (low > high) return { lowPitch: 48, highPitch: 84 };
  low = Math.max(0, low - 2);
  high = Math.min(127, high + 2);
  const missing = 24 - (high - low);
  if (missing > 0) {
    low = Math.max(0, low - Math.ceil(missing / 2));
    high = Math.min(127, low + 24);
  }
  return { lowPitch: low, highPitch: high };
}
