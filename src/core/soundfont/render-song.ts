import type { AudioData } from '../audio/audio-data.ts';
import type { Song, Track } from '../music/types.ts';
import { TempoMap } from '../music/tempo-map.ts';
import { createDrySynth, quietly, SYNTH_BLOCK, type SoundBank } from './bank.ts';

export interface SongRenderOptions {
  sampleRate: number;
  /** GM program per track index, replacing the track's own (how a style re-instruments a song) */
  programOverrides?: Readonly<Record<number, number>>;
  /** seconds rendered after the last note ends, for release tails (default 1) */
  tailSeconds?: number;
  /** called with 0..1 while rendering */
  onProgress?: (fraction: number) => void;
}

/** The GM drum channel (MIDI channel 10). */
const DRUM_CHANNEL = 9;
const MELODIC_CHANNELS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

interface SynthEvent {
  sample: number;
  /** note-offs sort before note-ons at the same sample, so a repeated pitch re-strikes */
  order: 0 | 1;
  channel: number;
  pitch: number;
  velocity: number;
}

/**
 * Renders a song with a SoundFont, dry, stereo. Drum tracks play on channel 10; melodic tracks
 * get one channel per distinct program (tracks with the same program share one, so up to 15
 * programs sound as written; more share channels round-robin).
 */
export function renderSong(bank: SoundBank, song: Song, options: SongRenderOptions): AudioData {
  const render = renderSongBlocks(bank, song, options);
  const left = new Float32Array(render.frames);
  const right = new Float32Array(render.frames);
  let at = 0;
  for (const [l, r] of render.blocks()) {
    left.set(l, at);
    right.set(r, at);
    at += l.length;
  }
  return { sampleRate: render.sampleRate, channels: [left, right] };
}

/** A song render handed over in blocks: its length is known before any sample is made. */
export interface SongBlocks {
  sampleRate: number;
  frames: number;
  /**
   * Renders the song from its start (a fresh synthesizer each call): stereo blocks of
   * `blockFrames` frames (the last may be shorter), the samples of `renderSong`.
   */
  blocks(blockFrames?: number): Generator<[Float32Array, Float32Array]>;
}

/** Frames per block of `renderSongBlocks`: about 6 s at 44.1 kHz. */
export const SONG_BLOCK_FRAMES = 1 << 18;

/** `renderSong` in bounded memory: the events are planned up front, the audio made block by block. */
export function renderSongBlocks(bank: SoundBank, song: Song, options: SongRenderOptions): SongBlocks {
  const { sampleRate } = options;
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192000) {
    throw new RangeError(`renderSong: sampleRate must be an integer 8000..192000, got ${sampleRate}`);
  }
  const tempo = TempoMap.fromSong(song);
  const channelOf = assignChannels(song.tracks, options.programOverrides ?? {});
  const events: SynthEvent[] = [];
  let lastSample = 0;
  song.tracks.forEach((track, index) => {
    const channel = channelOf.trackChannel[index];
    for (const note of track.notes) {
      const on = Math.round(tempo.tickToSeconds(note.startTick) * sampleRate);
      const off = Math.max(on + 1, Math.round(tempo.tickToSeconds(note.endTick) * sampleRate));
      events.push({ sample: on, order: 1, channel, pitch: note.pitch, velocity: note.velocity });
      events.push({ sample: off, order: 0, channel, pitch: note.pitch, velocity: 0 });
      lastSample = Math.max(lastSample, off);
    }
  });
  events.sort((a, b) => a.sample - b.sample || a.order - b.order || a.channel - b.channel || a.pitch - b.pitch);
  const length = lastSample + Math.round((options.tailSeconds ?? 1) * sampleRate);

  function* blocks(blockFrames = SONG_BLOCK_FRAMES): Generator<[Float32Array, Float32Array]> {
    const size = Math.max(SYNTH_BLOCK, Math.floor(blockFrames));
    const synth = createDrySynth(bank, sampleRate);
    for (const [program, channel] of channelOf.programChannels) quietly(() => synth.programChange(channel, program));
    // The synthesizer is called with the same counts whatever the block size (a call may run past
    // a block's end into the spare room), so every block size gives the same samples.
    let left = new Float32Array(size + SYNTH_BLOCK);
    let right = new Float32Array(size + SYNTH_BLOCK);
    let filled = 0;
    let next = 0;
    let reported = -1;
    for (let start = 0; start < length; ) {
      while (next < events.length && events[next].sample <= start) {
        const event = events[next++];
        if (event.order === 1) synth.noteOn(event.channel, event.pitch, event.velocity);
        else synth.noteOff(event.channel, event.pitch);
      }
      const until = next < events.length ? Math.min(length, events[next].sample) : length;
      const count = Math.min(SYNTH_BLOCK, until - start);
      synth.process(left, right, filled, count);
      start += count;
      filled += count;
      const percent = Math.floor((100 * start) / length);
      if (options.onProgress && percent > reported) {
        reported = percent;
        options.onProgress(start / length);
      }
      if (filled >= size) {
        const [doneLeft, doneRight] = [left, right];
        left = new Float32Array(size + SYNTH_BLOCK);
        right = new Float32Array(size + SYNTH_BLOCK);
        left.set(doneLeft.subarray(size, filled));
        right.set(doneRight.subarray(size, filled));
        filled -= size;
        yield [doneLeft.subarray(0, size), doneRight.subarray(0, size)];
      }
    }
    if (filled > 0) yield [left.subarray(0, filled), right.subarray(0, filled)];
  }
  return { sampleRate, frames: length, blocks };
}

interface ChannelPlan {
  trackChannel: number[];
  /** program → melodic channel, plus nothing for drums (channel 10 plays the bank's drum kit) */
  programChannels: Map<number, number>;
}

function assignChannels(tracks: readonly Track[], overrides: Readonly<Record<number, number>>): ChannelPlan {
  const programChannels = new Map<number, number>();
  const trackChannel = tracks.map((track, index) => {
    if (track.isDrum) return DRUM_CHANNEL;
    const program = overrides[index] ?? track.program;
    const known = programChannels.get(program);
    if (known !== undefined) return known;
    const channel = MELODIC_CHANNELS[programChannels.size % MELODIC_CHANNELS.length];
    programChannels.set(program, channel);
    return channel;
  });
  return { trackChannel, programChannels };
}
