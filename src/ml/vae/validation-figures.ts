/** The figures training reports on fixed notes (z = μ): how well they are reconstructed, and the KL. */
import * as tf from '@tensorflow/tfjs';
import type { VaeWeights } from './model.ts';
import type { NoteFeatures } from './note-features.ts';
import { buildVaeBatch, disposeVaeBatch, targetFloorOf, vaeLossParts, type VaeTrainingOptions } from './training-task.ts';

const DB_PER_NAT = 10 / Math.LN10;

/**
 * Mean reconstruction and KL (nats per note) over `notes` notes spread over the set. Reconstruction
 * as the run trains it: `logMelL1` (nats) for 'l1', `lsdDb` (the log-spectral distance, dB) for 'lsd';
 * with a morph-path term, `pathBendDb`: how far halfway sounds bend from the two ends' midpoint;
 * with the fine low bins, `fineLsdDb`: their log-spectral distance (dB).
 */
export function validationFigures(
  vars: VaeWeights,
  data: NoteFeatures,
  noiseMatrix: tf.Tensor2D,
  notes = 64,
  loss: Pick<VaeTrainingOptions, 'reconstruction' | 'floorDb' | 'pathWeight'> = {},
): Record<string, number> {
  let recon = 0;
  let kl = 0;
  let bend = 0;
  let fine = 0;
  const withPath = (loss.pathWeight ?? 0) > 0;
  const count = Math.min(notes, data.notes.length);
  const batch = 16;
  for (let from = 0; from < count; from += batch) {
    const picks = Array.from({ length: Math.min(batch, count - from) }, (_, i) => Math.floor(((from + i) * data.notes.length) / count));
    const frames = picks.map(() => Array.from({ length: data.frames }, (_, t) => t));
    const b = buildVaeBatch(data, picks, frames, new Float32Array(picks.length * data.config.latentDim), targetFloorOf(loss));
    const [r, k, p, f] = tf.tidy(() => {
      const parts = vaeLossParts(vars, data.config, b, noiseMatrix, false, 0, loss.reconstruction, withPath);
      return [parts.recon.dataSync()[0], parts.kl.dataSync()[0], parts.path?.dataSync()[0] ?? 0, parts.fine?.dataSync()[0] ?? 0];
    });
    disposeVaeBatch(b);
    recon += r * picks.length;
    kl += k * picks.length;
    bend += p * picks.length;
    fine += f * picks.length;
  }
  const reconstruction: Record<string, number> = loss.reconstruction === 'lsd' ? { lsdDb: (recon / count) * DB_PER_NAT } : { logMelL1: recon / count };
  return {
    ...reconstruction,
    klNats: kl / count,
    ...(withPath ? { pathBendDb: (bend / count) * DB_PER_NAT } : {}),
    ...(data.fine ? { fineLsdDb: (fine / count) * DB_PER_NAT } : {}),
  };
}
