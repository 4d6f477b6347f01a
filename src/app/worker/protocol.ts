import type { FineTunePoint } from '../../ml/transformer/train/fine-tune.ts';
import type { WavBitDepth } from '../../core/audio/wav-write.ts';
import type { ModelRef, Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import type { AudioPool, Project } from '../../engine/index.ts';
import type { BackendAttempt, BackendName } from '../../ml/runtime/backend.ts';
import type { AudioData } from '../../core/audio/audio-data.ts';
import type { GeneratedVariation, InstrumentVoice, ParamValues, PluginData } from '../../plugins/types.ts';
import type { LatentSound, Typicality } from '../../plugins/builtin/latent-synth/index.ts';
import type { TranscribedNote } from '../../ml/transcribe/notes.ts';
import type { ModelIndexEntry } from '../../plugins/model-index.ts';

/**
 * Messages between the workstation and its workers. Every message carries a `kind` tag; requests
 * carry an `id` that the worker echoes on every reply to that request (progress, result or error).
 * The ML worker answers 'init-backend' and 'run-plugin'; the render worker answers 'render'. A
 * 'cancel' message asks a worker to drop a request; it has no reply of its own.
 */

export type { BackendAttempt, BackendName };

export interface InitBackendRequest {
  kind: 'init-backend';
  id: number;
  /** A backend name to try first, as a user typed it (checked in the worker); the default order follows. */
  prefer?: string;
}

/** Renders a project to a finished WAV file: mix, export limiter, encoding, all in the worker. */
export interface RenderRequest {
  kind: 'render';
  id: number;
  project: Project;
  /** the audio the project's clips play, by source id */
  pool: AudioPool;
  sampleRate: number;
  bitDepth: WavBitDepth;
  provenance: Provenance;
  /** voices built ahead (in the ML worker) for instruments that need models, see built-voices.ts */
  voices?: BuiltVoice[];
}

/** An instrument instance's voice, built where its models are. */
export interface BuiltVoice {
  plugin: string;
  params: ParamValues;
  data?: PluginData;
  voice: InstrumentVoice;
}

/**
 * What a plugin is asked to do, tagged by its kind: a MIDI generator gets a seed song, an
 * instrument builds its voice, an audio effect processes a clip. Params are the plugin's own
 * (a `model` param names a folder under models/).
 */
export type PluginJob =
  | { kind: 'midi-generator'; song: Song; params: ParamValues }
  | { kind: 'instrument'; params: ParamValues; data?: PluginData }
  | { kind: 'audio-effect'; audio: AudioData; params: ParamValues };

/** What each kind of job returns. */
export type PluginJobResult =
  | { kind: 'midi-generator'; variations: GeneratedVariation[] }
  | { kind: 'instrument'; voice: InstrumentVoice }
  | { kind: 'audio-effect'; audio: AudioData };

/**
 * Runs a job on the plugin registered as `plugin` (any plugin of the registry, by id). Progress
 * replies come while it works; a 'cancel' aborts the work inside the worker.
 */
export interface RunPluginRequest {
  kind: 'run-plugin';
  id: number;
  plugin: string;
  job: PluginJob;
}

/** Stop working on request `id`; that request then ends with an error reply (or none, if it was done). */
export interface CancelMessage {
  kind: 'cancel';
  id: number;
}

/**
 * Latent Synth's work besides building its voice, on its timbre VAE (`model`) and flow prior
 * (`flow`, null for none): encode sounds, draw a new one from the flow, score latents.
 */
export type LatentJob =
  | { kind: 'encode'; sounds: { name: string; audio: AudioData }[] }
  | { kind: 'sample'; seed: number; temperature: number }
  | { kind: 'score'; latents: number[][] };

export interface LatentRequest {
  kind: 'latent';
  id: number;
  model: string;
  flow: string | null;
  job: LatentJob;
}

/** A sound as a latent, with what the front end noticed and how typical the flow finds it. */
export interface ScoredSound {
  sound: LatentSound;
  warnings: string[];
  /** null without a flow that fits the model */
  typicality: Typicality | null;
}

export interface LatentResultReply {
  kind: 'latent-result';
  id: number;
  /** one per encoded sound, drawn sound or scored latent, in order */
  sounds: ScoredSound[];
  /** why there is no typicality (no flow, or one trained on another VAE), else null */
  flowNote: string | null;
}

/** An audio seed: the notes of a hum or a played melody (Basic Pitch), with progress and cancel. */
export interface TranscribeRequest {
  kind: 'transcribe';
  id: number;
  audio: AudioData;
}

export interface TranscribeResultReply {
  kind: 'transcribe-result';
  id: number;
  /** in seconds, sorted by start; never empty (audio without notes is an error reply) */
  notes: TranscribedNote[];
  /** the transcription model, for provenance */
  model: ModelRef;
}

/** How many tensors the ML worker holds (leak checks). */
export interface MemoryRequest {
  kind: 'memory';
  id: number;
}

/** Test hook: the ML worker loses its WebGL context on purpose (WEBGL_lose_context), as a GPU reset would. */
export interface FaultRequest {
  kind: 'fault';
  id: number;
  fault: 'lose-webgl-context';
}

/**
 * Fine-tunes a Continue model (`base`: a shipped model's name or `user:<name>`) on MIDI files,
 * then saves it in the browser's storage as `user:<saveAs>`. Progress replies carry `training`.
 */
export interface FineTuneRequest {
  kind: 'fine-tune';
  id: number;
  base: string;
  /** the name the user gave (letters, digits, '-', '_', '.') */
  saveAs: string;
  files: { name: string; bytes: Uint8Array }[];
  steps: number;
  /** training windows per step */
  batchSize: number;
  /** keep the last file out of training and report the loss on it */
  holdOut: boolean;
  learningRate?: number;
  seed?: number;
}

/** One training step's figures, for the live loss plot. */
/** One fine-tune step's figures, as the training reports them (backend included). */
export type TrainingPoint = FineTunePoint;

export interface FineTuneResultReply {
  kind: 'fine-tune-result';
  id: number;
  /** the saved model, as the picker lists it (named `user:<saveAs>`) */
  model: ModelIndexEntry;
  backend: string;
  steps: number;
  finalLoss: number;
  valLoss: number | null;
  stepsPerSecond: number;
  seconds: number;
}

export type WorkerRequest = InitBackendRequest | RenderRequest | RunPluginRequest | LatentRequest | MemoryRequest | FaultRequest | TranscribeRequest | FineTuneRequest;
/** Everything a worker receives. */
export type WorkerMessage = WorkerRequest | CancelMessage;

export interface BackendReadyReply {
  kind: 'backend-ready';
  id: number;
  /** The tfjs backend in use, e.g. "webgl". */
  name: BackendName;
  /** Every backend tried, in order, with why each failed one failed. */
  tried: BackendAttempt[];
}

export interface RenderedReply {
  kind: 'rendered';
  id: number;
  /** the WAV file's bytes (transferred, not copied) */
  wav: Uint8Array;
}

export interface ProgressReply {
  kind: 'progress';
  id: number;
  /** 0..1 */
  fraction: number;
  /** what the worker is doing, e.g. "Loading chorale-jsb" */
  detail?: string;
  /** a fine-tune's step figures */
  training?: TrainingPoint;
}

export interface PluginResultReply {
  kind: 'plugin-result';
  id: number;
  result: PluginJobResult;
}

export interface ErrorReply {
  kind: 'error';
  id: number;
  message: string;
}

export interface MemoryReply {
  kind: 'memory';
  id: number;
  numTensors: number;
  numBytes: number;
}

export interface FaultReply {
  kind: 'fault-done';
  id: number;
  /** false when the fault could not be made (e.g. the backend is not webgl) */
  done: boolean;
}

/**
 * Sent unasked (id 0): the worker moved to another backend because its own stopped working (the
 * WebGL context was lost). Models load again on the new one; jobs that were running failed.
 */
export interface BackendChangedNotice {
  kind: 'backend-changed';
  id: 0;
  name: BackendName;
  tried: BackendAttempt[];
  /** what happened, for the user */
  reason: string;
}

export type WorkerReply =
  | BackendReadyReply
  | RenderedReply
  | PluginResultReply
  | LatentResultReply
  | ProgressReply
  | ErrorReply
  | MemoryReply
  | FaultReply
  | TranscribeResultReply
  | FineTuneResultReply
  | BackendChangedNotice;

/** The result kind each request kind resolves to. */
export interface ResultOf {
  'init-backend': BackendReadyReply;
  render: RenderedReply;
  'run-plugin': PluginResultReply;
  latent: LatentResultReply;
  memory: MemoryReply;
  fault: FaultReply;
  transcribe: TranscribeResultReply;
  'fine-tune': FineTuneResultReply;
}

export type RequestKind = WorkerRequest['kind'];
