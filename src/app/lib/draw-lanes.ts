/**
 * The arrangement's lanes: each lane's canvas covers the visible window of the timeline and shows
 * what its clips play — a MIDI track's notes in miniature, an audio track's waveform per clip.
 * The clip boxes themselves are DOM elements laid over it (they take the pointer and the focus).
 */
import type { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note } from '../../core/music/types.ts';
import type { AudioClip } from '../../engine/index.ts';
import { gridLines } from './bar-grid.ts';
import { drawWaveform, type WaveformPeaks } from './waveform-peaks.ts';

export interface LaneView {
  width: number;
  height: number;
  scrollTick: number;
  pxPerTick: number;
}

const BAR_LINE = 'rgba(255, 255, 255, 0.06)';
const PAD = 6;

/** Faint bar lines behind the clips. */
export function drawLaneGrid(ctx: CanvasRenderingContext2D, view: LaneView, tempoMap: TempoMap): void {
  ctx.clearRect(0, 0, view.width, view.height);
  ctx.fillStyle = BAR_LINE;
  const end = view.scrollTick + view.width / view.pxPerTick;
  for (const line of gridLines(tempoMap, view.scrollTick, end)) {
    if (line.isBar) ctx.fillRect(Math.round((line.tick - view.scrollTick) * view.pxPerTick), 0, 1, view.height);
  }
}

/**
 * A MIDI lane's notes, scaled to the lane's height over the pitches they use. `proposed` notes
 * (a variation on audition) are drawn on top in `proposedColor`. Returns the notes drawn.
 */
export function drawMidiNotes(
  ctx: CanvasRenderingContext2D,
  view: LaneView,
  layers: { notes: readonly Note[]; color: string; alpha: number }[],
): number {
  let low = 127;
  let high = 0;
  for (const layer of layers) {
    for (const n of layer.notes) {
      low = Math.min(low, n.pitch);
      high = Math.max(high, n.pitch);
    }
  }
  if (low > high) return 0;
  const span = Math.max(12, high - low + 1);
  const middle = (low + high) / 2;
  const rowHeight = (view.height - 2 * PAD) / span;
  const noteHeight = Math.max(1.5, Math.min(4, rowHeight));
  const yOf = (pitch: number): number => view.height / 2 - (pitch - middle) * rowHeight - noteHeight / 2;
  const endTick = view.scrollTick + view.width / view.pxPerTick;
  let drawn = 0;
  for (const layer of layers) {
    ctx.fillStyle = layer.color;
    ctx.globalAlpha = layer.alpha;
    for (const n of layer.notes) {
      if (n.startTick > endTick) break; // sorted by start
      if (n.endTick < view.scrollTick) continue;
      const x = (n.startTick - view.scrollTick) * view.pxPerTick;
      ctx.fillRect(x, yOf(n.pitch), Math.max(1.5, (n.endTick - n.startTick) * view.pxPerTick - 1), noteHeight);
      drawn++;
    }
  }
  ctx.globalAlpha = 1;
  return drawn;
}

/** An audio lane's clips: each shows its stretch of the source's waveform. */
export function drawAudioClips(
  ctx: CanvasRenderingContext2D,
  view: LaneView,
  tempoMap: TempoMap,
  peaks: WaveformPeaks,
  clips: readonly AudioClip[],
  color: string,
  alpha: number,
): void {
  const xOfSeconds = (s: number): number => (tempoMap.secondsToTick(s) - view.scrollTick) * view.pxPerTick;
  const secondsAtX = (x: number): number => tempoMap.tickToSeconds(Math.max(0, view.scrollTick + x / view.pxPerTick));
  ctx.globalAlpha = alpha;
  for (const clip of clips) {
    const left = Math.max(0, Math.floor(xOfSeconds(clip.startSeconds)));
    const right = Math.min(view.width, Math.ceil(xOfSeconds(clip.startSeconds + clip.lengthSeconds)));
    if (right <= left) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, PAD, right - left, view.height - 2 * PAD);
    ctx.clip();
    ctx.translate(0, PAD);
    drawWaveform(ctx, peaks, view.width, view.height - 2 * PAD, (x) => clip.offsetSeconds + secondsAtX(x) - clip.startSeconds, color);
    ctx.restore();
  }
  ctx.globalAlpha = 1;
}
