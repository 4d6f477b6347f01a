/**
 * "Adding a plugin is a folder and a registry line": the example plugin in
 * tests/fixtures/example-plugin/ is registered with one line below, and the CLI, the ML worker's
 * dispatch and the app's plugin list all pick it up with no other change.
 */
import { Command } from 'commander';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pluginChoices, paramControl } from '../../../src/app/lib/plugin-list.ts';
import { runPluginJob } from '../../../src/app/worker/plugin-jobs.ts';
import { registerCommands } from '../../../src/cli/commands/index.ts';
import { readMidi } from '../../../src/core/music/midi-io.ts';
import type { Song } from '../../../src/core/music/types.ts';
import { createBuiltinRegistry } from '../../../src/plugins/builtin/builtin-registry.ts';
import type { ModelResolver } from '../../../src/plugins/types.ts';
import { echoPlugin } from '../../fixtures/example-plugin/index.ts';

const registry = createBuiltinRegistry().register(echoPlugin); // the one registry line

const SEED = 'samples/pop-8bar-melody.mid';
const seed = (): Song => readMidi(new Uint8Array(readFileSync(SEED)), SEED);
const noModels: ModelResolver = { load: () => Promise.reject(new Error('this plugin needs no model')) };

function program(): Command {
  const root = new Command('alea').exitOverride();
  registerCommands(root, registry);
  for (const command of root.commands) command.exitOverride();
  return root;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = 0;
});

describe('a plugin added with one registry line', () => {
  it('is a CLI command with flags from its params, and writes its variations', async () => {
    const cli = program();
    const command = cli.commands.find((c) => c.name() === 'echo-up');
    expect(command?.options.map((o) => o.long)).toEqual(['--output', '--interval', '--copies', '--softer', '--preset', '--json']);
    const out = join(mkdtempSync(join(tmpdir(), 'alea-echo-')), 'echo.mid');
    const written = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await cli.parseAsync(['node', 'alea', 'echo-up', SEED, '-o', out, '--interval', '12', '--copies', '3']);
    expect(process.exitCode).toBe(0);
    expect(written.mock.calls.map((c) => String(c[0]))).toEqual([1, 2, 3].map((i) => `wrote ${out.replace(/\.mid$/, `-${i}.mid`)}\n`));
    const third = readMidi(new Uint8Array(readFileSync(out.replace(/\.mid$/, '-3.mid'))), 'echo-3.mid');
    const original = seed().tracks.flatMap((t) => t.notes.map((n) => n.pitch));
    const sorted = (pitches: number[]): number[] => [...pitches].sort((a, b) => a - b);
    const expected = [...original, ...original.map((p) => Math.min(127, p + 36))];
    expect(sorted(third.tracks.flatMap((t) => t.notes.map((n) => n.pitch)))).toEqual(sorted(expected));
  });

  it('is listed by `alea plugins --json` and refuses an out-of-range flag as bad usage', async () => {
    const cli = program();
    const written = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await cli.parseAsync(['node', 'alea', 'plugins', '--json']);
    const listed = JSON.parse(written.mock.calls.map((c) => String(c[0])).join('')) as { id: string }[];
    expect(listed.map((d) => d.id)).toContain('echo-up');
    await expect(program().parseAsync(['node', 'alea', 'echo-up', SEED, '-o', '/tmp/x.mid', '--copies', '9'])).rejects.toMatchObject({
      kind: 'usage',
      message: "--copies must be an integer between 1 and 4, got '9'",
    });
  });

  it('runs in the ML worker by id, with progress, params checked and kind checked', async () => {
    const progress: number[] = [];
    const result = await runPluginJob(registry, 'echo-up', { kind: 'midi-generator', song: seed(), params: { copies: 2 } }, {
      models: noModels,
      onProgress: (p) => progress.push(p.done / p.total),
    });
    expect(result.kind === 'midi-generator' ? result.variations.length : 0).toBe(2);
    expect(progress).toEqual([0.5, 1]);
    await expect(runPluginJob(registry, 'echo-up', { kind: 'midi-generator', song: seed(), params: { copies: 0 } }, { models: noModels })).rejects.toThrow(
      "param 'copies' must be an integer between 1 and 4, got 0",
    );
    await expect(runPluginJob(registry, 'echo-up', { kind: 'instrument', params: {} }, { models: noModels })).rejects.toThrow(
      "plugin 'echo-up' is a midi-generator, not a instrument",
    );
    await expect(runPluginJob(registry, 'no-such', { kind: 'instrument', params: {} }, { models: noModels })).rejects.toThrow("unknown plugin 'no-such'");
  });

  it('stops in the worker when its job is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const job = runPluginJob(registry, 'echo-up', { kind: 'midi-generator', song: seed(), params: {} }, { models: noModels, signal: controller.signal });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("is in the app's generator list, each param with a control", () => {
    const generators = pluginChoices('midi-generator', registry);
    expect(generators.map((d) => d.id)).toEqual(['continue', 'infill', 'echo-up']);
    expect(echoPlugin.descriptor.params.map(paramControl)).toEqual(['number', 'number', 'checkbox']);
    expect(pluginChoices('midi-generator').map((d) => d.id)).toEqual(['continue', 'infill']); // the app's own registry is untouched
  });
});
