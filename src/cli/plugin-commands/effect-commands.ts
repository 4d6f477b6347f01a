/**
 * `alea <midi-effect-id> <in.mid> -o <out.mid>` and `alea <audio-effect-id> <in.wav|in.mid> -o <out.wav>`:
 * every effect in the registry on the command line, flags derived from its params.
 */
import { Command } from 'commander';
import { basename } from 'node:path';
import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import { readMidi, writeMidi } from '../../core/music/midi-io.ts';
import { ALEA_VERSION, type ModelRef, type Provenance } from '../../core/provenance.ts';
import type { AudioEffectPlugin, MidiEffectPlugin, ParamSpec, ParamValues, PluginDescriptor } from '../../plugins/types.ts';
import { readInputFile, refuseFolderOutput, refuseOverwritingInput, writeOutputFile } from '../file-io.ts';
import { FolderModelResolver } from '../model-resolver.ts';
import { parseChoiceOption } from '../options.ts';
import { addParamOptions, paramsFromCommand, presetOption } from '../param-options.ts';
import { ProgressBar } from '../progress.ts';
import { action, usageError } from '../run-command.ts';
import { DEFAULT_SOUNDFONTS, openAudioInput } from './audio-input.ts';
import { processAudioFile } from './effect-file.ts';

function provenanceOf(descriptor: PluginDescriptor, params: ParamValues, source: string): Provenance {
  return { generator: `Alea ${ALEA_VERSION} ${descriptor.id}`, params: { ...params }, source };
}

export function midiEffectCommand(plugin: MidiEffectPlugin): Command {
  const { descriptor } = plugin;
  const command = new Command(descriptor.id)
    .description(`${descriptor.description.replace(/\.$/, '')} (${descriptor.kind} plugin, version ${descriptor.version})`)
    .argument('<song>', 'the .mid file to change')
    .requiredOption('-o, --output <file>', 'the .mid file to write');
  addParamOptions(command, descriptor.params);
  command.addOption(presetOption(descriptor));
  return command.action(
    action(async (songPath: string, options: Record<string, unknown>, self: Command) => {
      const params = await paramsFromCommand(self, descriptor, options);
      const output = String(options.output);
      await refuseOverwritingInput(output, [songPath]);
      const song = readMidi(await readInputFile(songPath), songPath);
      await writeOutputFile(output, writeMidi(plugin.process(song, params), provenanceOf(descriptor, params, basename(songPath))));
      process.stdout.write(`wrote ${output}\n`);
    }),
  );
}

const BIT_DEPTHS = ['16', '24', '32f'] as const;

function toBitDepth(value: (typeof BIT_DEPTHS)[number]): WavBitDepth {
  return value === '32f' ? '32f' : value === '16' ? 16 : 24;
}

/** The model that ran (name + weight hash) replaces the `model` params' references (a path says less, and the keys would clash). */
function provenanceWithModel(provenance: Provenance, descriptor: PluginDescriptor, model: ModelRef | undefined): Provenance {
  if (model === undefined) return provenance;
  const params = { ...provenance.params };
  for (const spec of descriptor.params) if (spec.kind === 'model') delete params[spec.id];
  return { ...provenance, model, params };
}

/** `--list-<param>s` for the choice params whose choices come from the model (plugin.listChoices). */
function listedChoiceParams(plugin: AudioEffectPlugin): ParamSpec[] {
  return plugin.listChoices === undefined ? [] : plugin.descriptor.params.filter((spec) => spec.kind === 'choice');
}

function listFlagKey(spec: ParamSpec): string {
  return `list${spec.id[0].toUpperCase()}${spec.id.slice(1)}s`;
}

export function audioEffectCommand(plugin: AudioEffectPlugin): Command {
  const { descriptor } = plugin;
  const listed = listedChoiceParams(plugin);
  const command = new Command(descriptor.id)
    .description(`${descriptor.description.replace(/\.$/, '')} (${descriptor.kind} plugin, version ${descriptor.version})`)
    .argument(listed.length > 0 ? '[audio]' : '<audio>', 'the .wav file to process, or a .mid file (rendered as piano first)');
  if (listed.length > 0) command.option('-o, --output <file>', 'the .wav file to write');
  else command.requiredOption('-o, --output <file>', 'the .wav file to write');
  addParamOptions(command, descriptor.params);
  command.addOption(presetOption(descriptor));
  command.option('--bit-depth <depth>', 'sample format: 16, 24 or 32f', (v: string) => toBitDepth(parseChoiceOption('--bit-depth', BIT_DEPTHS)(v)), 24);
  command.option('--soundfont <file>', `the General MIDI SoundFont a .mid input is rendered with (default: the first of ${DEFAULT_SOUNDFONTS.map((p) => basename(p)).join(', ')} installed)`);
  for (const spec of listed) command.option(`--list-${spec.id}s`, `print the ${spec.label.toLowerCase()}s the model offers, one a line, and exit`);
  return command.action(
    action(async (audioPath: string | undefined, options: Record<string, unknown>, self: Command) => {
      const params = await paramsFromCommand(self, descriptor, options);
      const models = new FolderModelResolver();
      try {
        const listing = listed.find((spec) => options[listFlagKey(spec)] === true);
        if (listing !== undefined && plugin.listChoices !== undefined) {
          for (const choice of await plugin.listChoices(listing.id, params, models)) process.stdout.write(`${choice}\n`);
          return;
        }
        if (audioPath === undefined) throw usageError(`${descriptor.id} needs an input file (.wav or .mid)`);
        if (typeof options.output !== 'string') throw usageError(`${descriptor.id} needs -o/--output <file.wav>`);
        const output = options.output;
        await refuseFolderOutput(output);
        await refuseOverwritingInput(output, [audioPath]);
        const source = await openAudioInput(audioPath, typeof options.soundfont === 'string' ? options.soundfont : undefined);
        const progress = new ProgressBar(descriptor.id);
        const bitDepth = options.bitDepth === 16 || options.bitDepth === '32f' ? options.bitDepth : 24;
        await processAudioFile(plugin, source, output, params, {
          bitDepth,
          models,
          onProgress: (p) => p.done > 0 && progress.update(p.total > 0 ? p.done / p.total : 1),
          provenance: (model) => provenanceWithModel(provenanceOf(descriptor, params, basename(audioPath)), descriptor, model),
        }).finally(async () => {
          progress.done();
          await source.close();
        });
        process.stdout.write(`wrote ${output}\n`);
      } finally {
        await models.dispose();
      }
    }),
  );
}
