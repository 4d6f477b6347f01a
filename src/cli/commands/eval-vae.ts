/**
 * `alea eval vae`: the timbre VAE's figures on a note set (ideally rendered from a SoundFont it
 * never heard), with the flow prior's likelihood of the same sounds' latents.
 */
import { AleaError } from '../../core/errors.ts';
import { resolveModelDir } from '../model-location.ts';
import { ProgressBar } from '../progress.ts';
import { recordInCard } from '../card-update.ts';
import { refreshModelIndexFor } from './models.ts';

export interface EvalVaeOptions {
  model: string;
  data: string;
  baselineData?: string;
  flow?: string;
  notes: number;
  morphPairs: number;
  morphSteps: number;
  seed: number;
  json?: boolean;
  updateCard?: boolean;
}

export async function evalVaeCommand(options: EvalVaeOptions): Promise<void> {
  const modelDir = await resolveModelDir(options.model);
  const flowDir = options.flow === undefined ? undefined : await resolveModelDir(options.flow);
  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { loadTimbreVae, encodeNoteSet, noteAtRate } = await import('../../ml/vae/load-node.ts');
  const { loadNoteSet } = await import('../../ml/vae/note-set-node.ts');
  const { evaluateVae } = await import('../../ml/vae/evaluate.ts');
  const { loadFlowPrior } = await import('../../ml/flow/load-node.ts');
  await initBackend();
  const data = await loadNoteSet(options.data);
  const baselineSet = options.baselineData === undefined ? undefined : await loadNoteSet(options.baselineData);
  const vae = await loadTimbreVae(modelDir);
  try {
    const picks = spread(data.manifest.notes.length, options.notes);
    const toEval = (set: typeof data, i: number): { samples: Float32Array; pitch: number; velocity: number; program: number } => ({
      samples: noteAtRate(set, i, vae.config.sampleRate),
      pitch: set.manifest.notes[i].pitch,
      velocity: set.manifest.notes[i].velocity,
      program: set.manifest.notes[i].program,
    });
    const notes = picks.map((i) => toEval(data, i));
    // The mean-spectrum baseline: the training notes when given, else the evaluated set itself.
    const baseline = baselineSet ? spread(baselineSet.manifest.notes.length, 4 * options.notes).map((i) => toEval(baselineSet, i)) : notes;
    const bar = new ProgressBar('evaluating');
    const figures: Record<string, number> = { ...evaluateVae(vae, notes, baseline, { seed: options.seed, morphPairs: options.morphPairs, morphSteps: options.morphSteps, onProgress: (d, t) => bar.update(d / t) }) };
    bar.done();
    if (flowDir !== undefined) {
      const flow = await loadFlowPrior(flowDir, vae);
      try {
        const latents = encodeNoteSet(vae, data, picks);
        const rows = Array.from({ length: picks.length }, (_, i) => latents.slice(i * vae.latentDim, (i + 1) * vae.latentDim));
        const logProbs = flow.logProb(rows);
        figures.flowNll = -mean(logProbs);
        figures.gaussianNll = mean(rows.map((z) => 0.5 * z.reduce((s, v) => s + v * v, 0) + 0.5 * z.length * Math.log(2 * Math.PI)));
        figures.typicalityMedianPercentile = median(rows.map((z) => flow.typicality(z).percentile));
      } finally {
        flow.dispose();
      }
    }
    const finite = Object.fromEntries(Object.entries(figures).filter(([, v]) => Number.isFinite(v)));
    if (options.updateCard) {
      await recordInCard(modelDir, finite);
      await refreshModelIndexFor(modelDir);
      // The flow's own card gets the figures that measure it (held-out latents of these notes).
      if (flowDir !== undefined && Number.isFinite(figures.flowNll)) {
        await recordInCard(flowDir, { flowNll: figures.flowNll, gaussianNll: figures.gaussianNll, typicalityMedianPercentile: figures.typicalityMedianPercentile, heldOutNotes: picks.length });
        await refreshModelIndexFor(flowDir);
      }
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ model: modelDir, data: options.data, baseline: options.baselineData ?? options.data, flow: flowDir ?? null, figures }, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${modelDir} on ${options.data}\n`);
    for (const [name, value] of Object.entries(figures)) process.stdout.write(`  ${name.padEnd(28)} ${Number.isInteger(value) ? value : value.toFixed(4)}\n`);
  } finally {
    vae.dispose();
  }
}

/** `count` indices spread evenly over 0..total−1 (all of them when count ≥ total). */
function spread(total: number, count: number): number[] {
  if (total === 0) throw new AleaError('bad-input', 'the note set holds no notes');
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor((i * total) / count));
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
