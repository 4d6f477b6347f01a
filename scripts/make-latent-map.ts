/**
 * Writes a timbre VAE's map of its training sounds (`map.json` in the model folder, listed with its
 * sha256 in card.json, which is how the app knows the folder has one): latents of
 * up to N notes per instrument of a note set, projected to 2-D by PCA (see latent-map.ts). The
 * Latent Synth panel draws it with the user's sounds and the pad's point on it.
 *
 *   npx tsx scripts/make-latent-map.ts <model-dir> <notes-dir> [per-program=8]
 *   (notes-dir from `alea dataset notes`, e.g. the training bank's)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../src/ml/runtime/backend-node.ts';
import { sha256Hex } from '../src/ml/runtime/model-io.ts';
import { loadModelFolder } from '../src/ml/runtime/model-io-node.ts';
import { encodeNoteSet } from '../src/ml/vae/load-node.ts';
import { loadNoteSet } from '../src/ml/vae/note-set-node.ts';
import { buildTimbreVae, LATENT_MAP_FILE, principalAxes, projectLatent, type LatentMap } from '../src/plugins/builtin/latent-synth/index.ts';

async function main(): Promise<void> {
  const [modelDir, notesDir, perArg] = process.argv.slice(2);
  if (modelDir === undefined || notesDir === undefined) {
    console.error('usage: npx tsx scripts/make-latent-map.ts <model-dir> <notes-dir> [per-program]');
    process.exit(2);
  }
  const perProgram = Number(perArg ?? 8);
  await initBackend();
  const vae = buildTimbreVae(await loadModelFolder(modelDir));
  const set = await loadNoteSet(notesDir);
  // Spread the picks over each instrument's pitches (every k-th of its notes).
  const byProgram = new Map<number, number[]>();
  set.manifest.notes.forEach((n, i) => byProgram.set(n.program, [...(byProgram.get(n.program) ?? []), i]));
  const picks = [...byProgram.values()].flatMap((idx) => Array.from({ length: Math.min(perProgram, idx.length) }, (_, k) => idx[Math.floor((k * idx.length) / Math.min(perProgram, idx.length))]));
  const flat = encodeNoteSet(vae, set, picks);
  const d = vae.latentDim;
  const rows = picks.map((_, i) => flat.subarray(i * d, (i + 1) * d));
  const { mean, axes } = principalAxes(rows);
  const families = [...new Set(picks.map((i) => set.manifest.notes[i].family))].sort();
  const round = (v: number): number => Number(v.toPrecision(5));
  const map: LatentMap = {
    format: 'alea-latent-map',
    version: 1,
    weightsHash: vae.weightsHash,
    mean: mean.map(round),
    axes: [axes[0].map(round), axes[1].map(round)],
    families,
    points: rows.map((r, i) => {
      const [x, y] = projectLatent({ mean, axes }, r);
      return [round(x), round(y), families.indexOf(set.manifest.notes[picks[i]].family)];
    }),
  };
  const text = `${JSON.stringify(map)}\n`;
  writeFileSync(join(modelDir, LATENT_MAP_FILE), text);
  // The card lists the map with its sha256 (card.json itself is never hashed), so the app knows
  // the folder has one and checks it.
  const cardPath = join(modelDir, 'card.json');
  const card = JSON.parse(readFileSync(cardPath, 'utf8')) as { files: Record<string, string> };
  card.files[LATENT_MAP_FILE] = await sha256Hex(new TextEncoder().encode(text));
  card.files = Object.fromEntries(Object.entries(card.files).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);
  console.log(`${join(modelDir, LATENT_MAP_FILE)}: ${map.points.length} sounds, ${families.length} families`);
  vae.dispose();
}

await main();
