/**
 * `npm run fuzz [-- --runs N --seed S --only name,name]`: every parser of user files on N inputs
 * (default 10,000 each: mutated real files and random bytes). Each input that ends in anything
 * but a result or an AleaError is written to tests/fixtures/fuzz-regressions/<parser>/, where
 * the test suite replays it. Prints one line per parser; exit 1 when anything was found.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkInput } from '../tests/fuzz/check-input.ts';
import { inputArb } from '../tests/fuzz/mutate.ts';
import { repoRoot, TARGETS } from '../tests/fuzz/targets.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const runs = Number(option('runs') ?? 10_000);
const seed = Number(option('seed') ?? Date.now() % 2 ** 31);
const only = option('only')?.split(',');
const corpus = join(repoRoot, 'tests/fixtures/fuzz-regressions');
let found = 0;
process.stdout.write(`fuzz: ${runs} inputs per parser, seed ${seed}\n`);
for (const target of TARGETS.filter((t) => only === undefined || only.includes(t.name))) {
  const seeds = await target.seeds();
  const started = performance.now();
  const inputs = fc.sample(inputArb(seeds, target.json === true), { numRuns: runs, seed });
  let failures = 0;
  let accepted = 0;
  let slowest = 0;
  const kinds = new Map<string, number>();
  for (const bytes of inputs) {
    const t0 = performance.now();
    const finding = await checkInput(target, bytes, () => accepted++);
    slowest = Math.max(slowest, performance.now() - t0);
    if (finding === undefined) continue;
    failures++;
    const kind = finding.error.replace(/\d+/g, 'N').slice(0, 120);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const folder = join(corpus, target.name);
    mkdirSync(folder, { recursive: true });
    const name = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    writeFileSync(join(folder, `${name}.bin`), bytes);
    writeFileSync(join(folder, `${name}.txt`), `${finding.error}\n`);
  }
  found += failures;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${target.name.padEnd(13)} ${inputs.length} inputs (${accepted} read, the rest refused), ${failures} failures, slowest ${slowest.toFixed(0)} ms, ${seconds.toFixed(1)} s\n`);
  for (const [kind, count] of kinds) process.stdout.write(`  ${count}× ${kind}\n`);
}
process.exitCode = found > 0 ? 1 : 0;
