/**
 * The repeated work of the leak checks: short continue calls (the shipped folk model) and short
 * renders (a sample song), as the CLI and app run them. Used by tests/unit/reliability/leaks.test.ts
 * (a few calls) and scripts/soak.ts (`npm run soak`: 200 of each, with heap figures).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMidi } from '../../src/core/music/midi-io.ts';
import type { Song } from '../../src/core/music/types.ts';
import { createProject } from '../../src/engine/project.ts';
import { renderProjectOffline } from '../../src/engine/render-node.ts';
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
