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
