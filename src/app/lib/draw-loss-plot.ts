import type { TrainingPoint } from '../worker/protocol.ts';

/** Colours of the loss plot (the theme's). */
export interface LossPlotColours {
  train: string;
  heldOut: string;
  grid: string;
  text: string;
}

/** The loss range shown: every loss seen, with a little room, never empty. */
export function lossRange(points: readonly TrainingPoint[]): [number, number] {
  const values = points.flatMap((p) => (p.valLoss === undefined ? [p.loss] : [p.loss, p.valLoss])).filter(Number.isFinite);
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.08, 0.05);
  return [Math.max(0, lo - pad), hi + pad];
}

/**
 * Draws training loss per step (a line) and held-out loss (dots) against steps 0..`steps`, in
 * CSS pixels on a context scaled by prepareCanvas.
 */
export function drawLossPlot(ctx: CanvasRenderingContext2D, width: number, height: number, points: readonly TrainingPoint[], steps: number, colours: LossPlotColours): void {
  ctx.clearRect(0, 0, width, height);
  const left = 30;
  const bottom = height - 4;
  const top = 6;
  const [lo, hi] = lossRange(points);
  const x = (step: number): number => left + ((width - left - 4) * step) / Math.max(steps, 1);
  const y = (loss: number): number => bottom - ((bottom - top) * (loss - lo)) / (hi - lo);
  ctx.strokeStyle = colours.grid;
  ctx.fillStyle = colours.text;
  ctx.font = '10px sans-serif';
  ctx.lineWidth = 1;
  for (const value of [lo, (lo + hi) / 2, hi]) {
    ctx.beginPath();
    ctx.moveTo(left, y(value));
    ctx.lineTo(width - 4, y(value));
    ctx.stroke();
    ctx.fillText(value.toFixed(2), 2, Math.min(bottom, Math.max(top + 8, y(value) + 3)));
  }
  ctx.strokeStyle = colours.train;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  points.forEach((p, i) => (i === 0 ? ctx.moveTo(x(p.step), y(p.loss)) : ctx.lineTo(x(p.step), y(p.loss))));
  ctx.stroke();
  ctx.fillStyle = colours.heldOut;
  for (const p of points) {
    if (p.valLoss === undefined) continue;
    ctx.beginPath();
    ctx.arc(x(p.step), y(p.valLoss), 2.5, 0, Math.PI * 2);
    ctx.fill();
  }
}
