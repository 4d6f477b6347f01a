/**
 * A whole project in one file (`.alea`): the arrangement as JSON, then its audio as raw samples.
 *
 *   bytes 0–7    "ALEAPROJ"
 *   bytes 8–11   H, the header's length in bytes (uint32, little-endian)
 *   next H bytes the header: UTF-8 JSON (project-file-schema.ts) — title, provenance, the
 *                engine's project (projectToJson), where each piece of audio lies
 *   then         zero padding to a multiple of 4, then the audio: planar float32, little-endian
 *
 * Why not zip or base64 in JSON: audio is nearly all of a project's bytes and barely compresses,
 * so zip would add a parser (and a dependency) and save little; base64 makes audio a third bigger
 * and slower to read. Raw float32 keeps every sample bit for bit as the app holds it, the header
 * stays readable with any text tool, and every length in it is checked against the file's size
 * before anything is allocated. The file is data only: JSON parsed and checked, never evaluated.
 */
import { concatBytes } from '../../core/bytes.ts';
import type { AudioData } from '../../core/audio/audio-data.ts';
import { badInput, isAleaError } from '../../core/errors.ts';
import { ALEA_VERSION, type Provenance } from '../../core/provenance.ts';
import { projectFromJson, projectToJson, validateProject, type AudioPool, type Project } from '../../engine/index.ts';
import type { Pause } from '../../engine/task-steps.ts';
import { describeZodIssue } from '../../plugins/zod-issues.ts';
import type { SampleZone } from '../../plugins/types.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import { PROJECT_FORMAT, PROJECT_FORMAT_VERSION, projectHeaderSchema, type AudioRef, type ProjectHeader, type StoredVoice } from './project-file-schema.ts';

/** What a project file holds. */
export interface ProjectDocument {
  title: string;
  provenance: Provenance | null;
  /** the engine's project: song, track setups (instruments, strips), audio tracks and their clips */
  project: Project;
  /** the audio the clips play, by source id */
  pool: AudioPool;
  /** voices built in the ML worker (Latent Synth's), so an opened project plays without its models */
  voices: BuiltVoice[];
}

export const PROJECT_EXTENSION = '.alea';
const MAGIC = 'ALEAPROJ';
const PREAMBLE = MAGIC.length + 4;

const align4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Collects planar audio once per buffer set, in the order first seen. */
class AudioTable {
  readonly refs: AudioRef[] = [];
  readonly runs: Float32Array[][] = [];
  private readonly index = new Map<readonly Float32Array[], number>();
  private bytes = 0;

  add(sampleRate: number, channels: Float32Array[]): number {
    const known = this.index.get(channels);
    if (known !== undefined) return known;
    const frames = channels[0]?.length ?? 0;
    if (channels.some((c) => c.length !== frames)) throw badInput('a piece of audio has channels of different lengths');
    const at = this.refs.length;
    this.refs.push({ sampleRate, channels: channels.length, frames, offset: this.bytes });
    this.runs.push(channels);
    this.index.set(channels, at);
    this.bytes += channels.length * frames * 4;
    return at;
  }

  get byteLength(): number {
    return this.bytes;
  }
}

function storedVoice(built: BuiltVoice, table: AudioTable): StoredVoice | null {
  const { voice } = built;
  // synth and sampler voices are rebuilt from their params; only model-made sample sets are kept
  if (voice.kind !== 'multisample') return null;
  const zones = voice.zones.map(({ channels, ...zone }) => ({ ...zone, audio: table.add(voice.sampleRate, channels) }));
  return {
    plugin: built.plugin,
    params: built.params,
    ...(built.data === undefined ? {} : { data: built.data }),
    voice: { kind: 'multisample', sampleRate: voice.sampleRate, zones, attack: voice.attack, release: voice.release, volume: voice.volume, ...(voice.oneShot === true ? { oneShot: true } : {}) },
  };
}

/** The file's header (with its padding) and the audio runs that follow it, in order. */
function layout(doc: ProjectDocument): { head: Uint8Array<ArrayBuffer>; runs: Float32Array[][] } {
  const table = new AudioTable();
  const sources: Record<string, number> = {};
  for (const [id, audio] of doc.pool) sources[id] = table.add(audio.sampleRate, audio.channels);
  const voices = doc.voices.flatMap((built) => storedVoice(built, table) ?? []);
  const header: ProjectHeader = {
    format: PROJECT_FORMAT,
    version: PROJECT_FORMAT_VERSION,
    generator: `Alea ${ALEA_VERSION}`,
    title: doc.title,
    provenance: doc.provenance,
    project: projectToJson(doc.project),
    audio: table.refs,
    sources,
    voices,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(align4(PREAMBLE + json.length));
  for (let i = 0; i < MAGIC.length; i++) head[i] = MAGIC.charCodeAt(i);
  new DataView(head.buffer).setUint32(MAGIC.length, json.length, true);
  head.set(json, PREAMBLE);
  return { head, runs: table.runs };
}

/** The project as one file's bytes; the same project gives the same bytes. */
export function encodeProjectFile(doc: ProjectDocument): Uint8Array {
  const { head, runs } = layout(doc);
  return concatBytes([head, ...runs.flatMap((channels) => channels.map(littleEndianBytes))]);
}

/** Audio already in a Blob, by its channels (audio is never changed in place, so a Blob stays true). */
const runBlobs = new WeakMap<readonly Float32Array[], Blob>();

/** The Blob a project file stores this audio's channels as (made once per channels array). */
export function runBlob(channels: Float32Array[]): Blob {
  let blob = runBlobs.get(channels);
  if (blob === undefined) {
    blob = new Blob(channels.map(littleEndianBytes));
    runBlobs.set(channels, blob);
  }
  return blob;
}

/** Records the Blob of `channels` made elsewhere (the audio-prep worker), so the autosave reuses it. */
export function rememberRunBlob(channels: Float32Array[], blob: Blob): void {
  runBlobs.set(channels, blob);
}

/**
 * The same bytes as a Blob, for the autosave and Save. Each piece of audio becomes a Blob once
 * and is reused by reference after that, so saving again after an edit copies only the header.
 */
export function encodeProjectBlob(doc: ProjectDocument): Blob {
  const { head, runs } = layout(doc);
  return new Blob([head, ...runs.map(runBlob)], { type: 'application/octet-stream' });
}

/**
 * `encodeProjectBlob`, with `pause` after each piece of audio made into a Blob: a project's new
 * audio (a MIDI file's GM voices are 10+ MB a track) is copied into Blobs over several tasks, not
 * in one (measured ~60 ms and more for the autosave after a MIDI file opened).
 */
export async function encodeProjectBlobInSteps(doc: ProjectDocument, pause: Pause): Promise<Blob> {
  const { head, runs } = layout(doc);
  const blobs: Blob[] = [];
  for (const run of runs) {
    const known = runBlobs.has(run);
    blobs.push(runBlob(run));
    if (!known) await pause();
  }
  return new Blob([head, ...blobs], { type: 'application/octet-stream' });
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A channel's samples as little-endian bytes: a view where it can be (not of shared memory, which a Blob refuses), else a copy. */
function littleEndianBytes(channel: Float32Array): Uint8Array<ArrayBuffer> {
  const { buffer } = channel;
  if (HOST_IS_LITTLE_ENDIAN && buffer instanceof ArrayBuffer) return new Uint8Array(buffer, channel.byteOffset, channel.byteLength);
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(Float32Array.from(channel).buffer);
  const out = new Uint8Array(channel.length * 4);
  const view = new DataView(out.buffer);
  channel.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function readFloats(bytes: Uint8Array, start: number, frames: number): Float32Array {
  const copy = bytes.slice(start, start + frames * 4); // a fresh, aligned buffer
  if (HOST_IS_LITTLE_ENDIAN) return new Float32Array(copy.buffer);
  const view = new DataView(copy.buffer);
  return Float32Array.from({ length: frames }, (_, i) => view.getFloat32(i * 4, true));
}

function readHeader(bytes: Uint8Array): { header: ProjectHeader; dataStart: number } {
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (bytes.length < PREAMBLE || magic !== MAGIC) throw badInput(`not an Alea project file (it does not start with ${MAGIC})`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  if (PREAMBLE + length > bytes.length) throw badInput(`the header is ${length} bytes long but the file has ${bytes.length}`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE, PREAMBLE + length)));
  } catch (error) {
    throw badInput(`the header is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = projectHeaderSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw badInput(`header: ${describeZodIssue(parsed.error.issues[0])}`);
  return { header: parsed.data, dataStart: align4(PREAMBLE + length) };
}

function readAudio(bytes: Uint8Array, refs: AudioRef[], dataStart: number): AudioData[] {
  // check every length against the file before allocating anything
  refs.forEach((ref, i) => {
    const end = dataStart + ref.offset + ref.channels * ref.frames * 4;
    if (end > bytes.length) throw badInput(`audio ${i} runs past the end of the file (to byte ${end} of ${bytes.length})`);
  });
  return refs.map((ref) => ({
    sampleRate: ref.sampleRate,
    channels: Array.from({ length: ref.channels }, (_, c) => readFloats(bytes, dataStart + ref.offset + c * ref.frames * 4, ref.frames)),
  }));
}

function audioAt(audio: AudioData[], index: number, what: string): AudioData {
  const found = audio[index];
  if (found === undefined) throw badInput(`${what} names audio ${index}, but the file holds ${audio.length}`);
  return found;
}

function builtVoice(stored: StoredVoice, audio: AudioData[], index: number): BuiltVoice {
  const { voice } = stored;
  const zones: SampleZone[] = voice.zones.map(({ audio: at, ...zone }, z) => {
    const clip = audioAt(audio, at, `voice ${index} zone ${z}`);
    if (clip.sampleRate !== voice.sampleRate) throw badInput(`voice ${index} zone ${z} is at ${clip.sampleRate} Hz, its set at ${voice.sampleRate} Hz`);
    const { loop, ...rest } = zone;
    if (loop === undefined) return { ...rest, channels: clip.channels };
    const frames = clip.channels[0]?.length ?? 0;
    if (loop.start >= loop.end || loop.end > frames) throw badInput(`voice ${index} zone ${z} loops frames ${loop.start}–${loop.end}, but its audio has ${frames}`);
    return { ...rest, channels: clip.channels, loop };
  });
  return {
    plugin: stored.plugin,
    params: stored.params,
    ...(stored.data === undefined ? {} : { data: stored.data }),
    voice: { kind: 'multisample', sampleRate: voice.sampleRate, zones, attack: voice.attack, release: voice.release, volume: voice.volume, ...(voice.oneShot === true ? { oneShot: true } : {}) },
  };
}

/**
 * Reads a project file, checking everything (header fields, lengths, the engine's project, that
 * every clip's audio is there) before returning; nothing is changed by a file that fails.
 * @throws AleaError 'bad-input': one line naming `fileName` and the problem
 */
export function decodeProjectFile(bytes: Uint8Array, fileName: string): ProjectDocument {
  try {
    const { header, dataStart } = readHeader(bytes);
    const audio = readAudio(bytes, header.audio, dataStart);
    const pool = new Map(Object.entries(header.sources).map(([id, index]) => [id, audioAt(audio, index, `audio source '${id}'`)]));
    const project = validateProject(projectFromJson(header.project), pool);
    const voices = header.voices.map((stored, i) => builtVoice(stored, audio, i));
    return { title: header.title, provenance: header.provenance, project, pool, voices };
  } catch (error) {
    if (isAleaError(error)) throw error.file === undefined ? error.inFile(fileName) : error;
    throw badInput(error instanceof Error ? error.message : String(error), fileName);
  }
}
