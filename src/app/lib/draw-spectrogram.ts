/**
 * Draws spectrogram levels into a canvas rectangle: the image is painted at one column per CSS
 * pixel and one row per frequency band, then stretched to the rectangle's height (the bands are
 * already log-spaced, so a plain stretch keeps the log-frequency axis).
 */
import type { TempoMap } from '../../core/music/tempo-map.ts';
import type { AudioClip } from '../../engine/index.ts';
import { INFERNO } from './colour-map.ts';
import { clipFrames, repaintColumns, type FramesAtX, type SpectrogramLevels } from './spectrogram-image.ts';

/** What a canvas last showed: the image is kept, so a redraw with more frames paints only those. */
interface PaintedImage {
  scratch: HTMLCanvasElement;
  pixels: Uint8ClampedArray<ArrayBuffer>;
  levels: Uint8Array;
  /** the view the columns were painted for (size, scroll, zoom, clips, tempo) */
  view: string;
  tempoMap: TempoMap;
  ready: number;
}

/** One image per destination canvas: the lane and the clip editor each keep their own. */
const painted = new WeakMap<HTMLCanvasElement, PaintedImage>();

export function drawSpectrogram(
  ctx: CanvasRenderingContext2D,
  data: SpectrogramLevels,
  rect: { x: number; y: number; width: number; height: number },
  framesAtX: FramesAtX,
  view: { key: string; tempoMap: TempoMap },
): void {
  const width = Math.max(1, Math.round(rect.width));
  if (data.ready === 0 || rect.height <= 0) return;
  const key = `${width}×${data.rows}|${view.key}`;
  let image = painted.get(ctx.canvas);
  const same = image !== undefined && image.levels === data.levels && image.view === key && image.tempoMap === view.tempoMap && image.ready <= data.ready;
  if (image === undefined || !same) {
    const scratch = image?.scratch ?? document.createElement('canvas');
    scratch.width = width;
    scratch.height = data.rows;
    image = { scratch, pixels: new Uint8ClampedArray(width * data.rows * 4), levels: data.levels, view: key, tempoMap: view.tempoMap, ready: 0 };
    painted.set(ctx.canvas, image);
  }
  const context = image.scratch.getContext('2d');
  if (context === null) return;
  const columns = repaintColumns(data, { pixels: image.pixels, width }, framesAtX, INFERNO, image.ready);
  image.ready = data.ready;
  if (columns !== null) {
    const [from, to] = columns;
    context.putImageData(new ImageData(image.pixels, width, data.rows), 0, 0, from, 0, to - from, data.rows);
  }
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(image.scratch, 0, 0, width, data.rows, rect.x, rect.y, rect.width, rect.height);
  ctx.restore();
}

/** A track's clips as spectrogram on a timeline window (the arrangement lane, the clip editor). */
export function drawClipSpectrogram(
  ctx: CanvasRenderingContext2D,
  data: SpectrogramLevels,
  clips: readonly AudioClip[],
  view: { width: number; scrollTick: number; pxPerTick: number },
  tempoMap: TempoMap,
  band: { y: number; height: number },
): void {
  const secondsAtX = (x: number): number => tempoMap.tickToSeconds(Math.max(0, view.scrollTick + x / view.pxPerTick));
  const placed = clips.map((c) => `${c.startSeconds},${c.lengthSeconds},${c.offsetSeconds}`).join(';');
  const key = `${view.scrollTick}|${view.pxPerTick}|${placed}`;
  drawSpectrogram(ctx, data, { x: 0, y: band.y, width: view.width, height: band.height }, clipFrames(clips, secondsAtX, data.frameSeconds), { key, tempoMap });
}
