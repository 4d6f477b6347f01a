import type { Command } from 'commander';
import { action } from '../run-command.ts';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('measure speed figures, each against a reference measured in the same run')
    .option('--json', 'print machine-readable JSON')
    .option('--only <names>', 'comma-separated subset: matmul,training,render,midi,transformer')
    .action(
      action(async (options: { json?: boolean; only?: string }) => {
        const { runBenchmarks } = await import('../bench/run-benchmarks.ts');
        await runBenchmarks({ json: options.json === true, only: options.only?.split(',').map((s) => s.trim()) });
      }),
    );
}
