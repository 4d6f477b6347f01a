import { describe, expect, it } from 'vitest';
import { isQuantized } from '../../../src/core/music/quantize.ts';
import { TempoMap } from '../../../src/core/music/tempo-map.ts';
import { withTranscribedSeed, BASIC_PITCH_REF } from '../../../src/ml/transcribe/info.ts';
import type { TranscribedNote } from '../../../src/ml/transcribe/notes.ts';
import { tempoFromProvenance, transcriptionSong, transcriptionTrack, velocityOf } from '../../../src/ml/transcribe/to-song.ts';

const heard: TranscribedNote[] = [
  { pitch: 60, startSeconds: 0.02, endSeconds: 0.47, amplitude: 0.7 }, // a little late for beat 1
  { pitch: 62, startSeconds: 0.49, endSeconds: 1.01, amplitude: 0.4 }, // a little early for beat 2
  { pitch: 64, startSeconds: 2.0, endSeconds: 2.2, amplitude: 1.2 },
];

describe('transcription → song', () => {
  it('places notes at the tempo given, sixteenths half way to the grid, velocities from amplitudes', () => {
    const song = transcriptionSong(heard, 'hum', 120);
    expect(song.name).toBe('hum');
    expect(song.tempos).toEqual([{ tick: 0, bpm: 120 }]);
    expect(song.tracks).toHaveLength(1);
    const [track] = song.tracks;
    expect(track.name).toBe('Transcription');
    expect(track.notes.map((n) => n.pitch)).toEqual([60, 62, 64]);
    // 0.02 s = 19.2 ticks at 480 ppq, 120 bpm: half way to 0 is 10; 0.49 s = 470.4 → half way to 480 is 475
    expect(track.notes.map((n) => n.startTick)).toEqual([10, 475, 1920]);
    expect(track.notes.map((n) => n.velocity)).toEqual([velocityOf(0.7), velocityOf(0.4), 127]);
    expect(isQuantized(track.notes, song.ppq, 4)).toBe(false);
    const exact = transcriptionSong(heard, 'hum', 120, { quantize: { stepsPerQuarter: 4 } });
    expect(isQuantized(exact.tracks[0].notes, exact.ppq, 4)).toBe(true);
  });

  it("follows another song's tempo map, so a transcription lines up with a project's bars", () => {
    const grid = { ppq: 96, tempos: [{ tick: 0, bpm: 90 }], timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] };
    const track = transcriptionTrack(heard, grid, { name: 'hum transcription', channel: 3, quantize: null });
    const map = TempoMap.fromSong(grid);
    expect(track).toMatchObject({ name: 'hum transcription', channel: 3, isDrum: false });
    expect(track.notes.map((n) => n.startTick)).toEqual(heard.map((n) => Math.round(map.secondsToTick(n.startSeconds))));
    expect(map.barIndexAt(track.notes[2].startTick)).toBe(1); // 2 s at 90 bpm in 3/4 is in bar 2
  });

  it("reads the tempo from a WAV's provenance, when it holds a sensible one", () => {
    expect(tempoFromProvenance({ generator: 'x', params: { bpm: 96 } })).toBe(96);
    expect(tempoFromProvenance({ generator: 'x', params: { tempo: '140' } })).toBe(140);
    expect(tempoFromProvenance({ generator: 'x', params: { bpm: 0 } })).toBeUndefined();
    expect(tempoFromProvenance({ generator: 'x', params: { bpm: 'fast' } })).toBeUndefined();
    expect(tempoFromProvenance(undefined)).toBeUndefined();
  });

  it('marks a provenance as continuing a transcribed seed, keeping its own params', () => {
    const marked = withTranscribedSeed({ generator: 'Alea continue', params: { bars: 8 } });
    expect(marked.params).toEqual({ bars: 8, seedTranscribedWith: BASIC_PITCH_REF.name, seedTranscriptionSha256: BASIC_PITCH_REF.sha256 });
    expect(BASIC_PITCH_REF.sha256).toMatch(/^[0-9a-f]{12}$/);
  });
});
