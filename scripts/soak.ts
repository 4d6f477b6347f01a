/**
 * `npm run soak [-- --calls N]`: N (default 200) short continue calls and N renders in one
 * process; prints tensors and tensor bytes before/after, and the heap after a full GC at the
 * start and every N/4 calls, so growth per call shows. Needs --expose-gc (the npm script sets it).
 */
import { loadFolkModel, repeatContinue, repeatRender, type RepeatFigures } from '../tests/soak/repeat-work.ts';

const at = process.argv.indexOf('--calls');
const calls = at >= 0 ? Number(process.argv[at + 1]) : 200;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run soak does)');

function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function report(name: string, figures: RepeatFigures, heap: number[]): void {
  const growth = heap[heap.length - 1] - heap[0];
  process.stdout.write(
    `${name.padEnd(9)} ${figures.calls} calls: tensors ${figures.tensorsBefore} → ${figures.tensorsAfter}, tensor bytes ${figures.bytesBefore} → ${figures.bytesAfter}; ` +
      `heap after GC ${heap.map((h) => h.toFixed(1)).join(' → ')} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MiB, ${((growth * 1024) / figures.calls).toFixed(1)} KiB per call)\n`,
  );
}

const step = Math.max(1, Math.floor(calls / 4));
const model = await loadFolkModel();
for (const [name, run] of [
  ['continue', (after: (i: number) => void) => repeatContinue(model, calls, after)],
  ['render', (after: (i: number) => void) => repeatRender(calls, after)],
] as const) {
  const heap: number[] = [];
  let first = true;
  const figures = await run((i) => {
    if (first) {
      first = false;
      heap.push(heapMiB());
    }
    if ((i + 1) % step === 0) heap.push(heapMiB());
  });
  report(name, figures, heap);
}
model.dispose();
process.stdout.write(`rss at the end: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`);
