import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import {
  estimateKey,
  formatKey,
  isInScale,
  keyToSharps,
  parseKey,
  pitchClassName,
  scalePitchClasses,
  sharpsToKey,
  type Note,
} from '../../../src/core/music/index.ts';

/** A melody: each pitch one quarter (480 ticks) unless a length in quarters follows it. */
function melody(...steps: Array<number | [number, number]>): Note[] {
  let tick = 0;
  return steps.map((step) => {
    const [pitch, quarters] = typeof step === 'number' ? [step, 1] : step;
    const note = { pitch, velocity: 80, startTick: tick, endTick: tick + quarters * 480 };
    tick += quarters * 480;
    return note;
  });
}

describe('parseKey / formatKey', () => {
  it.each([
    ['C:major', 0, 'major'],
    ['F#:minor', 6, 'minor'],
    ['Bb:major', 10, 'major'],
    ['a:minor', 9, 'minor'],
    ['bb:minor', 10, 'minor'],
    ['b:minor', 11, 'minor'],
    ['Eb major', 3, 'major'],
    ['Am', 9, 'minor'],
    ['G', 7, 'major'],
    ['Cb:major', 11, 'major'],
    [' e:MINOR ', 4, 'minor'],
  ])('reads %s', (text, tonic, mode) => {
    expect(parseKey(text)).toEqual({ tonic, mode });
  });

  it.each(['', 'H:major', 'C:dorian', 'C##', 'major', 'C:major:extra', '12'])('refuses %j as usage error', (text) => {
    let caught: unknown;
    try {
      parseKey(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AleaError);
    expect((caught as AleaError).kind).toBe('usage');
    expect((caught as AleaError).message).toContain('C:major');
  });

  it('formats with conventional spellings and parses its own output', () => {
    expect(formatKey({ tonic: 10, mode: 'major' })).toBe('Bb:major');
    expect(formatKey({ tonic: 1, mode: 'minor' })).toBe('C#:minor');
    expect(formatKey({ tonic: 3, mode: 'minor' })).toBe('Eb:minor');
    for (const mode of ['major', 'minor'] as const) {
      for (let tonic = 0; tonic < 12; tonic++) expect(parseKey(formatKey({ tonic, mode }))).toEqual({ tonic, mode });
    }
  });

  it('spells pitch classes with flats in flat keys', () => {
    expect(pitchClassName(10, { tonic: 5, mode: 'major' })).toBe('Bb');
    expect(pitchClassName(10, { tonic: 11, mode: 'major' })).toBe('A#');
  });
});

describe('scales', () => {
  it('lists scale pitch classes from the tonic', () => {
    expect(scalePitchClasses(parseKey('D:major'))).toEqual([2, 4, 6, 7, 9, 11, 1]);
    expect(scalePitchClasses(parseKey('A:minor'))).toEqual([9, 11, 0, 2, 4, 5, 7]);
    expect(scalePitchClasses(parseKey('A:minor'), 'harmonic')).toEqual([9, 11, 0, 2, 4, 5, 8]);
  });

  it('tests membership in any octave', () => {
    const gMajor = parseKey('G:major');
    expect(isInScale(66, gMajor)).toBe(true); // F#4
    expect(isInScale(65, gMajor)).toBe(false); // F4
    expect(isInScale(6, gMajor)).toBe(true);
    expect(isInScale(68, parseKey('A:minor'))).toBe(false);
    expect(isInScale(68, parseKey('A:minor'), 'harmonic')).toBe(true);
  });

  it('converts to and from key-signature sharps', () => {
    expect(keyToSharps(parseKey('C:major'))).toBe(0);
    expect(keyToSharps(parseKey('A:minor'))).toBe(0);
    expect(keyToSharps(parseKey('E:major'))).toBe(4);
    expect(keyToSharps(parseKey('Bb:major'))).toBe(-2);
    expect(keyToSharps(parseKey('C:minor'))).toBe(-3);
    expect(sharpsToKey(-7, 'major')).toEqual({ tonic: 11, mode: 'major' }); // Cb = B
    expect(sharpsToKey(7, 'minor')).toEqual({ tonic: 10, mode: 'minor' }); // A# minor
  });
});

describe('estimateKey', () => {
  it('finds C major in a C major scale', () => {
    const scale = melody([60, 2], 62, 64, 65, 67, 69, 71, [72, 2]);
    expect(estimateKey(scale)).toMatchObject({ tonic: 0, mode: 'major' });
  });

  it('finds A minor in an A harmonic-minor melody', () => {
    const tune = melody([69, 2], 71, 72, 74, [76, 2], 72, 69, 68, [69, 2], 64, 65, 68, [69, 3], 64, 72, 71, [69, 2]);
    expect(estimateKey(tune)).toMatchObject({ tonic: 9, mode: 'minor' });
  });

  it('finds a transposed key (E major) as well', () => {
    const scale = melody([64, 2], 66, 68, 69, 71, 73, 75, [76, 2]);
    expect(estimateKey(scale)).toMatchObject({ tonic: 4, mode: 'major' });
  });

  it('has no answer without notes or with all twelve pitch classes equal', () => {
    expect(estimateKey([])).toBeUndefined();
    expect(estimateKey(melody(60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71))).toBeUndefined();
  });
});
