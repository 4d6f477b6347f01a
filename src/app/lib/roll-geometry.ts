/**
 * Where things are in the piano roll: ticks ↔ x, pitches ↔ y, which note (and which part of it)
 * is under the pointer, snapping to the grid. Plain functions, so the editor's gestures can be
 * tested without a browser.
 */
import type { Note } from '../../core/music/types.ts';

export interface RollView {
  /** first visible tick (left edge) */
  scrollTick: number;
  pxPerTick: number;
  /** the pitch whose row is at the top of the note area */
  topPitch: number;
  /** CSS pixels per pitch row */
  rowHeight: number;
  /** y of the note area's top (below the ruler) */
  top: number;
}

/** How close to a note's right edge (px) a press resizes it instead of moving it. */
export const RESIZE_ZONE_PX = 6;

export const xOfTick = (view: RollView, tick: number): number => (tick - view.scrollTick) * view.pxPerTick;
export const tickOfX = (view: RollView, x: number): number => view.scrollTick + x / view.pxPerTick;
export const yOfPitch = (view: RollView, pitch: number): number => view.top + (view.topPitch - pitch) * view.rowHeight;

/** The pitch of the row at `y` (clamped to 0..127). */
export function pitchOfY(view: RollView, y: number): number {
  return Math.max(0, Math.min(127, view.topPitch - Math.floor((y - view.top) / view.rowHeight)));
}

/** The grid point at or before `tick` (`step` ticks apart), or the nearest one. */
export function snapTick(tick: number, step: number, mode: 'floor' | 'round' = 'floor'): number {
  if (!(step > 1)) return Math.max(0, Math.round(tick));
  const snapped = (mode === 'floor' ? Math.floor(tick / step) : Math.round(tick / step)) * step;
  return Math.max(0, Math.round(snapped));
}

export interface NoteHit {
  index: number;
  /** 'end': the press is on the note's right edge (resize) */
  zone: 'body' | 'end';
}

/** The note under (x, y), preferring the one drawn on top (the latest), or null. */
export function hitNote(notes: readonly Note[], view: RollView, x: number, y: number): NoteHit | null {
  const pitch = pitchOfY(view, y);
  const tick = tickOfX(view, x);
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i];
    if (n.pitch !== pitch) continue;
    const right = xOfTick(view, n.endTick);
    const left = xOfTick(view, n.startTick);
    const within = tick >= n.startTick && tick < n.endTick;
    const onEdge = x >= right - RESIZE_ZONE_PX && x <= right + 2 && right - left > 2 * RESIZE_ZONE_PX;
    if (within || onEdge) return { index: i, zone: onEdge ? 'end' : 'body' };
  }
  return null;
}

/** The pitch to put at the top so that `notes` sit in the middle of `rows` rows (middle C when empty). */
export function topPitchFor(notes: readonly Note[], rows: number): number {
  if (notes.length === 0) return Math.min(127, 60 + Math.floor(rows / 2));
  let low = 127;
  let high = 0;
  for (const n of notes) {
    low = Math.min(low, n.pitch);
    high = Math.max(high, n.pitch);
  }
  const middle = Math.round((low + high) / 2);
  return Math.max(rows - 1, Math.min(127, middle + Math.floor(rows / 2)));
}

const NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'];

/** "C4" for 60 (middle C), "F♯3" for 54. */
export function pitchName(pitch: number): string {
  return `${NAMES[((pitch % 12) + 12) % 12]}${Math.floor(pitch / 12) - 1}`;
}

export const isBlackKey = (pitch: number): boolean => [1, 3, 6, 8, 10].includes(pitch % 12);
