/** `alea eval` on data it cannot score fails (exit 1) and leaves the model card's figures alone. */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordInCard } from '../../../src/cli/card-update.ts';
import { repoRoot, runCli } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'alea-eval-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = join(dir, 'model');
cpSync(join(repoRoot, 'models/folk-nottingham'), model, { recursive: true });
const card = (): string => readFileSync(join(model, 'card.json'), 'utf8');

describe('alea eval on unusable data', () => {
  it('a folder of garbage: exit 1, the skipped files named, the card untouched', () => {
    const data = join(dir, 'garbage');
    mkdirSync(data);
    for (const name of ['a.mid', 'b.mid']) writeFileSync(join(data, name), 'not midi at all, just text');
    const before = card();
    const result = runCli(['eval', 'transformer', '--model', model, '--data', data, '--update-card', '--cache', join(dir, 'cache')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('skipped 2 unreadable file(s)');
    expect(result.stderr).toContain('a.mid');
    expect(result.stderr).toContain('no pieces to score');
    expect(card()).toBe(before);
  });

  it('too few files for the validation split: exit 1 saying so', () => {
    const data = join(dir, 'few');
    mkdirSync(data);
    for (const name of ['pop-8bar-melody.mid', 'minuet-in-g.mid']) copyFileSync(join(repoRoot, 'samples', name), join(data, name));
    const result = runCli(['eval', 'transformer', '--model', model, '--data', data, '--continuations', '0', '--cache', join(dir, 'cache')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('validation split');
  });

  it('recordInCard refuses figures from nothing', async () => {
    const before = card();
    const nothing: Record<string, number>[] = [{}, { valNll: 0, valPieces: 0 }, { valNll: Number.NaN, valPieces: 3 }];
    for (const figures of nothing) {
      await expect(recordInCard(model, figures)).rejects.toMatchObject({ kind: 'failure' });
    }
    expect(card()).toBe(before);
  });
});
