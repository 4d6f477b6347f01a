import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { writeWav } from '../../../src/core/audio/wav-write.ts';
import { readMidi, songProvenance } from '../../../src/core/music/midi-io.ts';
import { TempoMap } from '../../../src/core/music/tempo-map.ts';
import { BASIC_PITCH_REF } from '../../../src/ml/transcribe/info.ts';
import { tempoFromProvenance } from '../../../src/ml/transcribe/to-song.ts';
import { MELODY, renderHum } from '../transcribe/hum.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'alea-continue-wav-'));

function wavFile(name: string, audio: ReturnType<typeof renderHum>, params?: Record<string, number>): string {
  const path = join(dir, name);
  const provenance = params === undefined ? undefined : { generator: 'Alea test', params };
  writeFileSync(path, writeWav(audio, { bitDepth: 16, ...(provenance === undefined ? {} : { provenance }) }));
  return path;
}

describe('alea continue <hum.wav>', () => {
  it('transcribes the hum, continues it, and says so on stderr and in the provenance', () => {
    // a render by Alea records its tempo: the transcription keeps that beat
    const hum = wavFile('hum.wav', renderHum(MELODY, 4), { bpm: 100 });
    const out = join(dir, 'hum-continued.mid');
    const result = runCli(['continue', hum, '-o', out, '--bars', '2', '--seed', '3']);
    expect(result.stderr).not.toContain('alea:');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`transcribed ${MELODY.length} notes from ${hum}`);
    const song = readMidi(new Uint8Array(readFileSync(out)), out);
    expect(song.tempos[0].bpm).toBeCloseTo(100, 3);
    const map = TempoMap.fromSong(song);
    const track = song.tracks.find((t) => t.name === 'Transcription');
    // the seed part is the hum's notes, in order, near where they were heard (light quantization)
    const seedNotes = (track?.notes ?? []).slice(0, MELODY.length);
    expect(seedNotes.map((n) => n.pitch)).toEqual(MELODY.map((n) => n.pitch));
    for (const [i, note] of seedNotes.entries()) expect(Math.abs(map.tickToSeconds(note.startTick) - MELODY[i].start)).toBeLessThan(0.1);
    expect(track?.notes.length).toBeGreaterThan(MELODY.length); // the continuation came after it
    const provenance = songProvenance(song);
    expect(provenance?.model?.name).toBe('melody-pop909');
    expect(provenance?.source).toBe('hum.wav');
    expect(provenance?.params).toMatchObject({ seedTranscribedWith: BASIC_PITCH_REF.name, seedTranscriptionSha256: BASIC_PITCH_REF.sha256 });
  });

  it('refuses a WAV with no notes in it with one line naming the file (exit 1)', () => {
    const silent = wavFile('silent.wav', { sampleRate: 44100, channels: [new Float32Array(44100)] });
    const result = runCli(['continue', silent, '-o', join(dir, 'never.mid')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([`alea: ${silent}: holds no pitched notes to transcribe (silence, noise or drums?): record a hum, a sung or a played melody`]);
  });

  it('refuses a broken WAV with the line every other command gives', () => {
    for (const name of ['truncated-header.wav', 'empty.wav']) {
      const path = `tests/fixtures/bad/wav/${name}`;
      const result = runCli(['continue', path, '-o', join(dir, 'never.mid')]);
      const info = runCli(['info', path]);
      expect(result.status).toBe(1);
      expect(info.status).toBe(1);
      expect(result.stderr.trim()).toBe(info.stderr.trim());
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it("alea render records the song's tempo, which a transcription of the render reads back", () => {
    const out = join(dir, 'ode.wav');
    const result = runCli(['render', 'samples/classical-ode-to-joy.mid', '-o', out]);
    expect(result.status).toBe(0);
    const seed = readMidi(new Uint8Array(readFileSync('samples/classical-ode-to-joy.mid')));
    const { provenance } = readWav(new Uint8Array(readFileSync(out)));
    expect(tempoFromProvenance(provenance)).toBeCloseTo(seed.tempos[0].bpm, 3);
  });
});
