import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import {
  defaultParams,
  normalizedToValue,
  validateParams,
  valueToNormalized,
  withParam,
} from '../../../src/plugins/params.ts';
import { toWamParameterInfo, type ParamSpec } from '../../../src/plugins/types.ts';
import { polySynthDescriptor } from '../../../src/plugins/builtin/poly-synth.ts';
import { transposeQuantizeDescriptor } from '../../../src/plugins/builtin/transpose-quantize.ts';

const tq = transposeQuantizeDescriptor.params;

function badInputMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AleaError);
    const alea = error as AleaError;
    expect(alea.kind).toBe('bad-input');
    expect(alea.message).not.toContain('\n');
    return alea.message;
  }
  throw new Error('expected a bad-input error');
}

describe('validateParams', () => {
  it('fills missing params with defaults', () => {
    expect(validateParams({ semitones: 3 }, tq)).toEqual({ semitones: 3, grid: 'off', strength: 1, onlyTrack: -1 });
    expect(defaultParams(tq)).toEqual({ semitones: 0, grid: 'off', strength: 1, onlyTrack: -1 });
  });

  it('names an out-of-range integer with its range and value', () => {
    expect(badInputMessage(() => validateParams({ semitones: 30 }, tq))).toBe(
      "param 'semitones' must be an integer between -24 and 24, got 30",
    );
    expect(badInputMessage(() => validateParams({ semitones: 1.5 }, tq))).toContain("param 'semitones' must be an integer");
  });

  it('names a wrong type, a bad choice and an unknown param', () => {
    expect(badInputMessage(() => validateParams({ strength: 'lots' }, tq))).toBe(
      "param 'strength' must be a number between 0 and 1, got 'lots'",
    );
    expect(badInputMessage(() => validateParams({ grid: '1/32' }, tq))).toContain("param 'grid' must be one of 'off', '1/4'");
    expect(badInputMessage(() => validateParams({ semitone: 2 }, tq))).toContain("unknown param 'semitone'");
    expect(badInputMessage(() => validateParams([1], tq))).toContain('params must be an object');
  });

  it('withParam returns a new validated record', () => {
    const before = defaultParams(tq);
    const after = withParam(before, tq, 'grid', '1/8T');
    expect(after.grid).toBe('1/8T');
    expect(before.grid).toBe('off');
    expect(() => withParam(before, tq, 'grid', 7)).toThrow(AleaError);
  });
});

describe('normalised mapping', () => {
  const cutoff = polySynthDescriptor.params.find((p) => p.id === 'cutoff') as ParamSpec;
  const semitones = tq.find((p) => p.id === 'semitones') as ParamSpec;
  const grid = tq.find((p) => p.id === 'grid') as ParamSpec;
  const flag: ParamSpec = { id: 'on', label: 'On', kind: 'bool', default: false };

  it('round-trips every kind', () => {
    for (const v of [20, 440, 8000, 20000]) expect(normalizedToValue(cutoff, valueToNormalized(cutoff, v))).toBeCloseTo(v, 6);
    for (const v of [-24, -3, 0, 24]) expect(normalizedToValue(semitones, valueToNormalized(semitones, v))).toBe(v);
    for (const v of ['off', '1/16', '1/8T']) expect(normalizedToValue(grid, valueToNormalized(grid, v))).toBe(v);
    for (const v of [true, false]) expect(normalizedToValue(flag, valueToNormalized(flag, v))).toBe(v);
  });

  it('maps log-scaled params geometrically and clamps out-of-range input', () => {
    expect(normalizedToValue(cutoff, 0.5)).toBeCloseTo(Math.sqrt(20 * 20000), 6);
    expect(normalizedToValue(semitones, 0.5)).toBe(0);
    expect(normalizedToValue(semitones, 2)).toBe(24);
    expect(normalizedToValue(semitones, Number.NaN)).toBe(-24);
  });
});

describe('toWamParameterInfo', () => {
  it('maps choices to indices and booleans to 0/1', () => {
    const grid = toWamParameterInfo(tq.find((p) => p.id === 'grid') as ParamSpec);
    expect(grid).toMatchObject({ type: 'choice', minValue: 0, maxValue: 4, defaultValue: 0 });
    expect(grid.choices).toContain('1/8T');
    const flag = toWamParameterInfo({ id: 'x', label: 'X', kind: 'bool', default: true });
    expect(flag).toMatchObject({ type: 'boolean', defaultValue: 1, minValue: 0, maxValue: 1 });
    const semis = toWamParameterInfo(tq.find((p) => p.id === 'semitones') as ParamSpec);
    expect(semis).toMatchObject({ type: 'int', minValue: -24, maxValue: 24, defaultValue: 0, discreteStep: 1 });
  });
});
