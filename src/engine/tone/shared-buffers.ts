/**
 * Audio buffers shared by the clip tracks of successive live graphs: an edit rebuilds the graph,
 * and copying a long clip into a fresh AudioBuffer each time cost the main thread 100+ ms per
 * edit (a 10-minute stereo clip is 200 MB of floats). Counted per user, so the buffer is
 * disposed when the last graph holding it is. Kept per Tone context (an offline render has its own).
 */
import * as Tone from 'tone';
import type { AudioData } from '../../core/audio/audio-data.ts';

interface Shared {
  buffer: Tone.ToneAudioBuffer;
  users: number;
}

const byContext = new WeakMap<Tone.BaseContext, WeakMap<AudioData, Shared>>();

function sharedOf(context: Tone.BaseContext): WeakMap<AudioData, Shared> {
  let shared = byContext.get(context);
  if (shared === undefined) {
    shared = new WeakMap();
    byContext.set(context, shared);
  }
  return shared;
}

/** Samples copied into a buffer per task while warming: a few ms of work each. */
const SLICE = 1 << 17;
const pending = new WeakMap<AudioData, Promise<void>>();
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Makes the buffers of `sources` ahead, copying a slice per task: copying a 10-minute stereo clip
 * in one go held the main thread ~250 ms. Live contexts only (an offline render copies at once).
 */
export async function warmBuffers(sources: readonly AudioData[]): Promise<void> {
  const context = Tone.getContext();
  if (context.isOffline) return;
  const shared = sharedOf(context);
  for (const audio of new Set(sources)) {
    if (shared.has(audio)) continue;
    let warming = pending.get(audio);
    if (warming === undefined) {
      warming = copyInSlices(context, audio, shared).finally(() => pending.delete(audio));
      pending.set(audio, warming);
    }
    await warming;
  }
}

async function copyInSlices(context: Tone.BaseContext, audio: AudioData, shared: WeakMap<AudioData, Shared>): Promise<void> {
  const channels = audio.channels.slice(0, 2);
  const length = channels[0]?.length ?? 0;
  if (length === 0) return;
  const native = context.createBuffer(channels.length, length, context.sampleRate);
  for (let from = 0; from < length; from += SLICE) {
    channels.forEach((channel, c) => {
      const part = channel.subarray(from, Math.min(length, from + SLICE));
      // copyToChannel takes only unshared memory
      native.copyToChannel(part.buffer instanceof ArrayBuffer ? (part as Float32Array<ArrayBuffer>) : Float32Array.from(part), c, from);
    });
    await nextTask();
  }
  // held by no graph yet (users 0): the first track takes it, and the WeakMap lets it go with its source
  if (!shared.has(audio)) shared.set(audio, { buffer: new Tone.ToneAudioBuffer(native), users: 0 });
}

/** The buffer holding `audio` (its first two channels) in the current context; one more user. */
export function takeBuffer(audio: AudioData): Tone.ToneAudioBuffer {
  const shared = sharedOf(Tone.getContext());
  const held = shared.get(audio);
  if (held !== undefined) {
    held.users++;
    return held.buffer;
  }
  const buffer = Tone.ToneAudioBuffer.fromArray(audio.channels.length > 1 ? audio.channels.slice(0, 2) : audio.channels[0]);
  shared.set(audio, { buffer, users: 1 });
  return buffer;
}

/** One user fewer of `audio`'s buffer in `context`; the last one disposes it. */
export function releaseBuffer(context: Tone.BaseContext, audio: AudioData): void {
  const shared = sharedOf(context);
  const held = shared.get(audio);
  if (held === undefined) return;
  held.users--;
  if (held.users > 0) return;
  held.buffer.dispose();
  shared.delete(audio);
}
