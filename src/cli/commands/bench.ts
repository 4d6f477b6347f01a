import type { Command } from 'commander';
import { action } from '../run-command.ts';
import { BENCH_GROUP_NAMES, runBenchmarks } from '../bench/run-benchmarks.ts';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('measure speed figures, each against a reference measured in the same run')
    .option('--json', 'print machine-readable JSON')
    .option('--only <names>', `comma-separated subset: ${BENCH_GROUP_NAMES.join(',')}`)
    .action(
      action(async (options: { json?: boolean; only?: string }) => {
        await runBenchmarks({ json: options.json === true, only: options.only?.split(',').map((s) => s.trim()).filter((s) => s.length > 0) });
      }),
    );
}
