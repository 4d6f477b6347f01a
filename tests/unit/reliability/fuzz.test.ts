/**
 * A bounded, seeded fuzz run of every parser a user's file reaches (`npm run fuzz` runs ≥ 10,000
 * inputs each), and the replay of every input a fuzz run ever found failing.
 */
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInput } from '../../fuzz/check-input.ts';
import { inputArb } from '../../fuzz/mutate.ts';
import { repoRoot, TARGETS } from '../../fuzz/targets.ts';

const RUNS_PER_PARSER = 150;
const CORPUS = join(repoRoot, 'tests/fixtures/fuzz-regressions');

describe('fuzzing every parser of user files (seeded, bounded)', () => {
  for (const target of TARGETS) {
    it(`${target.name}: mutated real files and random bytes end in a result or one AleaError line`, async () => {
      const seeds = await target.seeds();
      expect(seeds.length).toBeGreaterThan(0);
      for (const seed of seeds) expect(await checkInput(target, seed), 'a seed file itself').toBeUndefined();
      await fc.assert(
        fc.asyncProperty(inputArb(seeds, target.json === true), async (bytes) => {
          const finding = await checkInput(target, bytes);
          if (finding !== undefined) throw new Error(finding.error);
        }),
        { numRuns: target.ciRuns ?? RUNS_PER_PARSER },
      );
    });
  }
});

describe('the fuzz regression corpus', () => {
  it('replays every input a fuzz run found, each ending in a result or an AleaError', async () => {
    let replayed = 0;
    for (const target of TARGETS) {
      const folder = join(CORPUS, target.name);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.bin'))) {
        const finding = await checkInput(target, new Uint8Array(readFileSync(join(folder, name))));
        expect(finding, `${target.name}/${name}`).toBeUndefined();
        replayed++;
      }
    }
    expect(replayed).toBeGreaterThan(0);
  });
});
