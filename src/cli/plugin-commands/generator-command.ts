/**
 * `alea <generator-id> <seed.mid> -o <out.mid> [param flags]`: every MIDI generator in the
 * registry, its flags derived from its params. Continue is `alea continue`.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { basename } from 'node:path';
import { isAleaError } from '../../core/errors.ts';
import { writeMidi } from '../../core/music/midi-io.ts';
import { withTranscribedSeed } from '../../ml/transcribe/info.ts';
import { emptySeed } from '../../plugins/builtin/continue/from-nothing.ts';
import type { MidiGeneratorPlugin, ParamSpec } from '../../plugins/types.ts';
import { refuseOverwritingInput, writeOutputFile } from '../file-io.ts';
import { FolderModelResolver } from '../model-resolver.ts';
import { addParamOptions, flagName, paramHelp, paramsFromCommand, parseParamText, presetOption } from '../param-options.ts';
import { ProgressBar } from '../progress.ts';
import { action, usageError } from '../run-command.ts';
import { outputPaths } from './output-paths.ts';
import { readSeed } from './seed-input.ts';

/** The text a generator's `track` flag got when it named a track instead of giving an index. */
class TrackName {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/**
 * A generator's `track` param (the seed track's index) also takes a track's name on the command
 * line: `--track melody`. Same flag name and default as derived, so it still agrees with the spec.
 */
function trackOption(spec: ParamSpec): Option {
  return new Option(`--${flagName(spec.id)} <name|index>`, paramHelp(spec))
    .default(spec.default)
    .argParser((text: string) => (/^-?\d+$/.test(text.trim()) ? parseParamText(spec, text) : new TrackName(text)));
}

/** `--bars 5-8`: a first and last bar, for generators that rewrite a span (infill). */
class BarSpan {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {}
}

function barSpanOption(): Option {
  return new Option('--bars <first-last>', 'the bars to rewrite, counted from 1, e.g. 5-8 (sets --from-bar and --to-bar)').argParser((text: string) => {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
    if (match === null) throw new InvalidArgumentError(`expected a bar range like 5-8, got '${text}'`);
    return new BarSpan(Number(match[1]), Number(match[2] ?? match[1]));
  });
}

/** The command for one generator (exported so tests can read its options). */
export function generatorCommand(plugin: MidiGeneratorPlugin): Command {
  const { descriptor } = plugin;
  const ids = new Set(descriptor.params.map((spec) => spec.id));
  const seedHelp = 'the seed .mid file, or a .wav (a hum, a sung or played melody) transcribed to notes first';
  const command = new Command(descriptor.id)
    .description(`${descriptor.description.replace(/\.$/, '')} (${descriptor.kind} plugin, version ${descriptor.version})`)
    .argument(ids.has('fromNothing') ? '[seed]' : '<seed>', ids.has('fromNothing') ? `${seedHelp}; none with --from-nothing` : seedHelp)
    .requiredOption('-o, --output <file>', 'output .mid (several variations: <name>-1.mid … <name>-N.mid; a folder: <seed>-<plugin>-K.mid)');
  const track = descriptor.params.find((spec) => spec.id === 'track' && spec.kind === 'int');
  addParamOptions(command, descriptor.params, track === undefined ? {} : { track: { option: trackOption(track) } });
  if (ids.has('fromBar') && ids.has('toBar') && !ids.has('bars')) command.addOption(barSpanOption());
  command.addOption(presetOption(descriptor));
  command.option('--json', 'print the written files and their provenance as JSON');
  // a missing seed or -o is bad usage (exit 2) in the same one-line form as the top level's errors
  command.exitOverride().configureOutput({ outputError: (text, write) => write(`alea: ${text.replace(/^error: /, '')}`) });
  return command.action(
    action(async (seedPath: string | undefined, options: Record<string, unknown>, self: Command) =>
      runGenerator(plugin, checkSeedArgument(seedPath, options, self), options, self),
    ),
  );
}

/**
 * The seed file is required, except with --from-nothing, which takes none; --meter and --tempo
 * only describe a song started from nothing. Returns the seed path, or null from nothing.
 */
function checkSeedArgument(seedPath: string | undefined, options: Record<string, unknown>, command: Command): string | null {
  const fromNothing = options.fromNothing === true;
  if (fromNothing && seedPath !== undefined) throw usageError(`--from-nothing takes no seed file (got '${seedPath}')`);
  if (!fromNothing && seedPath === undefined) throw usageError('missing the seed file (a .mid or .wav), or --from-nothing to start from an empty song');
  if (!fromNothing) {
    const stray = ['meter', 'tempo'].filter((id) => command.getOptionValueSource(id) === 'cli');
    if (stray.length > 0) throw usageError(`${stray.map((id) => `--${id}`).join(' and ')} ${stray.length > 1 ? 'apply' : 'applies'} only with --from-nothing`);
  }
  return seedPath ?? null;
}

async function runGenerator(plugin: MidiGeneratorPlugin, seedFile: string | null, options: Record<string, unknown>, command: Command): Promise<void> {
  if (options.bars instanceof BarSpan) {
    // the span counts as typed flags, so it wins over a preset like --from-bar/--to-bar would
    command.setOptionValueWithSource('fromBar', options.bars.from, 'cli');
    command.setOptionValueWithSource('toBar', options.bars.to, 'cli');
    options = { ...options, fromBar: options.bars.from, toBar: options.bars.to };
  }
  const named = options.track instanceof TrackName ? options.track.name : undefined;
  const params = await paramsFromCommand(command, plugin.descriptor, { ...options, track: named === undefined ? options.track : -1 });
  const inputs = seedFile === null ? [] : [seedFile];
  // from nothing, outputs in a folder are named 'from-nothing-continue-K.mid'
  const seedPath = seedFile ?? 'from-nothing.mid';
  await refuseOverwritingInput(String(options.output), inputs);
  // from nothing the plugin makes the empty song itself from the params (meter, tempo, key)
  const { song: seed, transcribedWith } = seedFile === null ? { song: emptySeed({ meter: '4/4', bpm: 120, key: 'off' }), transcribedWith: null } : await readSeed(seedFile);
  const models = new FolderModelResolver();
  try {
    const progress = new ProgressBar(plugin.descriptor.id);
    const generated = await plugin
      .generate({
        song: seed,
        params,
        models,
        // nothing shown until work is under way: a model that fails to load leaves one error line
        onProgress: (p) => p.done > 0 && progress.update(p.total > 0 ? p.done / p.total : 0),
        ...(named === undefined ? {} : { trackName: named }),
      })
      .catch((error: unknown) => {
        // A problem with the seed's content ("no notes in the chosen track") names the seed file.
        throw isAleaError(error) && error.file === undefined && error.kind !== 'model' ? error.inFile(seedPath) : error;
      })
      .finally(() => progress.done());
    // a continuation of a hum says it was transcribed, and with which model
    const variations = transcribedWith === null ? generated : generated.map((v) => ({ ...v, provenance: withTranscribedSeed(v.provenance, transcribedWith) }));
    const paths = await outputPaths(String(options.output), seedPath, variations.length, plugin.descriptor.id);
    for (const path of paths) await refuseOverwritingInput(path, inputs);
    for (const [i, variation] of variations.entries()) {
      await writeOutputFile(paths[i], writeMidi(variation.song, seedFile === null ? variation.provenance : { ...variation.provenance, source: basename(seedFile) }));
    }
    if (options.json === true) {
      const report = { files: paths, continuationStartTick: variations[0]?.startTick ?? 0, provenance: variations.map((v) => v.provenance) };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      for (const path of paths) process.stdout.write(`wrote ${path}\n`);
    }
  } finally {
    await models.dispose();
  }
}
