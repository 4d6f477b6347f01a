import type { Command } from 'commander';
import { totalmem } from 'node:os';
import { basename } from 'node:path';
import { action } from '../run-command.ts';
import { readInputFile, refuseFolderOutput, refuseOverwritingInput, writeOutputStream } from '../file-io.ts';
import { parseChoiceOption } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { readMidi } from '../../core/music/midi-io.ts';
import { noteCount } from '../../core/music/song.ts';
import { wavPieces, type WavBitDepth } from '../../core/audio/wav-write.ts';
import { audioDuration } from '../../core/audio/audio-data.ts';
import { peakDb } from '../../core/audio/levels.ts';
import { badInput, isAleaError } from '../../core/errors.ts';
import { ALEA_VERSION } from '../../core/provenance.ts';
import { createProject } from '../../engine/project.ts';
import { renderProjectOffline } from '../../engine/render-node.ts';

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
  const mix = await renderProjectOffline(createProject(song), {
    sampleRate: options.sampleRate,
    maxFrames: renderFrameLimit(),
    onProgress: (fraction) => progress.update(fraction),
  }).catch((error: unknown) => {
    throw isAleaError(error) && error.file === undefined ? error.inFile(songPath) : error;
  });
  progress.done();
  // The master stage already limits to −1 dBFS, so the mix is written as it is (no second copy),
  // streamed out in blocks rather than encoded whole in memory.
  const audio = mix;
  const pieces = wavPieces(audio, {
    bitDepth: options.bitDepth,
    provenance: {
      generator: `Alea ${ALEA_VERSION} render`,
      source: basename(songPath),
      params: { bitDepth: String(options.bitDepth), sampleRate: options.sampleRate },
    },
  });
  await writeOutputStream(options.output, async (write) => {
    for (const piece of pieces) await write(piece);
  });
  const seconds = audioDuration(audio);
  const wall = (performance.now() - started) / 1000;
  const summary = { output: options.output, seconds: round(seconds), peakDb: round(peakDb(audio)), timesRealTime: round(seconds / wall) };
  process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `wrote ${summary.output}: ${summary.seconds} s, peak ${summary.peakDb} dBFS, ${summary.timesRealTime}× real time\n`);
}

/**
 * The mix, one track and the limiter's envelopes take up to about 40 bytes per stereo frame; a
 * render that would need more than half of this machine's memory is refused before it starts.
 */
const BYTES_PER_FRAME = 40;

function renderFrameLimit(): number {
  const fromEnv = Number(process.env.ALEA_RENDER_MAX_FRAMES);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.floor(totalmem() / 2 / BYTES_PER_FRAME);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
