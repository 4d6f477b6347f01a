import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { loadSoundBank, type SoundBank } from '../../../src/core/soundfont/bank.ts';
import { renderNote, noteRenderLength } from '../../../src/core/soundfont/render-note.ts';
import { renderSong } from '../../../src/core/soundfont/render-song.ts';
import { gmPitchGrid, gmPlayableRange } from '../../../src/core/soundfont/gm-programs.ts';
import { detectPitch } from '../../../src/core/dsp/pitch.ts';
import { isAleaError } from '../../../src/core/errors.ts';
import type { Song } from '../../../src/core/music/types.ts';

// CI installs Debian's timgm6mb-soundfont; without it these tests cannot render anything.
const BANK_PATH = '/usr/share/sounds/sf2/TimGM6mb.sf2';
const hasBank = existsSync(BANK_PATH);
const RATE = 16000;

let cached: SoundBank | undefined;
async function bank(): Promise<SoundBank> {
  cached ??= await loadSoundBank(new Uint8Array(readFileSync(BANK_PATH)), BANK_PATH);
  return cached;
}

function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}

const note = { holdSeconds: 0.6, releaseSeconds: 0.4, sampleRate: RATE };

describe.skipIf(!hasBank)(`SoundFont rendering (needs ${BANK_PATH}: apt-get install timgm6mb-soundfont)`, () => {
  it('loads the bank and lists its melodic GM programs', async () => {
    const b = await bank();
    for (let program = 0; program < 112; program++) expect(b.programs.has(program), `program ${program}`).toBe(true);
  });

  it('renders a note of exactly (hold + release) × rate samples that sounds at the requested pitch', async () => {
    const b = await bank();
    for (const [program, pitch] of [[0, 60], [73, 79], [33, 40], [40, 67]]) {
      const samples = renderNote(b, { ...note, program, pitch, velocity: 100 });
      expect(samples.length).toBe(noteRenderLength(note));
      expect(samples.length).toBe(16000);
      expect(detectPitch(samples, RATE)?.midi, `program ${program} pitch ${pitch}`).toBe(pitch);
    }
  });

  it('gives the same samples for the same inputs, louder for a higher velocity, and decays after note off', async () => {
    const b = await bank();
    const a = renderNote(b, { ...note, program: 0, pitch: 64, velocity: 80 });
    const again = renderNote(b, { ...note, program: 0, pitch: 64, velocity: 80 });
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(again.buffer))).toBe(0);
    const soft = renderNote(b, { ...note, program: 0, pitch: 64, velocity: 30 });
    expect(rms(a)).toBeGreaterThan(2 * rms(soft));
    // organ sustains while held, then its release leaves the last 100 ms far quieter
    const organ = renderNote(b, { ...note, program: 19, pitch: 60, velocity: 100 });
    expect(rms(organ, 14400, 16000)).toBeLessThan(0.1 * rms(organ, 4000, 9600));
  });

  it('refuses options out of range', async () => {
    const b = await bank();
    expect(() => renderNote(b, { ...note, program: 0, pitch: 128, velocity: 100 })).toThrow(/pitch/);
    expect(() => renderNote(b, { ...note, program: 0, pitch: 60, velocity: 0 })).toThrow(/velocity/);
  });

  it('renders a song in stereo, drums on channel 10, and re-instruments it with programOverrides', async () => {
    const b = await bank();
    const song: Song = {
      name: 'test',
      ppq: 480,
      tempos: [{ tick: 0, bpm: 120 }],
      timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
      keySignatures: [],
      texts: [],
      tracks: [
        { name: 'melody', channel: 0, program: 0, isDrum: false, notes: [60, 64, 67, 72].map((pitch, i) => ({ pitch, velocity: 100, startTick: i * 480, endTick: (i + 1) * 480 })) },
        { name: 'drums', channel: 9, program: 0, isDrum: true, notes: [0, 960].map((startTick) => ({ pitch: 36, velocity: 110, startTick, endTick: startTick + 240 })) },
      ],
    };
    const audio = renderSong(b, song, { sampleRate: RATE, tailSeconds: 0.5 });
    expect(audio.channels.length).toBe(2);
    expect(audio.channels[0].length).toBe(2 * RATE + RATE / 2);
    expect(rms(audio.channels[0])).toBeGreaterThan(0.01);
    const again = renderSong(b, song, { sampleRate: RATE, tailSeconds: 0.5 });
    expect(Buffer.compare(Buffer.from(audio.channels[1].buffer), Buffer.from(again.channels[1].buffer))).toBe(0);

    const drumsOnly = renderSong(b, { ...song, tracks: [song.tracks[1]] }, { sampleRate: RATE });
    expect(rms(drumsOnly.channels[0], 0, 4000)).toBeGreaterThan(0.005);
    // a kick has no steady pitch, a piano note does: the drum track really plays the kit
    expect(detectPitch(drumsOnly.channels[0], RATE)).toBeNull();

    const strings = renderSong(b, song, { sampleRate: RATE, tailSeconds: 0.5, programOverrides: { 0: 48 } });
    expect(strings.channels[0].length).toBe(audio.channels[0].length);
    let diff = 0;
    for (let i = 0; i < strings.channels[0].length; i++) diff += Math.abs(strings.channels[0][i] - audio.channels[0][i]);
    expect(diff / strings.channels[0].length).toBeGreaterThan(0.001);
  });
});

describe('SoundFont loading and GM tables', () => {
  it('refuses bytes that are no SoundFont with one line naming the file', async () => {
    try {
      await loadSoundBank(new TextEncoder().encode('this is not a soundfont at all, just text'), 'fake.sf2');
      expect.unreachable();
    } catch (error) {
      expect(isAleaError(error)).toBe(true);
      expect(isAleaError(error) && error.toLine()).toMatch(/^fake\.sf2: is not a readable SoundFont/);
    }
  });

  it('keeps each program inside its playable range', () => {
    expect(gmPlayableRange(33)).toEqual([28, 67]);
    expect(gmPlayableRange(0)).toEqual([21, 108]);
    expect(gmPlayableRange(73)).toEqual([60, 96]);
    expect(gmPitchGrid(33, 3)).toEqual([28, 31, 34, 37, 40, 43, 46, 49, 52, 55, 58, 61, 64, 67]);
    for (let program = 0; program < 128; program++) {
      const [low, high] = gmPlayableRange(program);
      expect(low).toBeLessThan(high);
      expect(gmPitchGrid(program, 5).every((p) => p >= low && p <= high)).toBe(true);
    }
  });
});
