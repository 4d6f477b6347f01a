/** `alea train vae` and `alea train flow`: the Latent Synth's timbre VAE and its flow prior. */
import { usageError } from '../run-command.ts';
import { resolveModelDir } from '../model-location.ts';
import { reportTrainedModel, trainingProgressPrinter } from '../training-progress.ts';
import { refreshModelIndexFor } from './models.ts';

export interface TrainTimbreOptions {
  data?: string;
  out: string;
  steps?: number;
  resume?: boolean;
  cache?: string;
  validation?: string;
  vae?: string;
  init?: string;
  workers?: number;
  preset?: string;
  json?: boolean;
}

export async function trainVaeCommand(options: TrainTimbreOptions): Promise<void> {
  if (options.data === undefined) throw usageError('--data <dir> is required: a note set from `alea dataset notes`');
  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { trainVae, VAE_RECIPES } = await import('../../ml/vae/train-vae-node.ts');
  const recipe = VAE_RECIPES[options.preset ?? 'timbre-vae'];
  if (recipe === undefined) throw usageError(`--preset for a VAE must be one of ${Object.keys(VAE_RECIPES).join(', ')}, got '${options.preset}'`);
  await initBackend();
  const { card, outDir } = await trainVae({
    dataDir: options.data,
    validationDir: options.validation,
    outDir: options.out,
    recipe,
    steps: options.steps,
    resume: options.resume === true,
    cacheDir: options.cache,
    workers: options.workers,
    initDir: options.init,
    onLog: (line) => process.stderr.write(`${line}\n`),
    onProgress: trainingProgressPrinter('notes'),
  });
  await refreshModelIndexFor(outDir);
  reportTrainedModel(card, outDir, options.json === true);
}

export async function trainFlowCommand(options: TrainTimbreOptions): Promise<void> {
  if (options.data === undefined) throw usageError('--data <dir> is required: the note set the VAE was trained on');
  const vaeDir = await resolveModelDir(options.vae ?? 'timbre-vae');
  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { trainFlow } = await import('../../ml/flow/train-flow-node.ts');
  await initBackend();
  const { card, outDir } = await trainFlow({
    vaeDir,
    dataDir: options.data,
    validationDir: options.validation,
    outDir: options.out,
    steps: options.steps,
    resume: options.resume === true,
    cacheDir: options.cache,
    onLog: (line) => process.stderr.write(`${line}\n`),
    onProgress: trainingProgressPrinter('latents'),
  });
  await refreshModelIndexFor(outDir);
  reportTrainedModel(card, outDir, options.json === true);
}
