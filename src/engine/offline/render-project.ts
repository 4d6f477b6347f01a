/**
 * Offline render of a project to stereo AudioData in plain TypeScript.
 *
 * Why hand-written instead of Tone.Offline: in Node, Tone's graph runs on the pure-JS
 * `web-audio-api` polyfill, where PolySynths render at about 0.4× real time and one Tone.Sampler
 * per track at about 15× (see DESIGN.md and `benchRenderCandidates`); export must run at ≥ 20×.
 * Rendering each voice directly (wavetable oscillator × Tone-equivalent envelope, or a resampled
 * root sample) and mixing with the Tone.Channel pan law runs far faster and gives the same samples
 * in Node and in the browser. The Tone.js graph (`tone/`) stays the playback path.
 */
import { createAudio, type AudioData } from '../../core/audio/audio-data.ts';
import { polySynthSettings } from '../../plugins/builtin/poly-synth.ts';
import { samplerSettings } from '../../plugins/builtin/sampler.ts';
import { songEvents, type NoteEvent } from '../note-events.ts';
import { audibleTracks, validateProject, type Project, type TrackSetup } from '../project.ts';
import { dbToGain } from '../../core/audio/levels.ts';
import { masterOutput } from './master.ts';
import { renderSamplerTrack, samplerVoiceSeconds } from './sampler-track.ts';
import { renderSynthTrack, synthVoiceSeconds } from './synth-track.ts';

export interface RenderOptions {
  /** default 44100 */
  sampleRate?: number;
  /** 0..1, called as notes are rendered, after each track, and with 1 at the end */
  onProgress?: (fraction: number) => void;
  /** seconds of silence kept after the last sound; default 0.1 */
  tailSeconds?: number;
}

/** Equal-power gains of a StereoPannerNode fed a mono signal (what Tone.Channel does). */
export function panGains(pan: number): [number, number] {
  const x = ((Math.min(1, Math.max(-1, pan)) + 1) / 2) * (Math.PI / 2);
  return [Math.cos(x), Math.sin(x)];
}

function voiceSeconds(setup: TrackSetup, event: NoteEvent, sampleRate: number): number {
  return setup.instrument.plugin === 'sampler'
    ? samplerVoiceSeconds(event, samplerSettings(setup.instrument.params), sampleRate)
    : synthVoiceSeconds(event, polySynthSettings(setup.instrument.params));
}

function renderTrack(setup: TrackSetup, events: readonly NoteEvent[], sampleRate: number, length: number, onNote: () => void): Float32Array {
  return setup.instrument.plugin === 'sampler'
    ? renderSamplerTrack(events, samplerSettings(setup.instrument.params), sampleRate, length, onNote)
    : renderSynthTrack(events, polySynthSettings(setup.instrument.params), sampleRate, length, onNote);
}

/** Lets a browser repaint (and a progress bar move) between tracks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Renders every audible track through its instrument and strip, sums them at the master fader,
 * and limits peaks to −1 dBFS. Same project → identical samples.
 * @throws AleaError 'bad-input' when the project is inconsistent (see validateProject)
 */
export async function renderProjectMix(input: Project, options: RenderOptions = {}): Promise<AudioData> {
  const project = validateProject(input);
  const sampleRate = options.sampleRate ?? 44100;
  const events = songEvents(project.song);
  const audible = audibleTracks(project);

  let endSeconds = 0;
  let totalNotes = 0;
  project.tracks.forEach((setup, t) => {
    if (!audible[t]) return;
    totalNotes += events[t].length;
    for (const e of events[t]) endSeconds = Math.max(endSeconds, e.time + voiceSeconds(setup, e, sampleRate));
  });
  const length = Math.max(1, Math.ceil((endSeconds + (options.tailSeconds ?? 0.1)) * sampleRate));
  const audio = createAudio(sampleRate, 2, length);
  const [left, right] = audio.channels;
  const master = dbToGain(project.masterVolumeDb);

  let done = 0;
  const onNote = (): void => {
    done++;
    if (done % 256 === 0) options.onProgress?.(done / Math.max(1, totalNotes));
  };
  for (let t = 0; t < project.tracks.length; t++) {
    if (!audible[t]) continue;
    const setup = project.tracks[t];
    const mono = renderTrack(setup, events[t], sampleRate, length, onNote);
    const [panLeft, panRight] = panGains(setup.strip.pan);
    const fader = dbToGain(setup.strip.volumeDb) * master;
    const gainLeft = panLeft * fader;
    const gainRight = panRight * fader;
    for (let i = 0; i < length; i++) {
      left[i] += mono[i] * gainLeft;
      right[i] += mono[i] * gainRight;
    }
    options.onProgress?.(done / Math.max(1, totalNotes));
    await yieldToEventLoop();
  }
  const mastered = masterOutput(audio);
  options.onProgress?.(1);
  return mastered;
}
