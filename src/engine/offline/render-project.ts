/**
 * Offline render of a project to stereo AudioData in plain TypeScript.
 *
 * Why hand-written instead of Tone.Offline: in Node, Tone's graph runs on the pure-JS
 * `web-audio-api` polyfill, where PolySynths render at about 0.4× real time and one Tone.Sampler
 * per track at about 15× (see DESIGN.md and `benchRenderCandidates`); export must run at ≥ 20×.
 * Rendering each voice directly (wavetable oscillator × Tone-equivalent envelope, or a resampled
 * zone sample) and mixing with the mixer's pan law runs far faster and gives the same samples in
 * Node and in the browser. The Tone.js graph (`tone/`) is the playback path; both take their
 * notes, voices, clip placements and mixer rules from the same engine modules.
 */
import { createAudio, type AudioData } from '../../core/audio/audio-data.ts';
import { badInput } from '../../core/errors.ts';
import { dbToGain } from '../../core/audio/levels.ts';
import { audioTrackEnd, placeClips, PoolAtRate, renderAudioTrack } from '../audio-clips.ts';
import { resolveVoice } from '../instruments/resolve-voice.ts';
import type { PlayableVoice } from '../instruments/voice.ts';
import { projectEvents } from '../midi-effects.ts';
import { addPanned } from '../mixer-rules.ts';
import type { NoteEvent } from '../note-events.ts';
import type { PluginContext } from '../../plugins/types.ts';
import { EMPTY_POOL, validateProject, type AudioPool } from '../project-validate.ts';
import { audibleTracks, type MixerStrip, type Project } from '../project.ts';
import { applyChain } from './effect-chain.ts';
import { masterOutput } from './master.ts';
import { samplerTrackSteps, samplerVoiceSeconds } from './sampler-track.ts';
import { synthTrackSteps, synthVoiceSeconds } from './synth-track.ts';
import type { Pause } from '../task-steps.ts';

export interface RenderOptions {
  /** default 44100 */
  sampleRate?: number;
  /** 0..1, called as notes are rendered, after each track, and with 1 at the end */
  onProgress?: (fraction: number) => void;
  /** seconds of silence kept after the last sound; default 0.1 */
  tailSeconds?: number;
  /** the audio the project's clips play, by source id */
  pool?: AudioPool;
  /** passed to instruments and effects (models where the host has them); aborting stops the render between tracks */
  plugin?: PluginContext;
  /** refuse, before allocating, a render longer than this many sample frames */
  maxFrames?: number;
}

export function voiceSeconds(voice: PlayableVoice, event: NoteEvent, sampleRate: number): number {
  return voice.kind === 'multisample' ? samplerVoiceSeconds(event, voice, sampleRate) : synthVoiceSeconds(event, voice.settings);
}

/** A MIDI track through its voice into `out`, a step per note (the filter and volume applied after the last). */
function voiceSteps(voice: PlayableVoice, events: readonly NoteEvent[], sampleRate: number, out: Float32Array): Generator<void> {
  return voice.kind === 'multisample' ? samplerTrackSteps(events, voice, sampleRate, out) : synthTrackSteps(events, voice.settings, sampleRate, out);
}

/** A MIDI track through its voice: mono, `length` samples, before its chain and strip. */
export function renderVoice(voice: PlayableVoice, events: readonly NoteEvent[], sampleRate: number, length: number, onNote: () => void = () => undefined): Float32Array {
  const out = new Float32Array(length);
  const steps = voiceSteps(voice, events, sampleRate, out);
  while (steps.next().done !== true) onNote();
  return out;
}

/** renderVoice with `pause` awaited after each note: a live engine freezing a track keeps the page responsive. */
export async function renderVoiceInSteps(voice: PlayableVoice, events: readonly NoteEvent[], sampleRate: number, length: number, pause: Pause): Promise<Float32Array> {
  const out = new Float32Array(length);
  const steps = voiceSteps(voice, events, sampleRate, out);
  while (steps.next().done !== true) await pause();
  return out;
}

function formatDuration(seconds: number): string {
  const whole = Math.floor(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** Lets a browser repaint (and a progress bar move) between tracks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What every offline render works out first: the checked project, its voices and its length. */
export interface RenderPlan {
  project: Project;
  sampleRate: number;
  events: NoteEvent[][];
  audible: boolean[];
  /** per MIDI track, null when it is not heard */
  voices: (PlayableVoice | null)[];
  placed: ReturnType<typeof placeClips>[];
  /** samples in the render */
  length: number;
  totalNotes: number;
}

/** @throws AleaError 'bad-input' when the project is inconsistent, or longer than `maxFrames` */
export async function planRender(input: Project, options: RenderOptions = {}): Promise<RenderPlan> {
  const pool = options.pool ?? EMPTY_POOL;
  const project = validateProject(input, pool);
  const sampleRate = options.sampleRate ?? 44100;
  const events = projectEvents(project);
  const audible = audibleTracks(project);
  const midiCount = project.tracks.length;
  const voices = await Promise.all(
    project.tracks.map((setup, t) => (audible[t] ? resolveVoice(setup.instrument, { sampleRate, pitches: events[t].map((e) => e.pitch), plugin: options.plugin }) : null)),
  );
  const sources = new PoolAtRate(pool, sampleRate);
  const placed = project.audioTracks.map((setup, a) => (audible[midiCount + a] ? placeClips(setup, sources) : []));

  let endSeconds = 0;
  let totalNotes = 0;
  voices.forEach((voice, t) => {
    if (voice === null) return;
    totalNotes += events[t].length;
    for (const e of events[t]) endSeconds = Math.max(endSeconds, e.time + voiceSeconds(voice, e, sampleRate));
  });
  for (const clips of placed) endSeconds = Math.max(endSeconds, audioTrackEnd(clips) / sampleRate);
  const length = Math.max(1, Math.ceil((endSeconds + (options.tailSeconds ?? 0.1)) * sampleRate));
  if (options.maxFrames !== undefined && length > options.maxFrames) {
    throw badInput(`the render would last ${formatDuration(length / sampleRate)}; the limit is ${formatDuration(options.maxFrames / sampleRate)}`);
  }
  return { project, sampleRate, events, audible, voices, placed, length, totalNotes };
}

/**
 * Renders every audible track (MIDI tracks through their instrument, audio tracks from their
 * clips), each through its audio chain and strip, sums them at the master fader, and limits
 * peaks to −1 dBFS. Same project and pool → identical samples.
 * @throws AleaError 'bad-input' when the project is inconsistent (see validateProject)
 */
export async function renderProjectMix(input: Project, options: RenderOptions = {}): Promise<AudioData> {
  const { project, sampleRate, events, audible, voices, placed, length, totalNotes } = await planRender(input, options);
  const midiCount = project.tracks.length;
  const audio = createAudio(sampleRate, 2, length);
  const bus: [Float32Array, Float32Array] = [audio.channels[0], audio.channels[1]];
  const master = dbToGain(project.masterVolumeDb);
  const mixIn = async (channels: Float32Array[], chain: Project['tracks'][number]['chain'], strip: MixerStrip): Promise<void> => {
    const processed = await applyChain(chain, channels, sampleRate, options.plugin);
    addPanned(bus, processed, strip.pan, dbToGain(strip.volumeDb) * master);
  };

  let done = 0;
  const onNote = (): void => {
    done++;
    if (done % 256 === 0) options.onProgress?.(done / Math.max(1, totalNotes));
  };
  for (let t = 0; t < midiCount; t++) {
    const voice = voices[t];
    if (voice === null) continue;
    const setup = project.tracks[t];
    options.plugin?.signal?.throwIfAborted();
    await mixIn([renderVoice(voice, events[t], sampleRate, length, onNote)], setup.chain, setup.strip);
    options.onProgress?.(done / Math.max(1, totalNotes));
    await yieldToEventLoop();
  }
  for (let a = 0; a < project.audioTracks.length; a++) {
    if (!audible[midiCount + a] || placed[a].length === 0) continue;
    const setup = project.audioTracks[a];
    options.plugin?.signal?.throwIfAborted();
    await mixIn(renderAudioTrack(placed[a], length), setup.chain, setup.strip);
  }
  const mastered = masterOutput(audio);
  options.onProgress?.(1);
  return mastered;
}
