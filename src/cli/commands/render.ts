import type { Command } from 'commander';
import { basename } from 'node:path';
import { action } from '../run-command.ts';
import { readInputFile, refuseFolderOutput, refuseOverwritingInput, writeOutputStream } from '../file-io.ts';
import { parseChoiceOption } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { readMidi } from '../../core/music/midi-io.ts';
import { noteCount } from '../../core/music/song.ts';
import { DEFAULT_BPM } from '../../core/music/tempo-map.ts';
import { WavStreamWriter, type WavBitDepth } from '../../core/audio/wav-write.ts';
import { gainToDb } from '../../core/audio/levels.ts';
import { badInput, isAleaError } from '../../core/errors.ts';
import { ALEA_VERSION } from '../../core/provenance.ts';
import { createProject } from '../../engine/project.ts';
import { renderProjectBlocks } from '../../engine/render-node.ts';

interface RenderOptions {
  output: string;
  bitDepth: WavBitDepth;
  sampleRate: number;
  json?: boolean;
}

const BIT_DEPTHS = ['16', '24', '32f'] as const;
const SAMPLE_RATES = ['44100', '48000'] as const;

export function registerRender(program: Command): void {
  program
    .command('render')
    .description('render a MIDI file to a WAV file with the built-in instruments')
    .argument('<song>', 'a .mid file')
    .requiredOption('-o, --output <file>', 'the .wav file to write')
    .option('--bit-depth <depth>', 'sample format: 16, 24 or 32f', (v: string) => toBitDepth(parseChoiceOption('--bit-depth', BIT_DEPTHS)(v)), 24)
    .option('--sample-rate <hz>', 'sample rate: 44100 or 48000', (v: string) => Number(parseChoiceOption('--sample-rate', SAMPLE_RATES)(v)), 44100)
    .option('--json', 'print a JSON summary')
    .action(action(async (songPath: string, options: RenderOptions) => render(songPath, options)));
}

function toBitDepth(value: (typeof BIT_DEPTHS)[number]): WavBitDepth {
  return value === '32f' ? '32f' : value === '16' ? 16 : 24;
}

async function render(songPath: string, options: RenderOptions): Promise<void> {
  await refuseFolderOutput(options.output);
  await refuseOverwritingInput(options.output, [songPath]);
  const song = readMidi(await readInputFile(songPath), songPath);
  if (noteCount(song) === 0) throw badInput('has no notes to render', songPath);
  const progress = new ProgressBar('rendering');
  const started = performance.now();
  const provenance = {
    generator: `Alea ${ALEA_VERSION} render`,
    source: basename(songPath),
    // the tempo lets a transcription of the render (an audio seed) keep the song's beat
    params: { bitDepth: String(options.bitDepth), sampleRate: options.sampleRate, bpm: song.tempos[0]?.bpm ?? DEFAULT_BPM },
  };
  // Rendered block by block straight into the file: memory stays flat however long the song.
  const summary = await writeOutputStream(options.output, async (write) => {
    let wav: WavStreamWriter | undefined;
    const result = await renderProjectBlocks(
      createProject(song),
      {
        start: async (frames, sampleRate) => {
          wav = new WavStreamWriter({ sampleRate, channelCount: 2, frames }, { bitDepth: options.bitDepth, provenance });
          await write(wav.header());
        },
        block: async (channels) => {
          if (wav !== undefined) await write(wav.encode(channels));
        },
      },
      { sampleRate: options.sampleRate, onProgress: (fraction) => progress.update(fraction) },
    );
    if (wav !== undefined) await write(wav.end());
    return result;
  }).catch((error: unknown) => {
    throw isAleaError(error) && error.file === undefined ? error.inFile(songPath) : error;
  });
  progress.done();
  const seconds = summary.frames / summary.sampleRate;
  const wall = (performance.now() - started) / 1000;
  const report = { output: options.output, seconds: round(seconds), peakDb: round(gainToDb(summary.peak)), timesRealTime: round(seconds / wall) };
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `wrote ${report.output}: ${report.seconds} s, peak ${report.peakDb} dBFS, ${report.timesRealTime}× real time\n`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
