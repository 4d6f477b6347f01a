import { describe, expect, it } from 'vitest';
import { continueDescriptor, KEY_CHOICES } from '../../../src/plugins/builtin/continue/descriptor.ts';
import { validateParams } from '../../../src/plugins/params.ts';
import { clampParam, keyChoiceLabel, randomSeed } from '../../../src/app/lib/param-input.ts';
import { historyShortcut } from '../../../src/app/lib/shortcuts.ts';

const spec = (id: string) => {
  const found = continueDescriptor.params.find((p) => p.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};

describe('Continue param fields', () => {
  it('round ints and keep typed numbers in range, so the plugin accepts them', () => {
    expect(clampParam(spec('bars'), 2.6)).toBe(3);
    expect(clampParam(spec('bars'), 1000)).toBe(spec('bars').max);
    expect(clampParam(spec('temperature'), -1)).toBe(spec('temperature').min);
    expect(clampParam(spec('bars'), Number('two'))).toBeNull();
    const params = { bars: clampParam(spec('bars'), 99.4), variations: clampParam(spec('variations'), 0) };
    expect(() => validateParams(params, continueDescriptor.params)).not.toThrow();
  });

  it('name every key choice in words', () => {
    expect(keyChoiceLabel('off')).toBe('Any notes');
    expect(keyChoiceLabel('seed')).toBe("The seed's key");
    expect(keyChoiceLabel('Eb:minor')).toBe('E♭ minor');
    expect(keyChoiceLabel('F#:major')).toBe('F♯ major');
    expect(new Set(KEY_CHOICES.map(keyChoiceLabel)).size).toBe(KEY_CHOICES.length);
  });

  it('draw random seeds the seed param accepts', () => {
    for (const r of [0, 0.5, 0.999999999]) {
      expect(() => validateParams({ seed: randomSeed(() => r) }, continueDescriptor.params)).not.toThrow();
    }
  });
});

describe('historyShortcut', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}, code = '') => ({
    key: k,
    code,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('maps the usual undo and redo keys', () => {
    expect(historyShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(historyShortcut(key('z', { metaKey: true }))).toBe('undo');
    expect(historyShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyShortcut(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(historyShortcut(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('ignores plain keys and other chords', () => {
    expect(historyShortcut(key('z'))).toBeNull();
    expect(historyShortcut(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(historyShortcut(key('x', { ctrlKey: true }))).toBeNull();
    expect(historyShortcut(key('y', { metaKey: true }))).toBeNull();
  });
});
