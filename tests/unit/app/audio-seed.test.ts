// Audio seeds on the app side, in Node: the ML worker's transcribe job (model held, released,
// refusals) and where a transcription lands in the project's song.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { placeTranscription, seedTranscriber, transcriptionName } from '../../../src/app/lib/transcription.ts';
import { runTranscribeJob, TranscriberHolder } from '../../../src/app/worker/transcribe-jobs.ts';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import { TempoMap } from '../../../src/core/music/tempo-map.ts';
import { BASIC_PITCH_REF } from '../../../src/ml/transcribe/info.ts';
import { loadTranscriberNode } from '../../../src/ml/transcribe/load-node.ts';
import { NO_NOTES } from '../../../src/ml/transcribe/seed.ts';
import type { TranscribedNote } from '../../../src/ml/transcribe/notes.ts';
import { useWasmBackend } from '../../helpers/tensor-leaks.ts';
import { MELODY, renderHum } from '../transcribe/hum.ts';

useWasmBackend();

const heard: TranscribedNote[] = [
  { pitch: 62, startSeconds: 0.5, endSeconds: 1.0, amplitude: 0.6 },
  { pitch: 65, startSeconds: 1.0, endSeconds: 2.0, amplitude: 0.6 },
];

describe('placing a transcription in the project', () => {
  it('an empty project takes the tempo the WAV recorded; the track is named after the file', () => {
    const placed = placeTranscription(createEmptySong('Untitled'), heard, 'My Hum.wav', 90);
    expect(placed.index).toBe(0);
    expect(placed.song.tempos).toEqual([{ tick: 0, bpm: 90 }]);
    expect(placed.song.tracks).toEqual([placed.track]);
    expect(placed.track.name).toBe('My Hum transcription');
    const map = TempoMap.fromSong(placed.song);
    expect(placed.track.notes.map((n) => map.tickToSeconds(n.startTick))).toEqual([0.5, 1.0]);
  });

  it("a project with tracks keeps its tempo; the new track goes last, on a free channel", () => {
    const song = { ...createEmptySong('song', 480, 150), tracks: [createTrack('Melody', { channel: 0 }), createTrack('Bass', { channel: 1 })] };
    const placed = placeTranscription(song, heard, 'hum.wav', 90);
    expect(placed.index).toBe(2);
    expect(placed.song.tempos).toEqual(song.tempos);
    expect(placed.song.tracks.slice(0, 2)).toEqual(song.tracks);
    expect(placed.track.channel).toBe(2);
    // 0.5 s at 150 bpm is 1.25 beats: half way to the sixteenth grid, 600 ticks
    expect(placed.track.notes[0].startTick).toBe(600);
    expect(transcriptionName(`${'x'.repeat(80)}.wav`)).toHaveLength(64);
  });
});

describe('a continuation of a transcribed seed', () => {
  it('names the transcription model when the seed track (or, with none chosen, any track) was transcribed', () => {
    const song = { ...createEmptySong('s'), tracks: [createTrack('Melody'), createTrack('hum transcription')] };
    const transcribed = new Map([['hum transcription', BASIC_PITCH_REF]]);
    expect(seedTranscriber(song, 1, transcribed)).toEqual(BASIC_PITCH_REF);
    expect(seedTranscriber(song, -1, transcribed)).toEqual(BASIC_PITCH_REF);
    expect(seedTranscriber(song, 0, transcribed)).toBeUndefined();
    expect(seedTranscriber(song, 1, new Map())).toBeUndefined();
  });
});

describe('the ML worker transcribe job', () => {
  it('transcribes with one model load, refuses silence, and frees the model on release', async () => {
    const before = tf.memory().numTensors;
    let loads = 0;
    const holder = new TranscriberHolder(async () => {
      loads += 1;
      return loadTranscriberNode();
    });
    const fractions: number[] = [];
    const result = await runTranscribeJob({ kind: 'transcribe', id: 1, audio: renderHum(MELODY, 4) }, holder, { onProgress: (f) => fractions.push(f) });
    expect(result.model).toEqual(BASIC_PITCH_REF);
    expect(result.notes.map((n) => n.pitch)).toEqual(MELODY.map((n) => n.pitch));
    expect(fractions.at(-1)).toBe(1);
    const silence = { sampleRate: 22050, channels: [new Float32Array(22050)] };
    await expect(runTranscribeJob({ kind: 'transcribe', id: 2, audio: silence }, holder)).rejects.toThrow(NO_NOTES);
    expect(loads).toBe(1);
    await holder.release();
    expect(tf.memory().numTensors).toBe(before);
  });
});
