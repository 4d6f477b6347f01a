/**
 * Writes a timbre VAE's map of its training sounds (`map.json` in the model folder): latents of
 * up to N notes per instrument of a note set, projected to 2-D by PCA (see latent-map.ts). The
 * Latent Synth panel draws it with the user's sounds and the pad's point on it.
 *
 *   npx tsx scripts/make-latent-map.ts <model-dir> <notes-dir> [per-program=8]
 *   (notes-dir from `alea dataset notes`, e.g. the training bank's)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../src/ml/runtime/backend-node.ts';
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
  writeFileSync(join(modelDir, LATENT_MAP_FILE), `${JSON.stringify(map)}\n`);
  console.log(`${join(modelDir, LATENT_MAP_FILE)}: ${map.points.length} sounds, ${families.length} families`);
  vae.dispose();
}

await main();
