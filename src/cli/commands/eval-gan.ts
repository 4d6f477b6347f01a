/** `alea eval gan`: the Remix figures of a style model on the held-out songs of a style set. */
import { resolve } from 'node:path';
import { ProgressBar } from '../progress.ts';
import { recordInCard } from '../card-update.ts';
import { refreshModelIndexFor } from './models.ts';

export interface EvalGanCommandOptions {
  modelDir: string;
  data: string;
  /** the same validation segments rendered from another SoundFont */
  otherBank?: string;
  maxSegments?: number;
  json?: boolean;
  updateCard?: boolean;
}

export async function evalGanCommand(options: EvalGanCommandOptions): Promise<void> {
  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { loadStyleRemixer } = await import('../../ml/gan/load-node.ts');
  const { loadStyleSet } = await import('../../ml/gan/style-set-node.ts');
  const { evaluateGan } = await import('../../ml/gan/evaluate.ts');
  await initBackend();
  const remixer = await loadStyleRemixer(options.modelDir);
  const bars = new Map<string, ProgressBar>();
  let result;
  try {
    const data = await loadStyleSet(resolve(options.data));
    const otherBank = options.otherBank === undefined ? undefined : await loadStyleSet(resolve(options.otherBank));
    result = evaluateGan({
      remixer,
      data,
      otherBank,
      maxSegments: options.maxSegments,
      onProgress: (stage, fraction) => {
        const bar = bars.get(stage) ?? new ProgressBar(stage);
        bars.set(stage, bar);
        bar.update(fraction);
      },
    });
  } finally {
    remixer.dispose();
  }
  for (const bar of bars.values()) bar.done();
  if (options.updateCard) {
    await recordInCard(options.modelDir, result.figures);
    await refreshModelIndexFor(options.modelDir);
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ model: options.modelDir, data: options.data, otherBank: options.otherBank ?? null, figures: result.figures, perStyle: result.perStyle }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${options.modelDir} on ${options.data}${options.otherBank ? ` (other bank: ${options.otherBank})` : ''}\n`);
  const names = Object.keys(result.figures);
  const styles = Object.keys(result.perStyle);
  process.stdout.write(`  ${'figure'.padEnd(28)} ${['overall', ...styles].map((s) => s.padStart(9)).join(' ')}\n`);
  for (const name of names) {
    const cells = [result.figures[name], ...styles.map((s) => result.perStyle[s][name])].map((v) => (v === undefined ? '' : Number.isInteger(v) ? String(v) : v.toFixed(3)).padStart(9));
    process.stdout.write(`  ${name.padEnd(28)} ${cells.join(' ')}\n`);
  }
}
