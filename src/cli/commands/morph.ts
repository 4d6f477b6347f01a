/**
 * `alea morph`: the sounds between two sounds, through the timbre VAE's latent space, or a new
 * sound drawn from its flow prior (`--sample`). WAVs carry provenance (model, hash, params, seed).
 */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import { stat } from 'node:fs/promises';
import type { AudioData } from '../../core/audio/audio-data.ts';
import { resample } from '../../core/audio/resample.ts';
import { readWav } from '../../core/audio/wav-read.ts';
import { writeWav, type WavBitDepth } from '../../core/audio/wav-write.ts';
import { ALEA_VERSION, type Provenance } from '../../core/provenance.ts';
import { readInputFile, refuseOverwritingInput, writeOutputFile } from '../file-io.ts';
import { resolveModelDir } from '../model-location.ts';
import { parseChoiceOption, parseFloatOption, parseIntOption } from '../options.ts';
import { action, usageError } from '../run-command.ts';

interface MorphOptions {
  output: string;
  t?: number;
  steps?: number;
  pitch?: number;
  seconds: number;
  velocity: number;
  path: 'linear' | 'spherical';
  model: string;
  flow?: string;
  sample?: boolean;
  seed: number;
  temperature: number;
  sampleRate: number;
  bitDepth: WavBitDepth;
  json?: boolean;
}

const BIT_DEPTHS = ['16', '24', '32f'] as const;
const DEFAULT_FLOW = 'timbre-flow';
const SAMPLE_RATES = ['16000', '44100', '48000'] as const;

export function registerMorph(program: Command): void {
  program
    .command('morph')
    .description('morph between two sounds with the timbre VAE (Latent Synth), or draw a new sound (--sample)')
    .argument('[a]', 'the first sound (.wav)')
    .argument('[b]', 'the second sound (.wav)')
    .requiredOption('-o, --output <file|dir/>', 'the .wav to write, or a folder for --steps')
    .option('--t <t>', 'where between a (0) and b (1)', parseFloatOption('--t', 0, 1))
    .option('--steps <n>', 'write n sounds from a to b into the output folder', parseIntOption('--steps', 2, 101))
    .option('--pitch <midi>', "MIDI pitch to play (default: a's detected pitch, else 60)", parseFloatOption('--pitch', 0, 127))
    .option('--seconds <s>', 'how long the note is held (the release follows)', parseFloatOption('--seconds', 0.05, 30), 1)
    .option('--velocity <v>', 'MIDI velocity', parseIntOption('--velocity', 1, 127), 100)
    .option('--path <path>', 'linear or spherical interpolation', parseChoiceOption('--path', ['linear', 'spherical'] as const), 'linear')
    .option('--model <dir|name>', 'timbre VAE model folder or installed name', 'timbre-vae')
    .option('--flow <dir|name>', 'flow prior of that VAE, for typicality and --sample (default: timbre-flow when installed)')
    .option('--sample', 'draw a new sound from the flow prior instead of morphing')
    .option('--seed <s>', 'seed of --sample and of the noise', parseIntOption('--seed', 0, 2 ** 31 - 1), 0)
    .option('--temperature <t>', 'with --sample: below 1 stays nearer typical sounds', parseFloatOption('--temperature', 0.05, 2), 0.8)
    .option('--sample-rate <hz>', 'output rate: 16000 (the model), 44100 or 48000', (v: string) => Number(parseChoiceOption('--sample-rate', SAMPLE_RATES)(v)), 44100)
    .option('--bit-depth <depth>', '16, 24 or 32f', (v: string) => toBitDepth(parseChoiceOption('--bit-depth', BIT_DEPTHS)(v)), 24)
    .option('--json', 'print a JSON summary')
    .action(action(async (a: string | undefined, b: string | undefined, options: MorphOptions) => morph(a, b, options)));
}

function toBitDepth(value: (typeof BIT_DEPTHS)[number]): WavBitDepth {
  return value === '32f' ? '32f' : value === '16' ? 16 : 24;
}

interface Written {
  file: string;
  t?: number;
  seconds: number;
}

async function morph(a: string | undefined, b: string | undefined, options: MorphOptions): Promise<void> {
  if (options.sample) {
    if (a !== undefined || b !== undefined) throw usageError('--sample takes no input sounds');
  } else {
    if (a === undefined || b === undefined) throw usageError('give two sounds to morph between (or --sample)');
    if (options.t !== undefined && options.steps !== undefined) throw usageError('give --t or --steps, not both');
  }
  const inputs = [a, b].filter((x): x is string => x !== undefined);
  const toFolder = options.steps !== undefined;
  if (!toFolder) await refuseOverwritingInput(options.output, inputs);
  const soundA = a === undefined ? undefined : await readSound(a);
  const soundB = b === undefined ? undefined : await readSound(b);
  const modelDir = await resolveModelDir(options.model);
  const flowDir = options.flow !== undefined ? await resolveModelDir(options.flow) : await resolveModelDir(DEFAULT_FLOW).catch(() => undefined);

  const { initBackend } = await import('../../ml/runtime/backend-node.ts');
  const { loadTimbreVae } = await import('../../ml/vae/load-node.ts');
  const { loadFlowPrior } = await import('../../ml/flow/load-node.ts');
  const { encodeSound, commonPeakGain, NEUTRAL_PITCH } = await import('../../ml/vae/encode-sound.ts');
  const { morphLatent } = await import('../../ml/vae/latent-math.ts');
  await initBackend();
  const vae = await loadTimbreVae(modelDir);
  const flow = flowDir === undefined ? undefined : await loadFlowPrior(flowDir, vae).catch((error: unknown) => {
    if (options.sample) throw error;
    process.stderr.write(`alea: no typicality scores (${error instanceof Error ? error.message : String(error)})\n`);
    return undefined;
  });
  try {
    if (options.sample && flow === undefined) throw usageError(`--sample needs the flow prior of ${vae.name} (--flow)`);
    const model = { name: vae.name, sha256: vae.weightsHash };
    const render = (latent: Float32Array, pitch: number, seed: number): Float32Array =>
      vae.render(latent, { pitch, velocity: options.velocity, holdSeconds: options.seconds, seed });
    const jobs: { latent: Float32Array; t?: number; file: string }[] = [];
    let pitch: number;
    const report: Record<string, unknown> = {};
    if (options.sample && flow) {
      const [latent] = flow.sample(1, options.seed, options.temperature);
      pitch = options.pitch ?? NEUTRAL_PITCH;
      const typical = flow.typicality(latent);
      report.sample = { percentile: round(typical.percentile) };
      jobs.push({ latent, file: options.output });
    } else if (soundA && soundB && a !== undefined && b !== undefined) {
      const encA = encodeSound(vae, soundA, a);
      const encB = encodeSound(vae, soundB, b);
      for (const [file, enc] of [[a, encA], [b, encB]] as const) {
        for (const warning of enc.warnings) process.stderr.write(`alea: ${file}: ${warning}\n`);
        const typical = flow?.typicality(enc.latent);
        if (typical?.unusual) process.stderr.write(`alea: ${file}: far from the sounds ${vae.name} learned (percentile ${typical.percentile.toFixed(1)}); the morph may sound off\n`);
        report[file] = { pitch: enc.pitch, ...(typical ? { percentile: round(typical.percentile) } : {}) };
      }
      pitch = options.pitch ?? encA.pitch ?? NEUTRAL_PITCH;
      if (toFolder && options.steps !== undefined) {
        const stem = `${stemOf(a)}-${stemOf(b)}-morph`;
        for (let k = 0; k < options.steps; k++) {
          const t = k / (options.steps - 1);
          jobs.push({ latent: morphLatent(encA.latent, encB.latent, t, options.path), t, file: join(options.output, `${stem}-${k + 1}.wav`) });
        }
      } else {
        const t = options.t ?? 0.5;
        jobs.push({ latent: morphLatent(encA.latent, encB.latent, t, options.path), t, file: options.output });
      }
    } else {
      throw usageError('give two sounds to morph between (or --sample)');
    }
    if (toFolder) await refuseFileAsFolder(options.output);
    const sounds = jobs.map((job) => render(job.latent, pitch, options.seed));
    // One gain for the whole set, so a morph's loudness changes stay audible.
    const gain = commonPeakGain(sounds);
    const written: Written[] = [];
    for (let i = 0; i < jobs.length; i++) {
      const samples = sounds[i].map((v) => v * gain);
      let audio: AudioData = { sampleRate: vae.config.sampleRate, channels: [samples] };
      if (options.sampleRate !== audio.sampleRate) audio = resample(audio, options.sampleRate);
      const provenance: Provenance = {
        generator: `Alea ${ALEA_VERSION} morph`,
        model,
        seed: options.seed,
        ...(a !== undefined && b !== undefined ? { source: `${basename(a)} → ${basename(b)}` } : {}),
        params: {
          ...(jobs[i].t !== undefined ? { t: round(jobs[i].t ?? 0), path: options.path } : { sample: true, temperature: options.temperature }),
          pitch,
          velocity: options.velocity,
          seconds: options.seconds,
        },
      };
      await writeOutputFile(jobs[i].file, writeWav(audio, { bitDepth: options.bitDepth, provenance }));
      written.push({ file: jobs[i].file, ...(jobs[i].t !== undefined ? { t: round(jobs[i].t ?? 0) } : {}), seconds: round(samples.length / vae.config.sampleRate) });
    }
    const summary = { model: vae.name, weightsHash: vae.weightsHash, pitch, ...report, written };
    if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else for (const w of written) process.stdout.write(`wrote ${w.file}${w.t !== undefined ? ` (t=${w.t})` : ''}: ${w.seconds} s at pitch ${pitch}\n`);
  } finally {
    vae.dispose();
    flow?.dispose();
  }
}

async function readSound(path: string): Promise<AudioData> {
  return readWav(await readInputFile(path), path).audio;
}

async function refuseFileAsFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info !== undefined && !info.isDirectory()) throw usageError(`--steps writes a folder of sounds, and ${path} is a file`);
}

function stemOf(path: string): string {
  return basename(path, extname(path));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
