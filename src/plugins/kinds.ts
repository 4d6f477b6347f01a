/**
 * The four plugin kinds and what the host calls on each. A plugin is its descriptor plus the
 * one function of its kind; every face (CLI, ML worker, app, presets, projects) reaches it
 * through the registry by id and kind, so a new plugin is a folder plus a registry line.
 *
 * - midi-generator: song + params → variations (progress, AbortSignal, models by reference)
 * - midi-effect:    song + params → song (pure, synchronous)
 * - instrument:     params → an InstrumentVoice, plain data the engine plays live and renders offline
 * - audio-effect:   params → an AudioProcessor fed planar chunks (bounded memory, latency, tail)
 */
import type { Song } from '../core/music/types.ts';
import type { SustainLoop } from '../core/dsp/sustain-loop.ts';
import type { ModelRef, Provenance } from '../core/provenance.ts';
import type { LoadedModel } from '../ml/runtime/model-io.ts';
import type { PolySynthSettings } from './builtin/poly-synth.ts';
import type { SamplerSettings } from './builtin/sampler.ts';
import type { ParamValues, PluginData, PluginDescriptor } from './types.ts';

/** Every plugin: data the host can list, show and validate. */
export interface Plugin {
  descriptor: PluginDescriptor;
  /**
   * For plugins whose state holds `data` (see PluginState): checks it and returns it as the
   * plugin keeps it. @throws AleaError 'bad-input' naming the bad field
   */
  parseData?(raw: unknown): PluginData;
  /**
   * For a choice param whose real choices depend on the model (Remix's styles are the model's):
   * the choices of the model the params name. Faces list them (the CLI's `--list-<param>s`).
   */
  listChoices?(paramId: string, params: ParamValues, models: ModelResolver): Promise<string[]>;
}

/** How far a long job is: `done` of `total` units (steps, samples, notes), with a short label. */
export interface PluginProgress {
  done: number;
  total: number;
  /** what is happening now, e.g. "Loading chorale-jsb" */
  message?: string;
}

export type ProgressListener = (progress: PluginProgress) => void;

/** Something the host keeps alive for a plugin and frees when done with it (a model's tensors). */
export interface Disposable {
  dispose(): void;
}

/**
 * The host's way to models: a plugin names a model (its `model` param's value) and says how to
 * build its runtime object from the checked folder (`build` owns the loaded tensors: it keeps
 * or disposes them). The host finds the folder (an installed name, or a path where it has
 * files), checks it (card, weight hashes), may keep the built model for later requests, and
 * disposes it: a plugin never disposes what it gets here. Pass the same `build` function each
 * time (a module-level one, not a fresh arrow): hosts reuse a model per folder and builder.
 */
export interface ModelResolver {
  load<M extends Disposable>(ref: string, build: (loaded: LoadedModel) => M): Promise<M>;
}

/** What every long-running plugin call may get from the host. */
export interface PluginContext {
  /** aborting stops the work where it is (between decode steps, chunks); the call rejects with an AbortError */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** present where the host can load models (the CLI, the ML worker) */
  models?: ModelResolver;
  /** the instance's state `data`, for plugins that keep more than params (Latent Synth's sounds) */
  data?: PluginData;
}

// ---------------------------------------------------------------- midi-generator

export interface GenerateRequest {
  /** the seed: what the generator continues or varies */
  song: Song;
  /** validated by the host against the descriptor's params before the call */
  params: ParamValues;
  models: ModelResolver;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /**
   * The seed track by name, where a face lets the user name it (the CLI's `--track NAME`);
   * otherwise the plugin's `track` param (an index, -1 = the plugin decides) applies.
   */
  trackName?: string;
}

/** One candidate a generator wrote: a whole song plus how it was made (for exported files). */
export interface GeneratedVariation {
  song: Song;
  /** model name + weight hash, params, seed */
  provenance: Provenance;
  /** where the new material starts, in the song's ticks (0 when the whole song is new) */
  startTick: number;
}

/** Writes new MIDI from a seed (continue, infill, harmonise). Same inputs + seed → same variations. */
export interface MidiGeneratorPlugin extends Plugin {
  generate(request: GenerateRequest): Promise<GeneratedVariation[]>;
}

// ---------------------------------------------------------------- midi-effect

/** Transforms a song's notes (transpose, quantise, arpeggiate...). Never mutates its input. */
export interface MidiEffectPlugin extends Plugin {
  process(song: Song, params: ParamValues): Song;
}

// ---------------------------------------------------------------- instrument

/** One recorded (or model-made) note of a multisample set, played for a range of pitches and velocities. */
export interface SampleZone {
  /** the MIDI pitch the sample sounds at unchanged; others are resampled from it */
  rootPitch: number;
  /** inclusive pitch range this zone plays */
  loPitch: number;
  hiPitch: number;
  /** inclusive velocity range, 1..127 */
  loVelocity: number;
  hiVelocity: number;
  /** planar audio at the set's sample rate (1 = mono, 2 = stereo) */
  channels: Float32Array[];
  /** a sustaining sound's loop (frames): a held note repeats [start, end) until note-off; absent = plays out once */
  loop?: SustainLoop;
}

/**
 * What an instrument gives the engine: plain data (no audio API), so the same voice plays live
 * and renders offline, and crosses a worker boundary (zones' buffers are transferable).
 * - 'synth': the engine's subtractive synth with these settings (Poly Synth)
 * - 'sampler': one of the engine's built-in synthesised sample sets (Sampler)
 * - 'multisample': samples the plugin made itself, e.g. a model-driven instrument that renders
 *   one note per zone in the ML worker (Latent Synth)
 */
export type InstrumentVoice =
  | { kind: 'synth'; settings: PolySynthSettings }
  | { kind: 'sampler'; settings: SamplerSettings }
  | {
      kind: 'multisample';
      sampleRate: number;
      zones: SampleZone[];
      /** seconds of fade-in and of fade-out after note off */
      attack: number;
      release: number;
      /** dB */
      volume: number;
      /** notes ring out whatever their length (a drum kit's hits); absent = false */
      oneShot?: boolean;
    };

/** A sound source: params → a voice. May take time and models (building samples with a model). */
export interface InstrumentPlugin extends Plugin {
  createVoice(params: ParamValues, context?: PluginContext): Promise<InstrumentVoice>;
}

// ---------------------------------------------------------------- audio-effect

/** Planar audio: one Float32Array per channel, all the same length. */
export type AudioChunk = Float32Array[];

/**
 * A running audio effect. It is fed chunks of any length in order and returns what it has ready
 * (possibly fewer or more samples than it got); `flush` returns the rest (a tail, buffered
 * frames). Output is delayed by `latencySamples`; hosts drop that many from the start.
 */
export interface AudioProcessor {
  readonly latencySamples: number;
  /** the model it runs, for the provenance of what it writes */
  readonly model?: ModelRef;
  process(chunk: AudioChunk): AudioChunk;
  flush(): AudioChunk;
}

export interface AudioProcessorSetup extends PluginContext {
  sampleRate: number;
  channelCount: number;
}

/** Audio in, audio out (gain, width, a model that restyles a track), streamed in chunks. */
export interface AudioEffectPlugin extends Plugin {
  createProcessor(params: ParamValues, setup: AudioProcessorSetup): Promise<AudioProcessor>;
}

// ---------------------------------------------------------------- guards

function has(plugin: Plugin, key: string): boolean {
  return typeof (plugin as unknown as Record<string, unknown>)[key] === 'function';
}

export function isMidiGenerator(plugin: Plugin): plugin is MidiGeneratorPlugin {
  return plugin.descriptor.kind === 'midi-generator' && has(plugin, 'generate');
}

export function isMidiEffect(plugin: Plugin): plugin is MidiEffectPlugin {
  return plugin.descriptor.kind === 'midi-effect' && has(plugin, 'process');
}

export function isInstrument(plugin: Plugin): plugin is InstrumentPlugin {
  return plugin.descriptor.kind === 'instrument' && has(plugin, 'createVoice');
}

export function isAudioEffect(plugin: Plugin): plugin is AudioEffectPlugin {
  return plugin.descriptor.kind === 'audio-effect' && has(plugin, 'createProcessor');
}
