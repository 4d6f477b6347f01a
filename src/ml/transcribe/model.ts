/**
 * Basic Pitch (Spotify, Apache-2.0, npm `@spotify/basic-pitch` 1.0.1): a 0.9 MB tfjs graph model
 * that turns 22.05 kHz mono audio, in 2 s windows, into per-frame note activations (88 keys,
 * 86 frames per second). The package ships the model beside its code.
 *
 * Alea does not run the package's `BasicPitch` class, although it runs on tfjs 4 (the npm
 * override gives the package Alea's own tfjs): its `evaluateModel` never disposes the tensors it
 * makes (the framed input, every window's outputs and slices), cannot be cancelled and reads all
 * three outputs back as nested arrays. Alea loads the shipped model.json with tfjs's own
 * `loadGraphModel` (from the package folder in Node, from URLs the app's build serves in a
 * browser), runs the windows itself (activations.ts) and uses only the package's post-processing
 * (notes.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import { sha256Hex } from '../runtime/model-io.ts';
import { BASIC_PITCH_REF, BASIC_PITCH_WEIGHTS_SHA256 } from './info.ts';

/** The model's own constants (basic_pitch/constants.py). */
export const SAMPLE_RATE = 22050;
export const FFT_HOP = 256;
/** samples per window: 2 s less one hop */
export const WINDOW_SAMPLES = SAMPLE_RATE * 2 - FFT_HOP;
/** frames each window shares with the next; half is dropped from either side of a window's output */
export const OVERLAP_FRAMES = 30;
export const OVERLAP_SAMPLES = OVERLAP_FRAMES * FFT_HOP;
export const HOP_SAMPLES = WINDOW_SAMPLES - OVERLAP_SAMPLES;
export const FRAMES_PER_SECOND = Math.floor(SAMPLE_RATE / FFT_HOP);
export const PITCH_BINS = 88;
/** output tensors of the graph, by what they hold */
export const OUTPUT_NAMES = { frames: 'Identity_1', onsets: 'Identity_2' } as const;

/** The two files of the shipped model. */
export const MODEL_FILES = { json: 'model.json', weights: 'group1-shard1of1.bin' } as const;

/** Reads one of MODEL_FILES by name. */
export type ModelFileReader = (name: string) => Promise<Uint8Array>;

interface GraphModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: unknown;
  signature?: unknown;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

function problem(message: string): AleaError {
  return new AleaError('model', `the Basic Pitch model (@spotify/basic-pitch): ${message}; reinstall the package (npm ci)`);
}

function parseModelJson(bytes: Uint8Array): GraphModelJson {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw problem('model.json is not JSON');
  }
  const shaped = json as Partial<GraphModelJson> | null;
  const manifest = shaped?.weightsManifest;
  if (shaped?.format !== 'graph-model' || shaped.modelTopology === undefined || !Array.isArray(manifest)) {
    throw problem('model.json is not a tfjs graph model');
  }
  const paths = manifest.flatMap((group) => group.paths);
  if (paths.length !== 1 || paths[0] !== MODEL_FILES.weights) throw problem(`model.json names weight files ${paths.join(', ')}`);
  return shaped as GraphModelJson;
}

/**
 * Loads the graph model with the weight file's sha256 checked first: a corrupt or different model
 * is refused with one line. The caller disposes the model.
 */
export async function loadBasicPitch(read: ModelFileReader): Promise<tf.GraphModel> {
  const json = parseModelJson(await read(MODEL_FILES.json));
  const weights = await read(MODEL_FILES.weights);
  const hash = await sha256Hex(weights);
  if (hash !== BASIC_PITCH_WEIGHTS_SHA256) throw problem(`${MODEL_FILES.weights} has sha256 ${hash.slice(0, 12)}…, not ${BASIC_PITCH_REF.sha256}…`);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    ...(json.signature === undefined ? {} : { signature: json.signature as tf.io.ModelArtifacts['signature'] }),
  };
  return tf.loadGraphModel(tf.io.fromMemory(artifacts));
}
