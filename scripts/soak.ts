/**
 * `npm run soak [-- --calls N] [--only continue,morph,...]`: N (default 200) continue, morph,
 * remix, render and Tone-graph render calls in one process; prints tensors and tensor bytes
 * before/after, live Tone.js nodes where the work uses Tone, and the heap after a full GC at the
 * start and every N/4 calls, so growth per call shows. Needs --expose-gc (the npm script sets it).
 */
import {
  loadFolkModel,
  loadMorphModels,
  remixModels,
  repeatContinue,
  repeatMorph,
  repeatRemix,
  repeatRender,
  repeatToneRender,
  type RepeatFigures,
} from '../tests/soak/repeat-work.ts';

const at = process.argv.indexOf('--calls');
const calls = at >= 0 ? Number(process.argv[at + 1]) : 200;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1].split(',') : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run soak does)');

function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function report(name: string, figures: RepeatFigures, heap: number[]): void {
  const growth = heap[heap.length - 1] - heap[0];
  const tone =
    figures.toneNodesBefore === undefined
      ? ''
      : `, Tone nodes ${figures.toneNodesBefore} → ${figures.toneNodesAfter}, Tone contexts held ${figures.toneContextsHeldBefore} → ${figures.toneContextsHeldAfter}`;
  process.stdout.write(
    `${name.padEnd(11)} ${figures.calls} calls: tensors ${figures.tensorsBefore} → ${figures.tensorsAfter}, tensor bytes ${figures.bytesBefore} → ${figures.bytesAfter}${tone}; ` +
      `heap after GC ${heap.map((h) => h.toFixed(1)).join(' → ')} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MiB, ${((growth * 1024) / figures.calls).toFixed(1)} KiB per call)\n`,
  );
}

const step = Math.max(1, Math.floor(calls / 4));
const model = await loadFolkModel();
const morphModels = await loadMorphModels();
const remix = remixModels();
const work: [string, (after: (i: number) => void) => Promise<RepeatFigures>][] = [
  ['continue', (after) => repeatContinue(model, calls, after)],
  ['morph', (after) => repeatMorph(morphModels, calls, after)],
  ['remix', (after) => repeatRemix(remix, calls, after)],
  ['render', (after) => repeatRender(calls, after)],
  ['tone-render', (after) => repeatToneRender(calls, after)],
];
for (const [name, run] of work) {
  if (only !== undefined && !only.includes(name)) continue;
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
morphModels.dispose();
await remix.dispose();
process.stdout.write(`rss at the end: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`);
