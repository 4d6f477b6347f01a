import { formatFigure, type BenchFigure } from './bench-report.ts';

type BenchGroup = { name: string; run: () => Promise<BenchFigure[]> };

/** Every benchmark group, in the order printed; heavy modules load only when their group runs. */
const GROUPS: BenchGroup[] = [
  { name: 'matmul', run: async () => (await import('./bench-ml.ts')).benchMatmul() },
  { name: 'training', run: async () => (await import('./bench-ml.ts')).benchTrainingStep() },
  { name: 'render', run: async () => (await import('./bench-render.ts')).benchRenderSpeed() },
  { name: 'midi', run: async () => (await import('./bench-core.ts')).benchMidiCorpus() },
  { name: 'continue', run: async () => (await import('./bench-transformer.ts')).benchTransformer() },
];

export async function runBenchmarks(options: { json: boolean; only?: string[] }): Promise<void> {
  const selected = options.only ? GROUPS.filter((g) => options.only?.includes(g.name)) : GROUPS;
  const figures: BenchFigure[] = [];
  for (const group of selected) {
    process.stderr.write(`bench: ${group.name}…\n`);
    const result = await group.run();
    figures.push(...result);
    if (!options.json) for (const figure of result) process.stdout.write(`${formatFigure(figure)}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ figures }, null, 2)}\n`);
}
