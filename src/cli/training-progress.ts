/** Training progress on stderr, the same for every family: a line every 10 s and at each evaluation. */
import type { TrainingProgress } from '../ml/runtime/training-types.ts';

export function trainingProgressPrinter(unit: string, stream: NodeJS.WriteStream = process.stderr): (p: TrainingProgress) => void {
  let lastPrint = 0;
  return (p) => {
    const now = performance.now();
    if (p.eval === undefined && p.step !== p.steps && now - lastPrint < 10_000) return;
    lastPrint = now;
    const evalText = p.eval ? '  ' + Object.entries(p.eval).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ') : '';
    stream.write(`step ${p.step}/${p.steps}  loss ${p.loss.toFixed(4)}  lr ${p.learningRate.toExponential(2)}  ${p.itemsPerSecond.toFixed(0)} ${unit}/s  ${formatMinutes(p.elapsedSeconds)}${evalText}\n`);
  };
}

export function formatMinutes(seconds: number): string {
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/** The result line of every `alea train`: the folder, its size and the card's figures (or the card as JSON). */
export function reportTrainedModel(card: { parameters: number; steps: number; metrics: Record<string, number> }, outDir: string, json: boolean, minutes?: number): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(card, null, 2)}\n`);
    return;
  }
  const took = minutes === undefined ? '' : `, ${minutes.toFixed(1)} min`;
  process.stdout.write(`wrote ${outDir} (${card.parameters} parameters, ${card.steps} steps${took}): ${Object.entries(card.metrics).map(([k, v]) => `${k}=${Number(v.toFixed(4))}`).join(' ')}\n`);
}
