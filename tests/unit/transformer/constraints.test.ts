import { describe, expect, it } from 'vitest';
import { GridGrammar, RemiGrammar, allowedPitchClasses, type MusicConstraints } from '../../../src/ml/transformer/decode/constraints.ts';
import { GridTokenizer } from '../../../src/ml/transformer/tokenizers/grid-tokenizer.ts';
import { RemiTokenizer } from '../../../src/ml/transformer/tokenizers/remi-tokenizer.ts';

const remi = new RemiTokenizer();
const v = remi.vocab;
const id = (family: string, index = 0): number => v.id(family, index);
const pitch = (p: number): number => id('Pitch', p - remi.minPitch);

/** The allowed ids, as "Family:index" (families without an index: their size counted). */
function allowedKinds(mask: Uint8Array): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  mask.forEach((on, i) => {
    if (on !== 1) return;
    const kind = v.kind(i) ?? '?';
    (out[kind] ??= []).push(v.indexOf(i));
  });
  return out;
}

function grammar(constraints: Partial<MusicConstraints> = {}, barSixteenths = 16, maxTokensPerBar = 96): RemiGrammar {
  return new RemiGrammar(remi, { bars: 2, ...constraints }, barSixteenths, maxTokensPerBar);
}

/** Feeds ids, checking each was allowed; returns what advance said of the last one. */
function feed(g: RemiGrammar | GridGrammar, ids: number[]): boolean {
  let kept = true;
  for (const i of ids) {
    expect(g.allowed()[i], `id ${i} (${v.kind(i) ?? 'grid'}) should be allowed`).toBe(1);
    kept = g.advance(i);
  }
  return kept;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('allowedPitchClasses', () => {
  it('is the major scale of a major key, natural plus harmonic minor of a minor key', () => {
    expect([...allowedPitchClasses({ tonic: 0, mode: 'major' })].sort((a, b) => a - b)).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect([...allowedPitchClasses({ tonic: 9, mode: 'minor' })].sort((a, b) => a - b)).toEqual([0, 2, 4, 5, 7, 8, 9, 11]);
    expect([...allowedPitchClasses({ tonic: 2, mode: 'major' })].sort((a, b) => a - b)).toEqual([1, 2, 4, 6, 7, 9, 11]);
  });
});

describe('RemiGrammar', () => {
  it('after a bar line allows a position in the bar or a new bar, and the end only in the last bar', () => {
    const g = grammar({ bars: 2 }, 12);
    expect(allowedKinds(g.allowed())).toEqual({ Bar: [0], Position: range(0, 11) });
    feed(g, [id('Bar')]);
    expect(allowedKinds(g.allowed())).toEqual({ Bar: [0], EOS: [0], Position: range(0, 11) });
  });

  it('caps positions at the longest bar it knows', () => {
    expect(allowedKinds(grammar({}, 64).allowed()).Position).toEqual(range(0, 31));
  });

  it('writes notes as Position, Track, Velocity, Pitch, Duration', () => {
    const g = grammar();
    feed(g, [id('Position', 4)]);
    expect(Object.keys(allowedKinds(g.allowed()))).toEqual(['Track']);
    feed(g, [id('Track', 0)]);
    expect(Object.keys(allowedKinds(g.allowed()))).toEqual(['Velocity']);
    feed(g, [id('Velocity', 3)]);
    expect(allowedKinds(g.allowed()).Pitch).toEqual(range(0, 87));
    feed(g, [pitch(60)]);
    expect(Object.keys(allowedKinds(g.allowed()))).toEqual(['Duration']);
    feed(g, [id('Duration', 1)]);
    const next = allowedKinds(g.allowed());
    // another note of the chord (higher pitch), another track, a later position, or the bar line
    expect(next.Pitch).toEqual(range(61 - remi.minPitch, 87));
    expect(next.Velocity).toEqual(range(0, v.family('Velocity').size - 1));
    expect(next.Track).toEqual(range(1, v.family('Track').size - 1));
    expect(next.Position).toEqual(range(5, 15));
    expect(next.Bar).toEqual([0]);
    expect(next.EOS).toBeUndefined();
  });

  it('keeps the track across positions, and starts chords from the bottom again at a new position', () => {
    const g = grammar();
    feed(g, [id('Position', 0), id('Track', 2), id('Velocity', 0), pitch(70), id('Duration', 0), id('Position', 8)]);
    const next = allowedKinds(g.allowed());
    expect(next.Track).toEqual(range(0, v.family('Track').size - 1).filter((r) => r !== 2));
    expect(next.Velocity).toBeDefined();
    expect(next.Pitch?.[0]).toBe(0);
  });

  it('only writes pitches of the key, inside the pitch range (inclusive)', () => {
    const g = grammar({ key: { tonic: 0, mode: 'major' }, pitchRange: [60, 72] });
    feed(g, [id('Position', 0), id('Track', 0), id('Velocity', 0)]);
    const pitches = (allowedKinds(g.allowed()).Pitch ?? []).map((i) => i + remi.minPitch);
    expect(pitches).toEqual([60, 62, 64, 65, 67, 69, 71, 72]);
  });

  it('writes only the allowed track roles', () => {
    const g = grammar({ roles: [0, 3] });
    feed(g, [id('Position', 0)]);
    expect(allowedKinds(g.allowed()).Track).toEqual([0, 3]);
    feed(g, [id('Track', 3), id('Velocity', 0), pitch(40), id('Duration', 0)]);
    expect(allowedKinds(g.allowed()).Track).toEqual([0]);
  });

  it('asks for a track again after a position when the current one is not allowed', () => {
    const g = grammar({ roles: [1] });
    feed(g, [id('Position', 0), id('Track', 1), id('Velocity', 0), pitch(50), id('Duration', 0), id('Position', 2)]);
    expect(allowedKinds(g.allowed())).toEqual({ Velocity: range(0, v.family('Velocity').size - 1), Pitch: range(0, 87) });
    const h = new RemiGrammar(remi, { bars: 2, roles: [1] }, 16);
    // no track yet: the track comes first
    feed(h, [id('Position', 0)]);
    expect(Object.keys(allowedKinds(h.allowed()))).toEqual(['Track']);
  });

  it('closes a full bar: past maxTokensPerBar only the bar line (or the end) may follow', () => {
    const g = grammar({ bars: 1 }, 16, 5);
    feed(g, [id('Position', 0), id('Track', 0), id('Velocity', 0), pitch(60), id('Duration', 0)]);
    expect(allowedKinds(g.allowed())).toEqual({ Bar: [0], EOS: [0] });
  });

  it('ends after the asked number of bars: the closing Bar or EOS is not kept', () => {
    const g = grammar({ bars: 2 });
    expect(feed(g, [id('Position', 0), id('Track', 0), id('Velocity', 0), pitch(60), id('Duration', 0), id('Bar')])).toBe(true);
    expect(g.done).toBe(false);
    expect(feed(g, [id('Bar')])).toBe(false);
    expect(g.done).toBe(true);
    const h = grammar({ bars: 1 });
    expect(feed(h, [id('EOS')])).toBe(false);
    expect(h.done).toBe(true);
  });

  it('after a bar line, a position needs a track again; a note on track 0 may go on', () => {
    const g = grammar({ bars: 3 });
    feed(g, [id('Position', 0), id('Track', 1), id('Velocity', 0), pitch(60), id('Duration', 0), id('Bar'), id('Position', 3)]);
    expect(Object.keys(allowedKinds(g.allowed()))).toEqual(['Track']);
    feed(g, [id('Track', 0), id('Velocity', 0), pitch(60), id('Duration', 0), id('Position', 5)]);
    expect(Object.keys(allowedKinds(g.allowed())).sort()).toEqual(['Pitch', 'Track', 'Velocity']);
  });

  it('starts every chord from the lowest pitch, even when the vocabulary starts at pitch 0', () => {
    const low = new RemiTokenizer({ kind: 'remi', minPitch: 0, maxPitch: 127 });
    const lid = (family: string, index = 0): number => low.vocab.id(family, index);
    const g = new RemiGrammar(low, { bars: 2 }, 16);
    const lowest = (): number => g.allowed().indexOf(1, low.vocab.family('Pitch').first) - low.vocab.family('Pitch').first;
    for (const i of [lid('Position', 0), lid('Track', 0), lid('Velocity', 0)]) expect(g.advance(i)).toBe(true);
    expect(lowest()).toBe(0);
    for (const i of [lid('Pitch', 5), lid('Duration', 0), lid('Track', 1), lid('Velocity', 0)]) g.advance(i);
    expect(lowest()).toBe(0);
    for (const i of [lid('Pitch', 5), lid('Duration', 0), lid('Position', 4), lid('Velocity', 0)]) g.advance(i);
    expect(lowest()).toBe(0);
  });

  it('with no room for a token in a bar, allows only the bar line', () => {
    expect(allowedKinds(grammar({ bars: 1 }, 16, 0).allowed())).toEqual({ Bar: [0], EOS: [0] });
  });

  it('lets the bar close at a dead end (no pitch of the key above the last one)', () => {
    const g = grammar({ key: { tonic: 0, mode: 'major' }, pitchRange: [60, 64] });
    feed(g, [id('Position', 0), id('Track', 0), id('Velocity', 0), pitch(64), id('Duration', 0), id('Velocity', 0)]);
    expect(allowedKinds(g.allowed())).toEqual({ Bar: [0] });
  });
});

describe('GridGrammar', () => {
  const grid = new GridTokenizer({ kind: 'grid', minPitch: 60, maxPitch: 71, stepsPerQuarter: 1 });
  const gp = (p: number): number => grid.vocab.id('Pitch', p - 60);
  const allowedPitches = (g: GridGrammar): number[] =>
    range(60, 71).filter((p) => g.allowed()[gp(p)] === 1);

  it('writes each step as rising pitches then StepEnd, for bars × steps per bar steps', () => {
    const g = new GridGrammar(grid, { bars: 1 }, 2);
    expect(g.allowed()[grid.stepEnd]).toBe(1);
    expect(allowedPitches(g)).toEqual(range(60, 71));
    feed(g, [gp(64)]);
    expect(allowedPitches(g)).toEqual(range(65, 71));
    feed(g, [grid.stepEnd]);
    expect(g.done).toBe(false);
    expect(allowedPitches(g)).toEqual(range(60, 71));
    expect(feed(g, [grid.stepEnd])).toBe(true);
    expect(g.done).toBe(true);
  });

  it('in soprano-first order writes each step as falling pitches', () => {
    const soprano = new GridTokenizer({ kind: 'grid', minPitch: 60, maxPitch: 71, stepsPerQuarter: 1, pitchOrder: 'descending' });
    const g = new GridGrammar(soprano, { bars: 1 }, 2);
    const sp = (p: number): number => soprano.vocab.id('Pitch', p - 60);
    const allowed = (): number[] => range(60, 71).filter((p) => g.allowed()[sp(p)] === 1);
    expect(allowed()).toEqual(range(60, 71));
    feed(g, [sp(67)]);
    expect(allowed()).toEqual(range(60, 66));
    feed(g, [sp(60), soprano.stepEnd]);
    expect(allowed()).toEqual(range(60, 71));
  });

  it('keeps to the key and range, and to at most maxVoices notes a step', () => {
    const g = new GridGrammar(grid, { bars: 1, key: { tonic: 0, mode: 'major' }, pitchRange: [62, 69] }, 4, 2);
    expect(allowedPitches(g)).toEqual([62, 64, 65, 67, 69]);
    feed(g, [gp(62), gp(65)]);
    expect(allowedPitches(g)).toEqual([]);
    expect(g.allowed()[grid.stepEnd]).toBe(1);
  });

  it('keeps every pitch it is given, the lowest included, and restarts chords from pitch 0', () => {
    const low = new GridTokenizer({ kind: 'grid', minPitch: 0, maxPitch: 11, stepsPerQuarter: 1 });
    const lp = (p: number): number => low.vocab.id('Pitch', p);
    const g = new GridGrammar(low, { bars: 2 }, 2);
    expect(g.allowed()[lp(0)]).toBe(1);
    expect(g.advance(lp(0))).toBe(true);
    expect(g.advance(lp(11))).toBe(true);
    expect(g.advance(low.stepEnd)).toBe(true);
    expect(g.allowed()[lp(0)]).toBe(1);
    expect(g.done).toBe(false);
  });

  it('ends at a token that is neither a pitch nor StepEnd, without keeping it', () => {
    const g = new GridGrammar(grid, { bars: 4 }, 4);
    expect(g.advance(grid.vocab.id('EOS'))).toBe(false);
    expect(g.done).toBe(true);
  });
});
