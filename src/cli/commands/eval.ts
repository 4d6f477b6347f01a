import type { Command } from 'commander';
import { action } from '../run-command.ts';
import { parseChoiceOption, parseFloatOption, parseIntOption } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { resolveModelDir } from '../model-location.ts';
import { recordInCard } from '../card-update.ts';
import { refreshModelIndexFor } from './models.ts';
import { REGISTER_CHOICES, REGISTER_MARGINS, continueDescriptor } from '../../plugins/builtin/continue/descriptor.ts';

/** The continuations' register when not asked: what Continue itself uses. */
const DEFAULT_REGISTER = String(continueDescriptor.params.find((spec) => spec.id === 'register')?.default ?? 'free');

const FAMILIES = ['transformer', 'vae', 'gan'] as const;

interface EvalOptions {
  model: string;
  data: string;
  validFraction: number;
  maxPieces?: number;
  continuations: number;
  /** the continuations' register choice (Continue's Register param) */
  register: string;
  seed: number;
  cache: string;
  json?: boolean;
  updateCard?: boolean;
  /** gan: the validation segments rendered from another SoundFont */
  otherBank?: string;
  /** vae: the training note set, whose mean spectrum per pitch is the baseline */
  baselineData?: string;
  /** vae: its flow prior (flowNll, gaussianNll) */
  flow?: string;
  notes: number;
  morphPairs: number;
  morphSteps: number;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('score a model on held-out data (likelihood, and statistics of its continuations)')
    .argument('<family>', `model family: ${FAMILIES.join(', ')}`, parseChoiceOption('<family>', FAMILIES))
    .requiredOption('--model <dir|name>', 'model folder, or the name of a shipped model')
    .requiredOption('--data <dir>', 'a folder of MIDI files (its validation split is scored), or the JSB folder')
    .option('--valid-fraction <f>', 'share of files held out by file-name hash, as in training', parseFloatOption('--valid-fraction', 0.01, 1), 0.1)
    .option('--max-pieces <n>', 'score the likelihood of at most this many validation pieces (continuations: --continuations)', parseIntOption('--max-pieces', 1, 1_000_000))
    .option('--continuations <n>', 'songs for the continuation statistics, two continuations each (0 = skip)', parseIntOption('--continuations', 0, 10_000), 100)
    .option('--register <choice>', "the continuations' register: seed, wide or free (default: Continue's)", parseChoiceOption('--register', REGISTER_CHOICES), DEFAULT_REGISTER)
    .option('--seed <s>', 'random seed of the continuations', parseIntOption('--seed', 0, 2 ** 31 - 1), 0)
    .option('--cache <dir>', 'tokenized corpus cache', '.cache/transformer')
    .option('--json', 'print the figures as JSON')
    .option('--other-bank <dir>', 'gan: the same validation segments rendered from another SoundFont (the other-bank ceiling)')
    .option('--baseline-data <dir>', 'vae: the training note set (its mean spectrum per pitch is lsdBaselineMean); default: the evaluated set')
    .option('--flow <dir|name>', 'vae: its flow prior, for flowNll and gaussianNll')
    .option('--notes <n>', 'vae: notes to reconstruct, spread over the set', parseIntOption('--notes', 1, 100_000), 300)
    .option('--morph-pairs <n>', 'vae: random pairs of instruments to morph', parseIntOption('--morph-pairs', 0, 10_000), 30)
    .option('--morph-steps <n>', 'vae: steps of each morph', parseIntOption('--morph-steps', 3, 101), 9)
    .option('--update-card', "record the figures in the model's card.json (as eval.<name> metrics)")
    .action(action(async (family: string, options: EvalOptions) => (family === 'gan' ? runEvalGan(options) : family === 'vae' ? runEvalVae(options) : runEval(options))));
}

async function runEval(options: EvalOptions): Promise<void> {
  const modelDir = await resolveModelDir(options.model);
  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { evaluateTransformer } = await import('../../ml/transformer/node.ts');
  await initBackend();
  const bars = new Map<string, ProgressBar>();
  const figures = await evaluateTransformer({
    modelDir,
    dataDir: options.data,
    validFraction: options.validFraction,
    maxPieces: options.maxPieces,
    continuationSongs: options.continuations,
    registerMargin: REGISTER_MARGINS[options.register],
    seed: options.seed,
    cacheDir: options.cache,
    onSkipped: (lines) => process.stderr.write(`alea: skipped ${lines.length} unreadable file(s) in ${options.data}:\n${lines.map((l) => `  ${l}\n`).join('')}`),
    onProgress: (stage, fraction) => {
      const bar = bars.get(stage) ?? new ProgressBar(stage);
      bars.set(stage, bar);
      bar.update(fraction);
    },
  });
  for (const bar of bars.values()) bar.done();
  if (options.updateCard) {
    await recordInCard(modelDir, figures);
    await refreshModelIndexFor(modelDir);
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ model: modelDir, data: options.data, figures }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${modelDir} on ${options.data}\n`);
  for (const [name, value] of Object.entries(figures)) {
    process.stdout.write(`  ${name.padEnd(20)} ${Number.isInteger(value) ? value : value.toFixed(4)}\n`);
  }
}

async function runEvalGan(options: EvalOptions): Promise<void> {
  const modelDir = await resolveModelDir(options.model);
  const { evalGanCommand } = await import('./eval-gan.ts');
  await evalGanCommand({ modelDir, data: options.data, otherBank: options.otherBank, maxSegments: options.maxPieces, json: options.json, updateCard: options.updateCard });
}

async function runEvalVae(options: EvalOptions): Promise<void> {
  const { evalVaeCommand } = await import('./eval-vae.ts');
  await evalVaeCommand(options);
}
