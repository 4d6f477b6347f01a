import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { initBackend } from '../../../src/ml/runtime/backend-node.ts';
import { basicPitchModelFolder, loadTranscriberNode } from '../../../src/ml/transcribe/load-node.ts';
import { loadBasicPitch, MODEL_FILES } from '../../../src/ml/transcribe/model.ts';
import { NO_NOTES, transcribeSeedNotes } from '../../../src/ml/transcribe/seed.ts';
import type { TranscribedNote } from '../../../src/ml/transcribe/notes.ts';
import type { AudioTranscriber } from '../../../src/ml/transcribe/transcriber.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MELODY, renderHum, type HumNote } from './hum.ts';

let transcriber: AudioTranscriber;
let beforeLoad = 0;

beforeAll(async () => {
  await initBackend();
  beforeLoad = tf.memory().numTensors;
  transcriber = await loadTranscriberNode();
});

afterAll(() => transcriber.dispose());

/** The transcribed note for each expected one: same pitch within a semitone, onset within 50 ms. */
function matchNotes(expected: readonly HumNote[], found: readonly TranscribedNote[]): (TranscribedNote | undefined)[] {
  return expected.map((e) => found.find((n) => Math.abs(n.pitch - e.pitch) <= 1 && Math.abs(n.startSeconds - e.start) <= 0.05));
}

describe('AudioTranscriber (Basic Pitch)', () => {
  it('finds the pitches and onsets of a hum, and nothing else, leaving no tensors behind', async () => {
    const baseline = tf.memory().numTensors;
    const notes = await transcriber.transcribe(renderHum(MELODY, 4));
    expect(tf.memory().numTensors).toBe(baseline);
    const matched = matchNotes(MELODY, notes);
    expect(matched.every((n) => n !== undefined)).toBe(true);
    // each note ends near where it stopped sounding, and no ghost notes (octaves, neighbours)
    for (const [i, n] of matched.entries()) expect(Math.abs((n?.endSeconds ?? 0) - MELODY[i].end)).toBeLessThan(0.12);
    expect(notes).toHaveLength(MELODY.length);
    expect(notes.map((n) => n.pitch)).toEqual(MELODY.map((n) => n.pitch));
  });

  it('hears a stereo 48 kHz recording the same way (mixed to mono, resampled)', async () => {
    const tune: HumNote[] = [
      { pitch: 57, start: 0.2, end: 0.7 },
      { pitch: 59, start: 0.9, end: 1.5 },
    ];
    const notes = await transcriber.transcribe(renderHum(tune, 1.8, 48000, 2));
    expect(matchNotes(tune, notes).every((n) => n !== undefined)).toBe(true);
    expect(notes).toHaveLength(2);
  });

  it('refuses silence and noise as a seed with one clear line', async () => {
    const silence = { sampleRate: 44100, channels: [new Float32Array(44100)] };
    await expect(transcribeSeedNotes(transcriber, silence)).rejects.toThrow(NO_NOTES);
    let state = 7;
    const noise = new Float32Array(22050 * 2).map(() => {
      state = (state * 16807) % 2147483647;
      return 0.3 * (state / 2147483647 - 0.5);
    });
    const error = await transcribeSeedNotes(transcriber, { sampleRate: 22050, channels: [noise] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AleaError);
    expect(error).toMatchObject({ kind: 'bad-input', message: NO_NOTES });
  });

  it('stops when cancelled, with its tensors disposed', async () => {
    const baseline = tf.memory().numTensors;
    const controller = new AbortController();
    const fractions: number[] = [];
    const long = renderHum(MELODY.map((n) => ({ ...n, start: n.start + 4, end: n.end + 4 })), 9);
    const run = transcriber.transcribe(long, {
      signal: controller.signal,
      onProgress: (f) => {
        fractions.push(f);
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(fractions).toHaveLength(1);
    expect(fractions[0]).toBeLessThan(1);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses a model whose weights do not match their hash, and frees every tensor on dispose', async () => {
    const folder = basicPitchModelFolder();
    const read = async (name: string): Promise<Uint8Array> => {
      const bytes = new Uint8Array(await readFile(join(folder, name)));
      if (name === MODEL_FILES.weights) bytes[100] ^= 0xff;
      return bytes;
    };
    await expect(loadBasicPitch(read)).rejects.toThrow(/sha256 .* reinstall/);
    const other = await loadTranscriberNode();
    other.dispose();
    transcriber.dispose();
    expect(tf.memory().numTensors).toBe(beforeLoad);
    transcriber = await loadTranscriberNode();
  });
});
