import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { flagName, parseParamText } from '../../../src/cli/param-options.ts';
import { pluginCommand } from '../../../src/cli/plugin-commands/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import type { ParamSpec, Plugin } from '../../../src/plugins/types.ts';
import { echoPlugin } from '../../fixtures/example-plugin/index.ts';

/** Options a command has besides its params (files, output format, listing a model's choices). */
const FACE_OPTIONS = new Set(['--output', '--json', '--bit-depth', '--preset', '--soundfont', '--list-styles', '--bars']);

function optionFor(command: Command, spec: ParamSpec): Option {
  const long = spec.kind === 'bool' && spec.default === true ? `--no-${flagName(spec.id)}` : `--${flagName(spec.id)}`;
  const option = command.options.find((o) => o.long === long);
  if (option === undefined) throw new Error(`${command.name()} has no ${long}`);
  return option;
}

function parse(option: Option, text: string): unknown {
  return option.parseArg?.(text, undefined);
}

const plugins: Plugin[] = [...createBuiltinRegistry().list(), echoPlugin];
const withCommands = plugins.flatMap((plugin) => {
  const command = pluginCommand(plugin);
  return command === null ? [] : [{ plugin, command }];
});

describe('CLI options derive from the descriptors', () => {
  it('gives every generator and effect a command named by its id', () => {
    expect(withCommands.map((c) => c.command.name())).toEqual(['continue', 'infill', 'transpose-quantize', 'gain', 'remix', 'echo-up']);
  });

  for (const { plugin, command } of withCommands) {
    it(`${plugin.descriptor.id}: one flag per param with the descriptor's name, default and range`, () => {
      const paramFlags = plugin.descriptor.params.map((spec) => optionFor(command, spec).long);
      const others = command.options.map((o) => o.long ?? '').filter((long) => !paramFlags.includes(long));
      expect(others.filter((long) => !FACE_OPTIONS.has(long))).toEqual([]);
      for (const spec of plugin.descriptor.params) {
        const option = optionFor(command, spec);
        const help = option.description;
        if (spec.kind === 'bool') {
          expect(option.negate ? true : option.defaultValue).toBe(spec.default);
          continue;
        }
        expect(option.defaultValue, spec.id).toEqual(spec.default);
        if (spec.kind === 'int' || spec.kind === 'float') {
          const { min, max } = spec;
          if (min === undefined || max === undefined) throw new Error(`${spec.id} has no range`);
          expect(help).toContain(`${min}..${max}`);
          expect(parse(option, String(min))).toBe(min);
          expect(parse(option, String(max))).toBe(max);
          const below = spec.kind === 'int' ? min - 1 : min - (spec.step ?? 0.001);
          const above = spec.kind === 'int' ? max + 1 : max + (spec.step ?? 0.001);
          // a track param also takes a name, so only numbers are refused out of range
          expect(() => parse(option, String(below)), `${spec.id} below ${min}`).toThrow(`--${flagName(spec.id)}`);
          expect(() => parse(option, String(above)), `${spec.id} above ${max}`).toThrow(`--${flagName(spec.id)}`);
        }
        if (spec.kind === 'choice') {
          for (const choice of spec.choices ?? []) expect(parse(option, choice)).toBe(choice);
          expect(() => parse(option, 'no-such-choice')).toThrow(`--${flagName(spec.id)}`);
        }
        if (spec.kind === 'model') {
          expect(parse(option, '/any/copied-model')).toBe('/any/copied-model');
        }
      }
    });
  }

  it('spells flags in kebab-case and reads choices regardless of case', () => {
    expect(flagName('topK')).toBe('top-k');
    expect(flagName('onlyTrack')).toBe('only-track');
    const key: ParamSpec = { id: 'key', label: 'Key', kind: 'choice', choices: ['off', 'C:major'], default: 'off' };
    expect(parseParamText(key, 'c:MAJOR')).toBe('C:major');
  });

  it("refuses a bad value as bad usage (exit 2), naming the flag and what it takes", () => {
    const bars: ParamSpec = { id: 'bars', label: 'Bars', kind: 'int', min: 1, max: 64, default: 8 };
    expect(() => parseParamText(bars, '2.5')).toThrow("--bars must be an integer between 1 and 64, got '2.5'");
    expect(() => parseParamText(bars, '')).toThrowError(expect.objectContaining({ kind: 'usage' }));
  });
});
