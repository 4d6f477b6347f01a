/**
 * The offline render in blocks, for exports of any length in bounded memory: each block of every
 * track is rendered from the voices sounding in it, mixed, and limited by a streaming master,
 * then handed on (to a WAV file being written). Memory is a few blocks plus the longest voice,
 * whatever the song's length; the samples are those of `renderProjectMix` (same voices, same
 * order of sums, the same limiter step by step).
 *
 * Audio clips are mixed window by window too (their sources are in memory already, the track's
 * sum is not built). Projects with active audio-effect chains are rendered whole and then handed
 * on in blocks: their effects process whole tracks.
 */
import { dbToGain } from '../../core/audio/levels.ts';
import { LimiterStream } from '../../core/audio/limiter-stream.ts';
import { lowpassStream } from '../dsp/biquad.ts';
import { addAudioTrackWindow, isStereoTrack } from '../audio-clips.ts';
import { addPanned } from '../mixer-rules.ts';
import type { NoteEvent } from '../note-events.ts';
import type { Project } from '../project.ts';
import type { PlayableVoice } from '../instruments/voice.ts';
import { MASTER_CEILING_DB } from './master.ts';
import { planRender, renderProjectMix, voiceSeconds, type RenderOptions, type RenderPlan } from './render-project.ts';
import { addSamplerVoice } from './sampler-track.ts';
import { addSynthVoice, SYNTH_FILTER_Q, synthVoiceSeconds } from './synth-track.ts';

/** Frames per block: about 6 s at 44.1 kHz. */
export const RENDER_BLOCK_FRAMES = 1 << 18;

export interface RenderSink {
  /** called once, before any block, with the render's length in frames */
  start(frames: number, sampleRate: number): Promise<void>;
  /** the next stereo frames, in order */
  block(channels: Float32Array[]): Promise<void>;
}

export interface RenderSummary {
  frames: number;
  sampleRate: number;
  /** highest output sample level (linear) */
  peak: number;
}

/** One MIDI track rendered window by window. */
class TrackBlocks {
  private readonly order: number[];
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private next = 0;
  private active: number[] = [];
  private readonly filter: (samples: Float32Array) => void;
  private readonly volume: number;
  private readonly envelope: Float32Array;
  private readonly scratch = { gain: new Float32Array(0) };

  constructor(
    private readonly voice: PlayableVoice,
    private readonly events: readonly NoteEvent[],
    private readonly sampleRate: number,
    private readonly total: number,
  ) {
    this.starts = Float64Array.from(events, (e) => Math.round(e.time * sampleRate));
    // one sample of margin: the voice itself decides exactly where it stops
    this.ends = Float64Array.from(events, (e, i) => this.starts[i] + Math.ceil(voiceSeconds(voice, e, sampleRate) * sampleRate) + 1);
    this.order = events.map((_, i) => i).sort((a, b) => this.starts[a] - this.starts[b] || a - b);
    if (voice.kind === 'multisample') {
      this.filter = () => undefined;
      this.volume = 1;
      this.envelope = new Float32Array(0);
    } else {
      this.filter = lowpassStream(voice.settings.cutoff, SYNTH_FILTER_Q, sampleRate);
      this.volume = Math.pow(10, voice.settings.volume / 20);
      let longest = 0;
      for (const e of events) longest = Math.max(longest, Math.ceil(synthVoiceSeconds(e, voice.settings) * sampleRate));
      this.envelope = new Float32Array(Math.min(total, longest));
    }
  }

  /** Renders samples [from, from + out.length) into `out` (zeroed); returns the notes that started. */
  render(out: Float32Array, from: number): number {
    const end = from + out.length;
    let started = 0;
    while (this.next < this.order.length && this.starts[this.order[this.next]] < end) {
      this.active.push(this.order[this.next++]);
      started++;
    }
    // Voices are summed in the track's event order, as the whole-track render sums them.
    this.active = this.active.filter((i) => this.ends[i] > from).sort((a, b) => a - b);
    for (const i of this.active) {
      const event = this.events[i];
      if (this.voice.kind === 'multisample') addSamplerVoice(out, from, this.total, event, this.voice, this.sampleRate, this.scratch);
      else addSynthVoice(out, from, this.total, event, this.voice.settings, this.sampleRate, this.envelope);
    }
    if (this.voice.kind !== 'multisample') {
      this.filter(out);
      for (let i = 0; i < out.length; i++) out[i] *= this.volume;
    }
    return started;
  }
}

/** Effect chains process whole tracks; everything else (voices, clips) renders window by window. */
function needsWholeTracks(plan: RenderPlan): boolean {
  const { project, audible } = plan;
  const active = (chain: Project['tracks'][number]['chain']): boolean => chain.some((state) => !state.bypass);
  return project.tracks.some((t, i) => audible[i] && active(t.chain)) || project.audioTracks.some((t, a) => plan.placed[a].length > 0 && active(t.chain));
}

export async function renderProjectBlocks(input: Project, sink: RenderSink, options: RenderOptions & { blockFrames?: number } = {}): Promise<RenderSummary> {
  const plan = await planRender(input, options);
  const { project, sampleRate, length, events, voices, totalNotes } = plan;
  const blockFrames = Math.max(1, Math.floor(options.blockFrames ?? RENDER_BLOCK_FRAMES));
  await sink.start(length, sampleRate);
  const limiter = new LimiterStream(2, sampleRate, { ceilingDb: MASTER_CEILING_DB });
  const emit = async (channels: Float32Array[]): Promise<void> => {
    if (channels[0].length > 0) await sink.block(channels);
  };

  if (needsWholeTracks(plan)) {
    const mix = await renderProjectMix(input, options);
    for (let from = 0; from < length; from += blockFrames) {
      await emit(limiter.process(mix.channels.map((c) => c.subarray(from, Math.min(length, from + blockFrames)))));
    }
    await emit(limiter.flush());
    return { frames: length, sampleRate, peak: limiter.outputPeak };
  }

  const master = dbToGain(project.masterVolumeDb);
  const tracks = voices.map((voice, t) => (voice === null ? null : { blocks: new TrackBlocks(voice, events[t], sampleRate, length), strip: project.tracks[t].strip }));
  const clipTracks = project.audioTracks.flatMap((setup, a) => {
    const placed = plan.placed[a];
    if (placed.length === 0) return [];
    const channels = isStereoTrack(placed) ? 2 : 1;
    return [{ placed, strip: setup.strip, scratch: Array.from({ length: channels }, () => new Float32Array(blockFrames)) }];
  });
  const mono = new Float32Array(blockFrames);
  const bus: [Float32Array, Float32Array] = [new Float32Array(blockFrames), new Float32Array(blockFrames)];
  let done = 0;
  for (let from = 0; from < length; from += blockFrames) {
    options.plugin?.signal?.throwIfAborted();
    const n = Math.min(blockFrames, length - from);
    const left = bus[0].subarray(0, n).fill(0);
    const right = bus[1].subarray(0, n).fill(0);
    for (const track of tracks) {
      if (track === null) continue;
      const out = mono.subarray(0, n).fill(0);
      done += track.blocks.render(out, from);
      addPanned([left, right], [out], track.strip.pan, dbToGain(track.strip.volumeDb) * master);
    }
    // audio tracks after MIDI tracks, as renderProjectMix sums them
    for (const track of clipTracks) {
      const out = track.scratch.map((c) => c.subarray(0, n).fill(0));
      addAudioTrackWindow(track.placed, out, from, length);
      addPanned([left, right], out, track.strip.pan, dbToGain(track.strip.volumeDb) * master);
    }
    await emit(limiter.process([left, right]));
    options.onProgress?.(Math.min(done / Math.max(1, totalNotes), (from + n) / length));
  }
  await emit(limiter.flush());
  options.onProgress?.(1);
  return { frames: length, sampleRate, peak: limiter.outputPeak };
}
