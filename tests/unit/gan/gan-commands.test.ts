import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.ts';

const BANK = '/usr/share/sounds/sf2/TimGM6mb.sf2';
const MIDI = join(import.meta.dirname, '../../../../shared/data/nottingham');

describe('alea train gan / alea eval gan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-gan-'));

  it.skipIf(!existsSync(BANK) || !existsSync(MIDI))('train a few steps on a tiny style set, resume, and print the Remix figures as JSON', () => {
    const data = join(dir, 'set');
    expect(runCli(['dataset', 'styles', '--soundfont', BANK, '--midi', MIDI, '--out', data, '--segments', '6', '--seconds', '1', '--validation-share', '0.34']).status).toBe(0);
    const model = join(dir, 'model');
    const cache = join(dir, 'cache');
    const first = runCli(['train', 'gan', '--data', data, '--out', model, '--steps', '2', '--cache', cache]);
    expect(first.stderr).not.toContain('alea:');
    expect(first.status).toBe(0);
    const resumed = runCli(['train', 'gan', '--data', data, '--out', model, '--steps', '3', '--resume', '--cache', cache, '--json']);
    expect(resumed.status).toBe(0);
    const card = JSON.parse(resumed.stdout);
    expect(card.family).toBe('gan');
    expect(card.steps).toBe(3);
    expect(card.metrics.valSpreadRatio).toBeGreaterThan(0);
    const config = JSON.parse(readFileSync(join(model, 'config.json'), 'utf8'));
    expect(config.styles.map((s: { name: string }) => s.name)).toEqual(['piano', 'strings', 'brass', 'guitar', 'synth', 'chiptune']);

    const evaluated = runCli(['eval', 'gan', '--model', model, '--data', data, '--other-bank', data, '--json']);
    expect(evaluated.stderr).not.toContain('alea:');
    expect(evaluated.status).toBe(0);
    const { figures, perStyle } = JSON.parse(evaluated.stdout);
    for (const name of ['lsdRemixToTarget', 'lsdInputToTarget', 'lsdOtherBank', 'styleAccuracy', 'chromaCorrelation', 'realTimeFactor']) {
      expect(Number.isFinite(figures[name]), name).toBe(true);
    }
    // the same bank as "other bank" renders the very same audio: distance 0
    expect(figures.lsdOtherBank).toBe(0);
    expect(Object.keys(perStyle)).toEqual(['strings', 'brass', 'guitar', 'synth', 'chiptune']);
  }, 180_000);

  it('bad usage and bad input: one line, exit 2 or 1', () => {
    const noData = runCli(['train', 'gan', '--out', join(dir, 'x')]);
    expect(noData.status).toBe(2);
    expect(noData.stderr).toContain('needs --data');
    const missing = runCli(['train', 'gan', '--data', join(dir, 'nothing'), '--out', join(dir, 'y')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toBe(`alea: ${join(dir, 'nothing')}: no styles.json here (make one with 'alea dataset styles')`);
  });
});
