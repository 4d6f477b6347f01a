import { concatBytes } from '../../core/bytes.ts';
import * as tf from '@tensorflow/tfjs';
import { AleaError } from '../../core/errors.ts';
import {
  ModelCardSchema,
  ModelConfigEnvelopeSchema,
  ModelJsonSchema,
  parseModelFile,
  type ModelCard,
  type ModelCardInput,
  type ModelJson,
  type WeightSpec,
} from './model-card.ts';
import { fromFloat16 } from './float16.ts';
import { sha256Hex } from './sha256.ts';

export { sha256Hex };

/**
 * Model folders: `model.json` (tfjs weights manifest) + `*.bin` shards + `config.json` +
 * `card.json` (with the sha256 of every other file, checked on load). Encoding and decoding are
 * pure here; `model-io-node.ts` reads and writes folders, `loadModelFromUrl` fetches them.
 */

export const MODEL_JSON = 'model.json';
export const CONFIG_JSON = 'config.json';
export const CARD_JSON = 'card.json';
/** tfjs's usual shard size: small enough for HTTP caches, large enough to be few. */
export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;

export interface ModelFolderContents {
  weights: Record<string, tf.Tensor>;
  config: unknown;
  card: ModelCardInput;
}

export interface LoadedModel {
  /** The caller owns (and disposes) these tensors. */
  weights: Record<string, tf.Tensor>;
  config: unknown;
  card: ModelCard;
  /** Short hash of the weight bytes, for provenance. */
  weightsHash: string;
}

/** Reads one file of a folder by name; null when it does not exist. */
export type FileReader = (name: string) => Promise<Uint8Array | null>;

const encoder = new TextEncoder();


/** JSON as the model folders write it (two-space indent, final newline). */
export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** tfjs's shard file names: group1-shard1of2.bin, group1-shard2of2.bin… */
export function shardName(index: number, count: number): string {
  return `group1-shard${index + 1}of${count}.bin`;
}

async function weightsHashOf(shards: Uint8Array[]): Promise<string> {
  const total = shards.reduce((n, s) => n + s.length, 0);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const s of shards) {
    all.set(s, offset);
    offset += s.length;
  }
  return (await sha256Hex(all)).slice(0, 12);
}

/** Weight values outside tfjs (checkpoints, workers): float32 or int32. */
export interface WeightArray {
  shape: number[];
  values: Float32Array | Int32Array;
}
export type WeightArrays = Record<string, WeightArray>;

/** Reads tensors out into arrays (float32 and int32 only). */
export function tensorsToArrays(weights: Record<string, tf.Tensor>): WeightArrays {
  const out: WeightArrays = {};
  for (const [name, t] of Object.entries(weights)) {
    if (t.dtype !== 'float32' && t.dtype !== 'int32') throw new AleaError('model', `weight ${name} is ${t.dtype}; model folders hold float32 or int32`);
    const values = t.dataSync();
    out[name] = { shape: [...t.shape], values: values instanceof Int32Array ? values.slice() : Float32Array.from(values) };
  }
  return out;
}

/** Frees a loaded model's tensors: for a host whose model build failed (callers outside ml/ hold no tfjs). */
export function disposeLoadedModel(loaded: Pick<LoadedModel, 'weights'>): void {
  tf.dispose(Object.values(loaded.weights));
}

/** Makes tensors from arrays; the caller disposes them. */
export function arraysToTensors(weights: WeightArrays): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, a] of Object.entries(weights)) out[name] = tf.tensor(a.values, a.shape, a.values instanceof Int32Array ? 'int32' : 'float32');
  return out;
}

export interface ModelFolderArrays {
  weights: WeightArrays;
  config: unknown;
  card: ModelCardInput;
}

/**
 * The files of a model folder, byte-for-byte deterministic: weights in sorted name order, raw
 * little-endian values (tfjs's layout), split into shards of `shardBytes`. Returns file name →
 * bytes, card.json included.
 */
export async function encodeModelFolderArrays(
  contents: ModelFolderArrays,
  shardBytes = DEFAULT_SHARD_BYTES,
): Promise<{ files: Map<string, Uint8Array>; card: ModelCard; weightsHash: string }> {
  const names = Object.keys(contents.weights).sort();
  const entries = names.map((name) => {
    const { shape, values } = contents.weights[name];
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== values.length) throw new AleaError('model', `weight ${name} has ${values.length} values for shape [${shape}]`);
    return { name, shape, values };
  });
  const bytes = new Uint8Array(entries.reduce((n, e) => n + e.values.byteLength, 0));
  let offset = 0;
  for (const { values } of entries) {
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
    offset += values.byteLength;
  }
  const count = Math.max(1, Math.ceil(bytes.length / shardBytes));
  const shards = Array.from({ length: count }, (_, i) => bytes.slice(i * shardBytes, (i + 1) * shardBytes));
  const modelJson: ModelJson = {
    format: 'alea-weights',
    generatedBy: 'alea',
    modelTopology: null,
    weightsManifest: [
      {
        paths: shards.map((_, i) => shardName(i, count)),
        weights: entries.map((e) => ({ name: e.name, shape: [...e.shape], dtype: e.values instanceof Int32Array ? 'int32' : 'float32' })),
      },
    ],
  };
  const files = new Map<string, Uint8Array>();
  shards.forEach((s, i) => files.set(shardName(i, count), s));
  files.set(MODEL_JSON, jsonBytes(modelJson));
  files.set(CONFIG_JSON, jsonBytes(contents.config));
  const hashes: Record<string, string> = {};
  for (const name of [...files.keys()].sort()) hashes[name] = await sha256Hex(files.get(name) ?? new Uint8Array());
  const parameters = contents.card.parameters ?? entries.reduce((n, e) => n + e.values.length, 0);
  // These shards are float32: a card carried over from a quantized folder must not say otherwise.
  const carried = { ...contents.card };
  delete carried.weightsDtype;
  delete carried.weightBytes;
  delete carried.weightsNote;
  const card: ModelCard = { ...carried, parameters, files: hashes };
  files.set(CARD_JSON, jsonBytes(card));
  return { files, card, weightsHash: await weightsHashOf(shards) };
}

/** `encodeModelFolderArrays` for tensors. */
export async function encodeModelFolder(
  contents: ModelFolderContents,
  shardBytes = DEFAULT_SHARD_BYTES,
): Promise<{ files: Map<string, Uint8Array>; card: ModelCard; weightsHash: string }> {
  return encodeModelFolderArrays({ ...contents, weights: tensorsToArrays(contents.weights) }, shardBytes);
}

const decoder = new TextDecoder();

async function required(read: FileReader, name: string, why: string): Promise<Uint8Array> {
  const bytes = await read(name);
  if (bytes === null) throw new AleaError('model', `the model folder has no ${name}${why}`);
  return bytes;
}

async function checked(read: FileReader, name: string, card: ModelCard, what: string): Promise<Uint8Array> {
  const expected = card.files[name];
  if (expected === undefined) throw new AleaError('model', `${CARD_JSON} lists no sha256 for ${name}`);
  const bytes = await required(read, name, ` (listed in ${CARD_JSON})`);
  const found = await sha256Hex(bytes);
  if (found !== expected) {
    throw new AleaError('model', `${what} ${name} does not match its card (sha256 ${found.slice(0, 12)}…, card says ${expected.slice(0, 12)}…)`);
  }
  return bytes;
}

export { concatBytes } from '../../core/bytes.ts';

/** Bytes one weight takes in the shards: 2 per value when stored as float16, else 4. */
export function storedBytes(spec: WeightSpec): number {
  return (spec.quantization === undefined ? 4 : 2) * spec.shape.reduce((a, b) => a * b, 1);
}

/**
 * The weights of one manifest group out of its concatenated shard bytes: float32 and int32 as
 * stored, float16 (tfjs's quantization) widened back to float32, as tf.io.decodeWeights does.
 */
export function decodeWeightData(specs: readonly WeightSpec[], data: Uint8Array): WeightArrays {
  const needed = specs.reduce((n, w) => n + storedBytes(w), 0);
  if (needed !== data.length) {
    throw new AleaError('model', `${MODEL_JSON} lists weights of ${needed} bytes but its shards hold ${data.length}`);
  }
  const weights: WeightArrays = {};
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization !== undefined && spec.dtype !== 'float32') throw new AleaError('model', `${MODEL_JSON}: weight ${spec.name} is ${spec.dtype}; only float32 weights are stored as float16`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = storedBytes(spec);
    // A view where aligned (no copy); after an odd-sized float16 weight, a copy of its own bytes.
    const aligned = (data.byteOffset + offset) % 4 === 0;
    const [buffer, at] = aligned ? [data.buffer, data.byteOffset + offset] : [data.slice(offset, offset + bytes).buffer, 0];
    const values =
      spec.quantization !== undefined
        ? fromFloat16(new Uint16Array(buffer, at, size))
        : spec.dtype === 'int32'
          ? new Int32Array(buffer, at, size)
          : new Float32Array(buffer, at, size);
    weights[spec.name] = { shape: [...spec.shape], values };
    offset += bytes;
  }
  return weights;
}

export interface LoadedModelArrays extends Omit<LoadedModel, 'weights'> {
  weights: WeightArrays;
}

/** Reads and checks a model folder through `read`; every problem is one line (kind 'model'). */
export async function decodeModelFolderArrays(read: FileReader): Promise<LoadedModelArrays> {
  const card = parseModelFile(CARD_JSON, decoder.decode(await required(read, CARD_JSON, '')), ModelCardSchema);
  const modelJson = parseModelFile(MODEL_JSON, decoder.decode(await checked(read, MODEL_JSON, card, 'manifest')), ModelJsonSchema);
  const config: unknown = parseModelFile(CONFIG_JSON, decoder.decode(await checked(read, CONFIG_JSON, card, 'config')), ModelConfigEnvelopeSchema);
  const group = modelJson.weightsManifest[0];
  const shards: Uint8Array[] = [];
  for (const path of group.paths) shards.push(await checked(read, path, card, 'weights file'));
  const weights = decodeWeightData(group.weights, concatBytes(shards));
  return { weights, config, card, weightsHash: await weightsHashOf(shards) };
}

/** `decodeModelFolderArrays` into tensors (the caller disposes them). */
export async function decodeModelFolder(read: FileReader): Promise<LoadedModel> {
  const loaded = await decodeModelFolderArrays(read);
  return { ...loaded, weights: arraysToTensors(loaded.weights) };
}

/**
 * Loads a model folder served over HTTP (the app serves `models/` itself: nothing comes from
 * outside). `baseUrl` is the folder's URL; `fetchFn` defaults to the global fetch.
 */
export async function loadModelFromUrl(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<LoadedModel> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return decodeModelFolder(async (name) => {
    const response = await fetchFn(`${base}${name}`);
    if (response.status === 404) return null;
    if (!response.ok) throw new AleaError('model', `could not fetch ${name} (HTTP ${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  });
}
