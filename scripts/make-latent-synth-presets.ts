/**
 * Writes Latent Synth's shipped presets: Alea's sample sounds encoded with a timbre VAE, two or
 * four per preset. Run again after a new model ships (latents belong to one model).
 *
 *   npx tsx scripts/make-latent-synth-presets.ts [model-dir] [out-dir]
 *   (defaults: models/timbre-vae, presets/latent-synth)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readWav } from '../src/core/audio/wav-read.ts';
import { initBackend } from '../src/ml/runtime/backend-node.ts';
import { loadModelFolder } from '../src/ml/runtime/model-io-node.ts';
import { buildTimbreVae, encodeSound, latentSynthDescriptor, latentSynthDataToJson, type LatentSound } from '../src/plugins/builtin/latent-synth/index.ts';
import { presetToJson } from '../src/plugins/presets.ts';
import { defaultParams } from '../src/plugins/params.ts';
import type { ParamValues } from '../src/plugins/types.ts';

interface PresetPlan {
  name: string;
  samples: string[];
  params: ParamValues;
}

const PLANS: PresetPlan[] = [
  { name: 'flute-to-bell', samples: ['flute-g4.wav', 'bell-c5.wav'], params: { x: 0.5 } },
  { name: 'four-corners', samples: ['pluck-c4.wav', 'flute-g4.wav', 'bass-c2.wav', 'pad-a3.wav'], params: { x: 0.35, y: 0.4, path: 'spherical' } },
];

async function main(): Promise<void> {
  const modelDir = process.argv[2] ?? 'models/timbre-vae';
  const outDir = process.argv[3] ?? 'presets/latent-synth';
  await initBackend();
  const vae = buildTimbreVae(await loadModelFolder(modelDir));
  mkdirSync(outDir, { recursive: true });
  for (const plan of PLANS) {
    const sounds: LatentSound[] = plan.samples.map((file) => {
      const { audio } = readWav(new Uint8Array(readFileSync(join('samples', file))), file);
      return encodeSound(vae, audio, basename(file, '.wav')).sound;
    });
    const params = { ...defaultParams(latentSynthDescriptor.params), ...plan.params };
    writeFileSync(join(outDir, `${plan.name}.json`), presetToJson(latentSynthDescriptor, params, latentSynthDataToJson({ sounds })));
    console.log(`${plan.name}: ${sounds.map((s) => `${s.name} (pitch ${s.pitch ?? 'none'})`).join(', ')}`);
  }
  vae.dispose();
}

await main();
