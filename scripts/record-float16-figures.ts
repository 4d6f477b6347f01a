/**
 * Compares the held-out figures of a model's float32 and float16 weights (two `alea eval … --json`
 * outputs) and, with --write, records both in its card: `eval.*` the float16 figures,
 * `float32.eval.*` the float32 ones, and a `weightsNote`. Exits 1 when a figure moved by more than
 * --limit (relative; default 1%). Speeds (realTimeFactor) are not held-out figures and are skipped.
 *
 *   npx tsx scripts/record-float16-figures.ts <model-dir> <f32.json> <f16.json> "<eval command>" [--write] [--limit 0.01] [--note TEXT]
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Figures = Record<string, number>;

function figuresOf(path: string): Figures {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { figures: Figures; perStyle?: Record<string, Figures> };
  const out: Figures = { ...doc.figures };
  // per-style figures as the cards hold them (3 decimals)
  for (const [style, figures] of Object.entries(doc.perStyle ?? {})) for (const [k, v] of Object.entries(figures)) out[`${style}.${k}`] = Math.round(v * 1000) / 1000;
  return out;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const [modelDir, f32Path, f16Path, command] = args;
if (modelDir === undefined || f32Path === undefined || f16Path === undefined || command === undefined) {
  console.error('usage: npx tsx scripts/record-float16-figures.ts <model-dir> <f32.json> <f16.json> "<eval command>" [--write] [--limit 0.01] [--note TEXT]');
  process.exit(2);
}
const limit = Number(option(args, '--limit') ?? 0.01);
const [a, b] = [figuresOf(f32Path), figuresOf(f16Path)];
const compared = Object.keys(a).filter((k) => k !== 'realTimeFactor' && Number.isFinite(a[k]) && Number.isFinite(b[k]));
const change = (k: string): number => Math.abs(b[k] - a[k]) / Math.max(Math.abs(a[k]), 1e-12);
const worst = compared.reduce((w, k) => (change(k) > change(w) ? k : w), compared[0]);
const beyond = compared.filter((k) => change(k) > limit);
for (const k of compared) console.log(`${k.padEnd(34)} ${String(a[k]).padEnd(22)} ${String(b[k]).padEnd(22)} ${(100 * change(k)).toFixed(4)}%${change(k) > limit ? '  beyond the limit' : ''}`);
if (beyond.length > 0) {
  console.error(`${modelDir}: ${beyond.length} figures moved by more than ${100 * limit}% (${beyond.join(', ')}): keep float32`);
  process.exit(1);
}
console.log(`${modelDir}: every figure within ${100 * limit}% (largest: ${worst}, ${(100 * change(worst)).toFixed(4)}%)`);
if (args.includes('--write')) {
  const path = join(modelDir, 'card.json');
  const card = JSON.parse(readFileSync(path, 'utf8')) as { metrics: Figures; weightBytes?: { float32: number; stored: number }; weightsNote?: string };
  for (const k of compared) {
    card.metrics[`float32.eval.${k}`] = a[k];
    card.metrics[`eval.${k}`] = b[k];
  }
  const bytes = card.weightBytes === undefined ? '' : `: ${card.weightBytes.float32} → ${card.weightBytes.stored} bytes`;
  const note = option(args, '--note');
  card.weightsNote =
    `Weights stored as float16 (alea models quantize)${bytes}. Held-out figures measured with float32 and float16 weights by the same command and seed (\`${command}\`): ` +
    `eval.* are the float16 figures, float32.eval.* the float32 ones; the largest change is ${worst} (${a[worst]} → ${b[worst]}, ${(100 * change(worst)).toFixed(4)}%), within the ${100 * limit}% kept for float16.` +
    (note === undefined ? '' : ` ${note}`);
  writeFileSync(`${path}.part`, `${JSON.stringify(card, null, 2)}\n`);
  renameSync(`${path}.part`, path);
  console.log(`recorded in ${path}`);
}
