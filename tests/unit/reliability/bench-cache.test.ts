/**
 * Finding 7 of the review: `alea bench --only continue` wrote `.cache/` into the user's current
 * folder. Its training benchmark now caches the tokenized corpus in the system's temporary folder.
 * Its training runs on worker threads; the parallel runner is stubbed to stop right after it is
 * handed the configuration the workers would build their task from.
 */
import { tmpdir } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TransformerTrainingConfig } from '../../../src/ml/transformer/train/training-task.ts';

const seen: TransformerTrainingConfig[] = [];
vi.mock('../../../src/ml/runtime/parallel-training.ts', async (original) => ({
  ...(await original<object>()),
  runTrainingParallel: async (_taskModuleUrl: string, config: TransformerTrainingConfig) => {
    seen.push(config);
    throw new Error('stop: configuration seen');
  },
}));

describe("bench's Continue training", () => {
  it('caches the tokenized corpus under the system temporary folder, not ./.cache', async () => {
    const { benchContinueTraining } = await import('../../../src/ml/bench/continue-bench.ts');
    await expect(benchContinueTraining('melody-pop909', 'some/data')).rejects.toThrow('stop: configuration seen');
    expect(seen).toHaveLength(1);
    const data = seen[0].data;
    const cacheDir = 'cacheDir' in data ? data.cacheDir : undefined;
    expect(cacheDir).toBeDefined();
    const where = relative(tmpdir(), String(cacheDir));
    expect(isAbsolute(String(cacheDir))).toBe(true);
    expect(where.startsWith('..')).toBe(false);
  });
});
