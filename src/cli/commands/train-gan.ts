/** `alea train gan`: the style GAN on a style set (`alea dataset styles`), resumable. */
import { usageError } from '../run-command.ts';
import { refreshModelIndexFor } from './models.ts';
import { formatMinutes, reportTrainedModel } from '../training-progress.ts';

export interface TrainGanCommandOptions {
  data?: string;
  out: string;
  steps?: number;
  resume?: boolean;
  /** a style set rendered from another SoundFont (validation split), for held-out figures */
  validation?: string;
  cache?: string;
  json?: boolean;
}

export async function trainGanCommand(options: TrainGanCommandOptions): Promise<void> {
  if (options.data === undefined) throw usageError('alea train gan needs --data <dir> (a style set from alea dataset styles)');
  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { trainGan } = await import('../../ml/gan/train-gan-node.ts');
  await initBackend();
  const started = performance.now();
  let lastPrint = 0;
  const { card, outDir } = await trainGan({
    dataDir: options.data,
    validationDir: options.validation,
    outDir: options.out,
    steps: options.steps,
    resume: options.resume === true,
    cacheDir: options.cache === undefined || options.cache === '.cache/transformer' ? '.cache/gan' : options.cache,
    onLog: (line) => process.stderr.write(`${line}\n`),
    onProgress: (p) => {
      const now = performance.now();
      if (p.eval === undefined && p.step !== p.steps && p.step > 3 && now - lastPrint < 10_000) return;
      lastPrint = now;
      const groups = Object.entries(p.groups ?? {}).map(([name, g]) => `${name === 'discriminator' ? 'D' : 'G'} ${g.loss.toFixed(4)}`).join('  ');
      const evalText = p.eval ? '  ' + Object.entries(p.eval).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ') : '';
      const perStep = p.step > 0 ? p.elapsedSeconds / p.step : 0;
      process.stderr.write(`step ${p.step}/${p.steps}  ${groups}  lr ${p.learningRate.toExponential(2)}  ${perStep.toFixed(2)} s/step  ${formatMinutes(p.elapsedSeconds)}${evalText}\n`);
      if (p.eval?.valSpreadRatio !== undefined && p.eval.valSpreadRatio < 0.5) {
        process.stderr.write(`warning: possible mode collapse (generated spread is ${p.eval.valSpreadRatio.toFixed(2)} of the targets')\n`);
      }
    },
  });
  await refreshModelIndexFor(outDir);
  reportTrainedModel(card, outDir, options.json === true, (performance.now() - started) / 60_000);
}
