import type { Command } from 'commander';
import { action, usageError } from '../run-command.ts';
import { parseChoiceOption, parseIntOption } from '../options.ts';
import { refreshModelIndexFor } from './models.ts';
import { reportTrainedModel, trainingProgressPrinter } from '../training-progress.ts';

const FAMILIES = ['transformer', 'vae', 'flow', 'gan'] as const;

interface TrainOptions {
  data?: string;
  out: string;
  preset?: string;
  steps?: number;
  resume?: boolean;
  workers: number;
  cache?: string;
  /** gan, vae, flow: data from another SoundFont, for held-out figures */
  validation?: string;
  /** flow: the timbre VAE whose latents it learns */
  vae?: string;
  /** vae: a model folder to start from */
  init?: string;
  json?: boolean;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a model family on a folder of data and write a model folder')
    .argument('<family>', `model family: ${FAMILIES.join(', ')}`, parseChoiceOption('<family>', FAMILIES))
    .option('--data <dir>', "training data (a folder of MIDI files, or the JSB folder); default: the preset's")
    .requiredOption('--out <dir>', 'model folder to write (model.json, shards, config.json, card.json)')
    .option('--preset <name>', 'training recipe: transformer: melody-pop909 (default), folk-nottingham or chorale-jsb; vae: timbre-vae (default), timbre-vae-l1 (its first stage) or timbre-vae-smooth (a third stage that evens out morphs; use with --init) or timbre-vae-fine (a fourth that gives low notes clear harmonics; use with --init)')
    .option('--steps <n>', "optimizer steps (default: the preset's)", parseIntOption('--steps', 1, 10_000_000))
    .option('--resume', 'continue from the latest checkpoint of this output folder')
    .option('--workers <n>', 'data-parallel worker threads (one per core)', parseIntOption('--workers', 1, 16), 2)
    .option('--cache <dir>', 'checkpoints (and the tokenized corpus): default .cache/<family>')
    .option('--validation <dir>', 'gan: the validation segments rendered from another SoundFont (alea dataset styles --split validation); vae, flow: a note set from another SoundFont (alea dataset notes)')
    .option('--vae <dir|name>', 'flow: the timbre VAE whose latents the flow learns', 'timbre-vae')
    .option('--init <dir>', 'vae: start from the weights of this model folder (same layer sizes) instead of random ones')
    .option('--json', 'print the final card as JSON')
    .action(action(async (family: (typeof FAMILIES)[number], options: TrainOptions) => train(family, options)));
}

async function train(family: (typeof FAMILIES)[number], options: TrainOptions): Promise<void> {
  if (family === 'gan') return (await import('./train-gan.ts')).trainGanCommand(options);
  if (family === 'vae') return (await import('./train-timbre.ts')).trainVaeCommand(options);
  if (family === 'flow') return (await import('./train-timbre.ts')).trainFlowCommand(options);
  if (family !== 'transformer') throw usageError(`unknown family '${family}'`);
  const { PRESET_NAMES } = await import('../../ml/transformer/index.ts');
  const preset = PRESET_NAMES.find((name) => name === (options.preset ?? 'melody-pop909'));
  if (preset === undefined) throw usageError(`--preset must be one of ${PRESET_NAMES.join(', ')}, got '${options.preset}'`);
  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { trainTransformer } = await import('../../ml/transformer/node.ts');
  await initBackend();
  const started = performance.now();
  const { card, outDir } = await trainTransformer({
    outDir: options.out,
    preset,
    dataDir: options.data,
    steps: options.steps,
    resume: options.resume === true,
    parallel: options.workers,
    cacheDir: options.cache,
    onProgress: trainingProgressPrinter('tok'),
  });
  await refreshModelIndexFor(outDir);
  reportTrainedModel(card, outDir, options.json === true, (performance.now() - started) / 60_000);
}
