/**
 * `alea <midi-effect-id> <in.mid> -o <out.mid>` and `alea <audio-effect-id> <in.wav> -o <out.wav>`:
 * every effect in the registry on the command line, flags derived from its params.
 */
import { Command } from 'commander';
import { basename } from 'node:path';
import { readWav } from '../../core/audio/wav-read.ts';
import { writeWav, type WavBitDepth } from '../../core/audio/wav-write.ts';
import { readMidi, writeMidi } from '../../core/music/midi-io.ts';
import { ALEA_VERSION, type Provenance } from '../../core/provenance.ts';
import { processAudio } from '../../plugins/audio-stream.ts';
import type { AudioEffectPlugin, MidiEffectPlugin, ParamValues, PluginDescriptor } from '../../plugins/types.ts';
import { readInputFile, refuseOverwritingInput, writeOutputFile } from '../file-io.ts';
import { FolderModelResolver } from '../model-resolver.ts';
import { parseChoiceOption } from '../options.ts';
import { addParamOptions, paramsFromCommand, presetOption } from '../param-options.ts';
import { ProgressBar } from '../progress.ts';
import { action } from '../run-command.ts';

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

export function audioEffectCommand(plugin: AudioEffectPlugin): Command {
  const { descriptor } = plugin;
  const command = new Command(descriptor.id)
    .description(`${descriptor.description.replace(/\.$/, '')} (${descriptor.kind} plugin, version ${descriptor.version})`)
    .argument('<audio>', 'the .wav file to process')
    .requiredOption('-o, --output <file>', 'the .wav file to write');
  addParamOptions(command, descriptor.params);
  command.addOption(presetOption(descriptor));
  command.option('--bit-depth <depth>', 'sample format: 16, 24 or 32f', (v: string) => toBitDepth(parseChoiceOption('--bit-depth', BIT_DEPTHS)(v)), 24);
  return command.action(
    action(async (audioPath: string, options: Record<string, unknown>, self: Command) => {
      const params = await paramsFromCommand(self, descriptor, options);
      await refuseOverwritingInput(String(options.output), [audioPath]);
      const { audio } = readWav(await readInputFile(audioPath), audioPath);
      const models = new FolderModelResolver();
      try {
        const progress = new ProgressBar(descriptor.id);
        const processed = await processAudio(plugin, audio, params, {
          models,
          onProgress: (p) => p.done > 0 && progress.update(p.total > 0 ? p.done / p.total : 1),
        }).finally(() => progress.done());
        const output = String(options.output);
        const bitDepth = options.bitDepth === 16 || options.bitDepth === '32f' ? options.bitDepth : 24;
        await writeOutputFile(output, writeWav(processed, { bitDepth, provenance: provenanceOf(descriptor, params, basename(audioPath)) }));
        process.stdout.write(`wrote ${output}\n`);
      } finally {
        await models.dispose();
      }
    }),
  );
}
