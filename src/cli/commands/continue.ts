import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import { stat } from 'node:fs/promises';
import { action } from '../run-command.ts';
import { readInputFile, writeOutputFile } from '../file-io.ts';
import { parseFloatOption, parseIntOption } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { resolveModelDir } from '../model-location.ts';
import { formatKey, parseKey } from '../../core/music/key.ts';
import { readMidi, writeMidi } from '../../core/music/midi-io.ts';

interface ContinueCliOptions {
  output: string;
  model: string;
  bars: number;
  temperature: number;
  topP: number;
  topK: number;
  seed: number;
  variations: number;
  key?: string;
  track?: string;
  json?: boolean;
}

export function registerContinue(program: Command): void {
  program
    .command('continue')
    .description('write continuations of a seed MIDI with a Continue model (seed + new bars)')
    .argument('<seed>', 'the seed .mid file')
    .requiredOption('-o, --output <file>', 'output .mid (with --variations N > 1: <name>-1.mid … <name>-N.mid; a folder: <seed>-continue-K.mid)')
    .option('--model <dir|name>', 'model folder, or a shipped model: melody-pop909, folk-nottingham, chorale-jsb', 'melody-pop909')
    .option('--bars <n>', 'bars to add', parseIntOption('--bars', 1, 64), 8)
    .option('--temperature <t>', 'sampling temperature (lower = safer)', parseFloatOption('--temperature', 0.05, 2), 1)
    .option('--top-p <p>', 'nucleus sampling: keep the likeliest tokens up to this mass', parseFloatOption('--top-p', 0.05, 1), 0.95)
    .option('--top-k <k>', 'keep only the k likeliest tokens (0 = off)', parseIntOption('--top-k', 0, 500), 0)
    .option('--seed <s>', 'random seed: the same seed gives the same output', parseIntOption('--seed', 0, 2 ** 31 - 1), 1)
    .option('--variations <n>', 'how many continuations to write', parseIntOption('--variations', 1, 16), 1)
    .option('--key <key>', "stay in a key: C:major, F#:minor… or 'seed' for the seed's own key")
    .option('--track <name|index>', "seed track to continue (default: what the model was trained on, e.g. the melody)")
    .option('--json', 'print the written files and their provenance as JSON')
    .action(action(async (seedPath: string, options: ContinueCliOptions) => runContinue(seedPath, options)));
}

/** Output paths: one file as given; several as name-1.mid…; into a folder as <seed>-continue-K.mid. */
async function outputPaths(output: string, seedPath: string, count: number): Promise<string[]> {
  const isFolder = await stat(output).then((s) => s.isDirectory(), () => false);
  if (isFolder || output.endsWith('/')) {
    const stem = basename(seedPath, extname(seedPath));
    return Array.from({ length: count }, (_, i) => join(output, `${stem}-continue-${i + 1}.mid`));
  }
  if (count === 1) return [output];
  const extension = extname(output) || '.mid';
  const stem = output.slice(0, output.length - extname(output).length);
  return Array.from({ length: count }, (_, i) => `${stem}-${i + 1}${extension}`);
}

async function runContinue(seedPath: string, options: ContinueCliOptions): Promise<void> {
  const key = options.key === undefined || options.key === 'seed' ? (options.key ?? 'off') : formatKey(parseKey(options.key));
  const seedSong = readMidi(await readInputFile(seedPath), seedPath);
  const modelDir = await resolveModelDir(options.model);
  const [{ initBackend }, { loadModelFolder }, plugin, { parseTrackSelection }] = await Promise.all([
    import('../../ml/runtime/backend-node.ts'),
    import('../../ml/runtime/model-io-node.ts'),
    import('../../plugins/builtin/continue/index.ts'),
    import('../../ml/transformer/tokenizers/track-selection.ts'),
  ]);
  await initBackend();
  const model = plugin.ContinueModel.fromLoaded(await loadModelFolder(modelDir));
  try {
    const progress = new ProgressBar('continuing');
    const result = await plugin.generateContinuations(
      model,
      seedSong,
      {
        model: model.name,
        bars: options.bars,
        temperature: options.temperature,
        topK: options.topK,
        topP: options.topP,
        variations: options.variations,
        seed: options.seed,
        key,
        track: -1,
      },
      { onProgress: (f) => progress.update(f), ...(options.track !== undefined ? { track: parseTrackSelection(options.track) } : {}) },
    );
    progress.done();
    const paths = await outputPaths(options.output, seedPath, result.variations.length);
    for (const [i, song] of result.variations.entries()) {
      await writeOutputFile(paths[i], writeMidi(song, { ...result.provenance[i], source: basename(seedPath) }));
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ files: paths, continuationStartTick: result.continuationStartTick, provenance: result.provenance }, null, 2)}\n`);
    } else {
      for (const path of paths) process.stdout.write(`wrote ${path}\n`);
    }
  } finally {
    model.dispose();
  }
}
