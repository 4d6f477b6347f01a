/**
 * Draws spectrogram levels into a canvas rectangle: the image is painted at one column per CSS
 * pixel and one row per frequency band, then stretched to the rectangle's height (the bands are
 * already log-spaced, so a plain stretch keeps the log-frequency axis).
 */
import type { TempoMap } from '../../core/music/tempo-map.ts';
import type { AudioClip } from '../../engine/index.ts';
import { INFERNO } from './colour-map.ts';
import { clipFrames, paintColumns, type FramesAtX, type SpectrogramLevels } from './spectrogram-image.ts';

let scratch: HTMLCanvasElement | null = null;

export function drawSpectrogram(
  ctx: CanvasRenderingContext2D,
  data: SpectrogramLevels,
  rect: { x: number; y: number; width: number; height: number },
  framesAtX: FramesAtX,
): void {
  const width = Math.max(1, Math.round(rect.width));
  if (data.ready === 0 || rect.height <= 0) return;
  scratch ??= document.createElement('canvas');
  if (scratch.width !== width) scratch.width = width;
  if (scratch.height !== data.rows) scratch.height = data.rows;
  const image = scratch.getContext('2d');
  if (image === null) return;
  image.putImageData(new ImageData(paintColumns(data, width, framesAtX, INFERNO), width, data.rows), 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, 0, 0, width, data.rows, rect.x, rect.y, rect.width, rect.height);
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
  drawSpectrogram(ctx, data, { x: 0, y: band.y, width: view.width, height: band.height }, clipFrames(clips, secondsAtX, data.frameSeconds));
}
