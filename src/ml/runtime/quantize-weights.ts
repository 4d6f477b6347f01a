import { AleaError } from '../../core/errors.ts';
import { WEIGHTS_DTYPES, toFloat16, type WeightsDtype } from './float16.ts';
import { ModelCardSchema, ModelJsonSchema, parseModelFile, type ModelJson, type WeightSpec } from './model-card.ts';
import {
  CARD_JSON,
  DEFAULT_SHARD_BYTES,
  MODEL_JSON,
  concatBytes,
  decodeModelFolderArrays,
  decodeWeightData,
  jsonBytes,
  sha256Hex,
  shardName,
  storedBytes,
  type FileReader,
} from './model-io.ts';

/**
 * Weight quantization of a model folder (`alea models quantize`): float32 weights rewritten in
 * tfjs's own float16 format (`quantization: { dtype: 'float16', original_dtype: 'float32' }`),
 * int32 weights as they are. Pure: manifest and bytes in, manifest and bytes out.
 */

export { WEIGHTS_DTYPES, type WeightsDtype } from './float16.ts';

const FLOAT16 = { dtype: 'float16', original_dtype: 'float32' } as const;

export interface QuantizedWeightData {
  specs: WeightSpec[];
  data: Uint8Array;
  /** float32 weights (tensors) now stored as float16 */
  quantized: number;
  /** finite values beyond ±65504, stored as ±65504 */
  clamped: number;
}

/** One manifest group's weights (concatenated shard bytes) with every float32 weight as float16. */
export function quantizeWeightData(specs: readonly WeightSpec[], data: Uint8Array): QuantizedWeightData {
  const arrays = decodeWeightData(specs, data);
  const out: WeightSpec[] = specs.map((spec) => (spec.dtype === 'float32' ? { ...spec, quantization: { ...FLOAT16 } } : { ...spec }));
  const bytes = new Uint8Array(out.reduce((n, spec) => n + storedBytes(spec), 0));
  let offset = 0;
  let clamped = 0;
  for (const spec of out) {
    const { values } = arrays[spec.name];
    let stored: Uint16Array | Int32Array;
    if (values instanceof Float32Array) {
      // float16 weights decode to float32 and encode back to the same bits
      const half = toFloat16(values);
      clamped += half.clamped;
      stored = half.bits;
    } else {
      stored = values;
    }
    bytes.set(new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength), offset);
    offset += stored.byteLength;
  }
  const quantized = specs.filter((s) => s.dtype === 'float32' && s.quantization === undefined).length;
  return { specs: out, data: bytes, quantized, clamped };
}

export interface QuantizeReport {
  /** float32 weights (tensors) converted now; 0 when the folder was already float16 */
  quantized: number;
  /** values clamped to ±65504 */
  clamped: number;
  /** bytes of the weight shards before and after */
  bytesBefore: number;
  bytesAfter: number;
  /** the folder's short weight hash (provenance, flow priors' VAE link) before and after */
  weightsHashBefore: string;
  weightsHashAfter: string;
}

export interface QuantizedFolder {
  /** files to write (model.json, the shards, card.json); the others stay as they are */
  files: Map<string, Uint8Array>;
  /** shard files the new manifest no longer lists */
  stale: string[];
  report: QuantizeReport;
}

const decoder = new TextDecoder();

function shard(data: Uint8Array, shardBytes: number): Uint8Array[] {
  const count = Math.max(1, Math.ceil(data.length / shardBytes));
  return Array.from({ length: count }, (_, i) => data.slice(i * shardBytes, (i + 1) * shardBytes));
}

/**
 * The new files of a quantized model folder, read through `read` (checked against its card first:
 * a corrupt folder is refused). The card keeps every field, gains `weightsDtype` and `weightBytes`
 * and the sha256 of the new files; config.json and any other file are untouched.
 */
export async function quantizeModelFiles(read: FileReader, dtype: WeightsDtype, shardBytes = DEFAULT_SHARD_BYTES): Promise<QuantizedFolder> {
  if (!WEIGHTS_DTYPES.includes(dtype)) throw new AleaError('usage', `--dtype must be one of ${WEIGHTS_DTYPES.join(', ')}`);
  const { weightsHash } = await decodeModelFolderArrays(read); // every file checked against the card
  const cardBytes = await read(CARD_JSON);
  const modelBytes = await read(MODEL_JSON);
  if (cardBytes === null || modelBytes === null) throw new AleaError('model', 'the model folder changed while it was read');
  // The card as raw JSON, so fields this version does not know are kept, in their order.
  const rawCard = JSON.parse(decoder.decode(cardBytes)) as Record<string, unknown>;
  const card = parseModelFile(CARD_JSON, decoder.decode(cardBytes), ModelCardSchema);
  const modelJson: ModelJson = parseModelFile(MODEL_JSON, decoder.decode(modelBytes), ModelJsonSchema);
  const group = modelJson.weightsManifest[0];
  const shards: Uint8Array[] = [];
  for (const path of group.paths) shards.push((await read(path)) ?? new Uint8Array());
  const before = concatBytes(shards);
  const result = quantizeWeightData(group.weights, before);
  const report: QuantizeReport = {
    quantized: result.quantized,
    clamped: result.clamped,
    bytesBefore: before.length,
    bytesAfter: result.data.length,
    weightsHashBefore: weightsHash,
    // as the loader computes it: the first 12 hex digits of the sha256 of all shard bytes
    weightsHashAfter: (await sha256Hex(result.data)).slice(0, 12),
  };
  if (result.quantized === 0 && card.weightsDtype === dtype) return { files: new Map(), stale: [], report };

  const newShards = shard(result.data, shardBytes);
  const paths = newShards.map((_, i) => shardName(i, newShards.length));
  const files = new Map<string, Uint8Array>();
  newShards.forEach((s, i) => files.set(paths[i], s));
  files.set(MODEL_JSON, jsonBytes({ ...modelJson, weightsManifest: [{ ...group, paths, weights: result.specs }] }));
  const hashes: Record<string, string> = {};
  for (const [name, hash] of Object.entries(card.files)) if (!group.paths.includes(name)) hashes[name] = hash;
  for (const [name, bytes] of files) hashes[name] = await sha256Hex(bytes);
  const float32Bytes = card.weightBytes?.float32 ?? group.weights.reduce((n, w) => n + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  const sortedHashes = Object.fromEntries(Object.keys(hashes).sort().map((k) => [k, hashes[k]]));
  files.set(CARD_JSON, jsonBytes({ ...rawCard, files: sortedHashes, weightsDtype: dtype, weightBytes: { float32: float32Bytes, stored: result.data.length } }));
  return { files, stale: group.paths.filter((p) => !paths.includes(p)), report };
}
