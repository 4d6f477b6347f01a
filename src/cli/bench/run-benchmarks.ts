import { AleaError } from '../../core/errors.ts';
import { formatFigure, type BenchFigure } from './bench-report.ts';

type BenchGroup = { name: string; run: () => Promise<BenchFigure[]> };

/** Every benchmark group, in the order printed; heavy modules load only when their group runs. */
const GROUPS: BenchGroup[] = [
  { name: 'matmul', run: async () => (await import('./bench-ml.ts')).benchMatmul() },
  { name: 'training', run: async () => (await import('./bench-ml.ts')).benchTrainingStep() },
  { name: 'render', run: async () => (await import('./bench-render.ts')).benchRenderSpeed() },
  { name: 'gm', run: async () => (await import('./bench-gm.ts')).benchGm() },
  { name: 'memory', run: async () => (await import('./bench-memory.ts')).benchRenderMemory() },
  { name: 'midi', run: async () => (await import('./bench-core.ts')).benchMidiCorpus() },
  { name: 'continue', run: async () => (await import('./bench-transformer.ts')).benchTransformer() },
  { name: 'latent-synth', run: async () => (await import('./bench-timbre.ts')).benchTimbre() },
  { name: 'remix', run: async () => (await import('./bench-remix.ts')).benchRemix() },
  { name: 'transcribe', run: async () => (await import('./bench-transcribe.ts')).benchTranscribe() },
];

/** The group names `--only` takes, in order. */
export const BENCH_GROUP_NAMES: readonly string[] = GROUPS.map((g) => g.name);

/** Checks `--only` names (bad usage, exit 2, for a name that is no group). */
export function selectGroups(only: readonly string[] | undefined): BenchGroup[] {
  if (only === undefined) return GROUPS;
  const unknown = only.filter((name) => !BENCH_GROUP_NAMES.includes(name));
  if (unknown.length > 0 || only.length === 0) {
    throw new AleaError('usage', `--only: unknown benchmark group '${unknown.join("', '")}' (groups: ${BENCH_GROUP_NAMES.join(', ')})`);
  }
  return GROUPS.filter((g) => only.includes(g.name));
}

export async function runBenchmarks(options: { json: boolean; only?: string[] }): Promise<void> {
  const selected = selectGroups(options.only);
  const figures: BenchFigure[] = [];
  for (const group of selected) {
    process.stderr.write(`bench: ${group.name}…\n`);
    const result = await group.run();
    figures.push(...result);
    if (!options.json) for (const figure of result) process.stdout.write(`${formatFigure(figure)}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ figures }, null, 2)}\n`);
}
