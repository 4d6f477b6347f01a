/**
 * The repeated work of the leak checks, as the CLI and app run it: short continue calls (the
 * shipped folk model), morphs (timbre VAE + flow prior), remixes (style GAN through the Remix
 * plugin), offline renders, and renders through the Tone.js graph (with its node census). Used by
 * tests/unit/reliability/leaks.test.ts (a few calls) and scripts/soak.ts (`npm run soak`: 200 each,
 * with heap figures).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AudioData } from '../../src/core/audio/audio-data.ts';
import { readWav } from '../../src/core/audio/wav-read.ts';
import { readMidi } from '../../src/core/music/midi-io.ts';
import type { Song } from '../../src/core/music/types.ts';
import { FolderModelResolver } from '../../src/cli/model-resolver.ts';
import { createProject } from '../../src/engine/project.ts';
import { loadToneEngine, renderProjectOffline, renderProjectWithToneInNode } from '../../src/engine/render-node.ts';
import type { FlowPrior } from '../../src/ml/flow/flow-prior.ts';
import { loadFlowPrior } from '../../src/ml/flow/load-node.ts';
import { encodeSound } from '../../src/ml/vae/encode-sound.ts';
import { morphLatent } from '../../src/ml/vae/latent-math.ts';
import { loadTimbreVae } from '../../src/ml/vae/load-node.ts';
import type { TimbreVae } from '../../src/ml/vae/timbre-vae.ts';
import { processAudio } from '../../src/plugins/audio-stream.ts';
import { remixPlugin } from '../../src/plugins/builtin/remix/index.ts';
import { initBackend } from '../../src/ml/runtime/backend-node.ts';
import { loadModelFolder } from '../../src/ml/runtime/model-io-node.ts';
import { ContinueModel, generateContinuations } from '../../src/plugins/builtin/continue/index.ts';
import { repoRoot } from '../fuzz/targets.ts';

export interface RepeatFigures {
  calls: number;
  tensorsBefore: number;
  tensorsAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  /** live Tone.js nodes (made, not disposed) before and after, where the work uses Tone */
  toneNodesBefore?: number;
  toneNodesAfter?: number;
  /** Tone contexts its Solo class still keeps state for (each one holds a render's whole graph) */
  toneContextsHeldBefore?: number;
  toneContextsHeldAfter?: number;
}

export function sampleSong(name = 'pop-8bar-melody.mid'): Song {
  const path = join(repoRoot, 'samples', name);
  return readMidi(new Uint8Array(readFileSync(path)), path);
}

export async function loadFolkModel(): Promise<ContinueModel> {
  await initBackend({ prefer: 'wasm' });
  return ContinueModel.fromLoaded(await loadModelFolder(join(repoRoot, 'models/folk-nottingham')));
}

async function repeat(calls: number, once: (i: number) => Promise<void>, afterEach?: (i: number) => void): Promise<RepeatFigures> {
  await once(-1); // warm-up: caches and kernels made once are not leaks
  const before = tf.memory();
  for (let i = 0; i < calls; i++) {
    await once(i);
    afterEach?.(i);
  }
  const after = tf.memory();
  return { calls, tensorsBefore: before.numTensors, tensorsAfter: after.numTensors, bytesBefore: before.numBytes, bytesAfter: after.numBytes };
}

/** `calls` one-bar continuations of an 8-bar seed, each with its own sampling seed. */
export async function repeatContinue(model: ContinueModel, calls: number, afterEach?: (i: number) => void): Promise<RepeatFigures> {
  const seed = sampleSong();
  const params = { model: model.name, bars: 1, temperature: 1, topK: 0, topP: 0.95, variations: 1, seed: 1, key: 'off', track: -1 };
  return repeat(calls, async (i) => void (await generateContinuations(model, seed, { ...params, seed: i + 2 })), afterEach);
}

/** `calls` offline renders of a sample song. */
export async function repeatRender(calls: number, afterEach?: (i: number) => void): Promise<RepeatFigures> {
  const project = createProject(sampleSong());
  return repeat(calls, async () => void (await renderProjectOffline(project)), afterEach);
}

export function sampleSound(name: string): AudioData {
  const path = join(repoRoot, 'samples', name);
  return readWav(new Uint8Array(readFileSync(path)), path).audio;
}

export interface MorphModels {
  vae: TimbreVae;
  flow: FlowPrior;
  dispose(): void;
}

export async function loadMorphModels(): Promise<MorphModels> {
  await initBackend({ prefer: 'wasm' });
  const vae = await loadTimbreVae(join(repoRoot, 'models/timbre-vae'));
  const flow = await loadFlowPrior(join(repoRoot, 'models/timbre-flow'), vae);
  return { vae, flow, dispose: () => (vae.dispose(), flow.dispose()) };
}

/** `calls` morphs as `alea morph a.wav b.wav --t T` runs one: both sounds encoded and scored, a point rendered (0.5 s held). */
export async function repeatMorph(models: MorphModels, calls: number, afterEach?: (i: number) => void): Promise<RepeatFigures> {
  const a = sampleSound('flute-g4.wav');
  const b = sampleSound('pluck-c4.wav');
  return repeat(
    calls,
    async (i) => {
      const encA = encodeSound(models.vae, a, 'flute-g4.wav');
      const encB = encodeSound(models.vae, b, 'pluck-c4.wav');
      models.flow.typicality(encA.latent);
      models.flow.typicality(encB.latent);
      const t = (Math.max(0, i) % 11) / 10;
      models.vae.render(morphLatent(encA.latent, encB.latent, t, i % 2 === 0 ? 'linear' : 'spherical'), { pitch: encA.pitch ?? 60, velocity: 100, holdSeconds: 0.5, seed: i + 1 });
    },
    afterEach,
  );
}

/** The CLI's model holder, for remix: the style GAN is loaded once and kept, as one command or the worker keeps it. */
export function remixModels(): FolderModelResolver {
  return new FolderModelResolver(join(repoRoot, 'models'));
}

/** `calls` remixes of a 1 s stereo clip through the Remix plugin (a new processor each, styles in turn). */
export async function repeatRemix(models: FolderModelResolver, calls: number, afterEach?: (i: number) => void): Promise<RepeatFigures> {
  const pad = sampleSound('pad-a3.wav');
  const length = Math.min(pad.channels[0].length, pad.sampleRate);
  const clip: AudioData = { sampleRate: pad.sampleRate, channels: [pad.channels[0].slice(0, length), (pad.channels[1] ?? pad.channels[0]).slice(0, length)] };
  const styles = ['strings', 'brass'];
  return repeat(calls, async (i) => void (await processAudio(remixPlugin, clip, { style: styles[Math.max(0, i) % styles.length], strength: 0.8 }, { models })), afterEach);
}

/**
 * `calls` renders of two bars of a sample song through the Tone.js playback graph (Tone.Offline on
 * the Node polyfill, 16 kHz), counting Tone nodes made and not disposed. The census starts here.
 */
export async function repeatToneRender(calls: number, afterEach?: (i: number) => void): Promise<RepeatFigures> {
  await loadToneEngine();
  const Tone = await import('tone');
  const soloContexts = (): number => {
    const byContext: unknown = Reflect.get(Tone.Solo, '_allSolos');
    return byContext instanceof Map ? byContext.size : 0;
  };
  const census = await import('../../src/engine/tone/node-census.ts');
  census.startToneNodeCensus();
  const song = sampleSong();
  const twoBars = song.ppq * 4 * 2;
  const short = { ...song, tracks: song.tracks.map((t) => ({ ...t, notes: t.notes.filter((n) => n.startTick < twoBars) })) };
  const project = createProject(short);
  let nodesBefore = 0;
  let contextsBefore = 0;
  const figures = await repeat(
    calls,
    async (i) => {
      await renderProjectWithToneInNode(project, { sampleRate: 16000, tailSeconds: 0.2 });
      const live = census.liveToneNodes(); // also lets the census drop the nodes disposed since
      if (i < 0) {
        nodesBefore = live;
        contextsBefore = soloContexts();
      }
    },
    afterEach,
  );
  return {
    ...figures,
    toneNodesBefore: nodesBefore,
    toneNodesAfter: census.liveToneNodes(),
    toneContextsHeldBefore: contextsBefore,
    toneContextsHeldAfter: soloContexts(),
  };
}
