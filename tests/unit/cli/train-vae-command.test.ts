import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

// CI installs Debian's timgm6mb-soundfont; without it there is nothing to render.
const BANK = '/usr/share/sounds/sf2/TimGM6mb.sf2';

describe('alea train vae', () => {
  it.skipIf(!existsSync(BANK))('trains on two worker threads, and starts another run from a saved model (refusing a folder that is none)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alea-train-vae-'));
    const data = join(dir, 'notes');
    expect(runCli(['dataset', 'notes', '--soundfont', BANK, '--out', data, '--programs', '0,73', '--pitch-step', '12', '--velocities', '100']).status).toBe(0);
    const model = join(dir, 'vae');
    const cache = join(dir, 'cache');
    const card = (folder: string): { steps: number; metrics: Record<string, number>; recipe: Record<string, unknown> } => JSON.parse(readFileSync(join(folder, 'card.json'), 'utf8'));

    const first = runCli(['train', 'vae', '--data', data, '--out', model, '--steps', '2', '--workers', '2', '--cache', cache]);
    expect(first.stderr).not.toContain('alea:');
    expect(first.status).toBe(0);
    expect(card(model).steps).toBe(2);
    expect(card(model).recipe.reconstruction).toBe('lsd');
    expect(card(model).metrics.trainLsdDb).toBeGreaterThan(0);

    const next = join(dir, 'next');
    expect(runCli(['train', 'vae', '--data', data, '--out', next, '--steps', '1', '--workers', '1', '--cache', cache, '--init', model, '--preset', 'timbre-vae-l1']).status).toBe(0);
    expect(card(next).recipe.initialisedFrom).toBe(model);
    expect(card(next).recipe.reconstruction).toBe('l1');
    expect(card(next).metrics.trainLogMelL1).toBeGreaterThan(0);

    const refused = runCli(['train', 'vae', '--data', data, '--out', join(dir, 'x'), '--steps', '1', '--workers', '1', '--cache', cache, '--init', data]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(`alea: ${data}: the model folder has no card.json`);
    const unknown = runCli(['train', 'vae', '--data', data, '--out', join(dir, 'y'), '--preset', 'melody-pop909']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe("alea: --preset for a VAE must be one of timbre-vae, timbre-vae-l1, timbre-vae-smooth, timbre-vae-fine, got 'melody-pop909'");
  }, 240_000);
});
