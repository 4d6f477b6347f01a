/**
 * Turns a clip's spectrogram levels into pixels: one image column per screen pixel (the frames
 * under that pixel reduced to their loudest level per row), one image row per log-frequency row,
 * highest frequency at the top. The caller stretches the image to the canvas height, which keeps
 * the per-redraw cost to width × rows whatever the clip's length.
 */
import type { AudioClip } from '../../engine/index.ts';

export interface SpectrogramLevels {
  rows: number;
  /** frames computed so far (they arrive in order, chunk by chunk) */
  ready: number;
  /** frames × rows, row 0 the lowest band */
  levels: Uint8Array;
  /** seconds between frame centres (hop / sample rate) */
  frameSeconds: number;
}

/** The frames [from, to) under a pixel column, or null where no clip is. */
export type FramesAtX = (x: number) => readonly [number, number] | null;

/** Reduce at most this many frames per column: zoomed far out, sampling them keeps a redraw cheap. */
const MAX_FRAMES_PER_COLUMN = 16;

/** RGBA, width × rows; transparent where no clip is or the frames are not computed yet. */
export function paintColumns(data: SpectrogramLevels, width: number, framesAtX: FramesAtX, table: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(width * data.rows * 4);
  repaintColumns(data, { pixels, width }, framesAtX, table, 0);
  return pixels;
}

/**
 * Repaints, in an image painted earlier from the same view, only the columns over frames that
 * landed since `sinceFrame`: as a long clip's chunks arrive, each redraw then costs the new
 * columns, not the whole width (a whole repaint per chunk made tasks of over 100 ms).
 * Returns the columns [from, to) it touched, or null when none.
 */
export function repaintColumns(
  data: SpectrogramLevels,
  image: { pixels: Uint8ClampedArray; width: number },
  framesAtX: FramesAtX,
  table: Uint8ClampedArray,
  sinceFrame: number,
): readonly [number, number] | null {
  const { rows, ready, levels } = data;
  const { pixels, width } = image;
  const column = new Uint8Array(rows);
  let first = -1;
  let last = -1;
  for (let x = 0; x < width; x++) {
    const range = framesAtX(x);
    if (range === null) continue;
    const from = Math.max(0, Math.floor(range[0]));
    const end = Math.max(from + 1, Math.floor(range[1]));
    const to = Math.min(ready, end);
    if (from >= to || to <= sinceFrame) continue; // nothing computed yet, or nothing new here
    column.fill(0);
    const step = Math.max(1, Math.ceil((end - from) / MAX_FRAMES_PER_COLUMN));
    for (let f = from; f < to; f += step) {
      const base = f * rows;
      for (let r = 0; r < rows; r++) if (levels[base + r] > column[r]) column[r] = levels[base + r];
    }
    for (let r = 0; r < rows; r++) {
      const at = ((rows - 1 - r) * width + x) * 4; // top row: highest band
      const c = column[r] * 4;
      pixels[at] = table[c];
      pixels[at + 1] = table[c + 1];
      pixels[at + 2] = table[c + 2];
      pixels[at + 3] = 255;
    }
    if (first < 0) first = x;
    last = x;
  }
  return first < 0 ? null : [first, last + 1];
}

/**
 * The frames under each pixel column of a timeline view, for a track's clips: each clip shows its
 * stretch of the source (offsetSeconds on) where it is placed. `secondsAtX` maps a column's left
 * edge to timeline seconds (the tempo map decides the x axis).
 */
export function clipFrames(clips: readonly AudioClip[], secondsAtX: (x: number) => number, frameSeconds: number): FramesAtX {
  return (x) => {
    const at = secondsAtX(x);
    const clip = clips.find((c) => at >= c.startSeconds && at < c.startSeconds + c.lengthSeconds);
    if (clip === undefined) return null;
    const source = (s: number): number => (clip.offsetSeconds + s - clip.startSeconds) / frameSeconds;
    return [Math.round(source(at)), Math.round(source(secondsAtX(x + 1)))];
  };
}
