/**
 * The piano roll's canvases: the note grid of one track (selection, drag previews, proposed
 * notes of a variation on audition), the keyboard beside it and the velocity lane under it.
 * Coordinates come from roll-geometry.ts, so what is drawn is what the gestures hit.
 */
import type { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note } from '../../core/music/types.ts';
import { gridLines } from './bar-grid.ts';
import { isBlackKey, pitchName, xOfTick, yOfPitch, type RollView } from './roll-geometry.ts';

export interface RollLayer {
  notes: readonly Note[];
  color: string;
  /** notes a generator proposes (a Continue variation on audition): outlined, drawn on top */
  proposed?: boolean;
  /** indices of selected notes (drawn bright, outlined) */
  selected?: ReadonlySet<number>;
}

/** Proposed notes' colour: warm, unlike any track colour, so new material stands out. */
export const PROPOSED_NOTE_COLOR = '#e9c46a';

const COLORS = {
  background: '#171a20',
  blackKeyRow: '#1b1e25',
  octaveLine: '#2a2f3a',
  beat: '#21252d',
  step: '#1c1f26',
  bar: '#353b48',
  selectedOutline: '#ffffff',
  proposedOutline: '#f6e2a8',
  proposedRegion: 'rgba(233, 196, 106, 0.045)',
  proposedEdge: 'rgba(233, 196, 106, 0.55)',
  box: 'rgba(163, 200, 247, 0.12)',
  boxEdge: 'rgba(163, 200, 247, 0.7)',
};

export interface GridExtras {
  /** grid step in ticks: faint lines when wide enough */
  stepTicks: number;
  /** where proposed material begins: the region after it is tinted */
  proposedFromTick: number | null;
  /** a box selection being drawn, in canvas px */
  box: { x0: number; y0: number; x1: number; y1: number } | null;
}

/** Draws rows, grid and notes. Returns the notes drawn. */
export function drawNoteGrid(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  view: RollView,
  tempoMap: TempoMap,
  layers: RollLayer[],
  extras: GridExtras,
): number {
  const { rowHeight, pxPerTick, scrollTick } = view;
  const endTick = scrollTick + width / pxPerTick;
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, width, height);
  const lowest = Math.max(0, view.topPitch - Math.ceil(height / rowHeight));
  for (let pitch = view.topPitch; pitch >= lowest; pitch--) {
    const y = yOfPitch(view, pitch);
    if (isBlackKey(pitch)) {
      ctx.fillStyle = COLORS.blackKeyRow;
      ctx.fillRect(0, y, width, rowHeight);
    }
    if (pitch % 12 === 0) {
      ctx.fillStyle = COLORS.octaveLine;
      ctx.fillRect(0, y + rowHeight - 1, width, 1);
    }
  }
  const lines = gridLines(tempoMap, scrollTick, endTick);
  if (extras.stepTicks * pxPerTick >= 7) {
    ctx.fillStyle = COLORS.step;
    const first = Math.ceil(scrollTick / extras.stepTicks);
    for (let tick = first * extras.stepTicks; tick <= endTick; tick += extras.stepTicks) ctx.fillRect(Math.round(xOfTick(view, tick)), 0, 1, height);
  }
  const beatPx = lines.length > 1 ? (lines[1].tick - lines[0].tick) * pxPerTick : Infinity;
  for (const line of lines) {
    if (!line.isBar && beatPx < 6) continue;
    ctx.fillStyle = line.isBar ? COLORS.bar : COLORS.beat;
    ctx.fillRect(Math.round(xOfTick(view, line.tick)), 0, 1, height);
  }
  const from = extras.proposedFromTick;
  if (from !== null && from <= endTick) {
    const x = Math.max(0, Math.round(xOfTick(view, from)));
    ctx.fillStyle = COLORS.proposedRegion;
    ctx.fillRect(x, 0, width - x, height);
    ctx.fillStyle = COLORS.proposedEdge;
    if (from >= scrollTick) ctx.fillRect(x, 0, 1, height);
  }

  let drawn = 0;
  const noteHeight = Math.max(2, rowHeight - 1);
  for (const layer of [...layers].sort((a, b) => Number(a.proposed === true) - Number(b.proposed === true))) {
    layer.notes.forEach((note, i) => {
      if (note.startTick > endTick || note.endTick < scrollTick) return;
      const y = yOfPitch(view, note.pitch);
      if (y + rowHeight < 0 || y > height) return;
      const x = xOfTick(view, note.startTick);
      const w = Math.max(3, (note.endTick - note.startTick) * pxPerTick - 1);
      const selected = layer.selected?.has(i) === true;
      ctx.globalAlpha = selected ? 1 : 0.35 + 0.6 * (note.velocity / 127);
      ctx.fillStyle = layer.color;
      ctx.beginPath();
      ctx.roundRect(x, y, w, noteHeight, Math.min(2, noteHeight / 3));
      ctx.fill();
      ctx.globalAlpha = 1;
      if (selected || layer.proposed === true) {
        ctx.strokeStyle = selected ? COLORS.selectedOutline : COLORS.proposedOutline;
        ctx.lineWidth = selected ? 1.5 : 1;
        ctx.stroke();
      }
      drawn++;
    });
  }
  if (extras.box !== null) {
    const { x0, y0, x1, y1 } = extras.box;
    ctx.fillStyle = COLORS.box;
    ctx.strokeStyle = COLORS.boxEdge;
    ctx.lineWidth = 1;
    ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    ctx.strokeRect(Math.min(x0, x1) + 0.5, Math.min(y0, y1) + 0.5, Math.abs(x1 - x0), Math.abs(y1 - y0));
  }
  return drawn;
}

/** The keyboard beside the rows: white and black keys, C names, the key being played lit. */
export function drawKeyboard(ctx: CanvasRenderingContext2D, width: number, height: number, view: RollView, lit: number | null): void {
  ctx.fillStyle = '#0f1115';
  ctx.fillRect(0, 0, width, height);
  const lowest = Math.max(0, view.topPitch - Math.ceil(height / view.rowHeight));
  ctx.font = '9px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (let pitch = view.topPitch; pitch >= lowest; pitch--) {
    const y = yOfPitch(view, pitch);
    const black = isBlackKey(pitch);
    ctx.fillStyle = pitch === lit ? '#7fb2f0' : black ? '#23262d' : '#d9dde5';
    ctx.fillRect(0, y, black ? width * 0.62 : width, view.rowHeight - 0.5);
    if (pitch % 12 === 0 && view.rowHeight >= 8) {
      ctx.fillStyle = '#4d5463';
      ctx.fillText(pitchName(pitch), width - 22, y + view.rowHeight / 2);
    }
  }
}

/** Velocity bars under each note, selected ones bright. */
export function drawVelocities(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  view: Pick<RollView, 'scrollTick' | 'pxPerTick'>,
  notes: readonly Note[],
  selected: ReadonlySet<number>,
  color: string,
): void {
  ctx.fillStyle = '#14161b';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#2e3340';
  ctx.fillRect(0, 0, width, 1);
  const endTick = view.scrollTick + width / view.pxPerTick;
  notes.forEach((note, i) => {
    if (note.startTick > endTick || note.endTick < view.scrollTick) return;
    const x = (note.startTick - view.scrollTick) * view.pxPerTick;
    const h = (note.velocity / 127) * (height - 6);
    ctx.globalAlpha = selected.has(i) ? 1 : 0.55;
    ctx.fillStyle = selected.has(i) ? '#ffffff' : color;
    ctx.fillRect(x, height - h, 2, h);
    ctx.fillRect(x - 2, height - h, 6, 2);
  });
  ctx.globalAlpha = 1;
}
