/**
 * A track's audio-effect chain in the offline render: each effect in order, streamed in chunks
 * through the plugin's processor (bounded memory, latency compensated); a bypassed effect is
 * skipped. The output keeps the track's length, so a chain never moves or stretches a track.
 */
import { badInput } from '../../core/errors.ts';
import { processAudio } from '../../plugins/audio-stream.ts';
import { isAudioEffect, type PluginContext, type PluginState } from '../../plugins/types.ts';
import { engineRegistry } from '../plugin-lookup.ts';
import type { Pause } from '../task-steps.ts';

function fitLength(channels: Float32Array[], length: number): Float32Array[] {
  return channels.map((channel) => {
    if (channel.length === length) return channel;
    const out = new Float32Array(length);
    out.set(channel.subarray(0, length));
    return out;
  });
}

/** `pause`: awaited between chunks when a live engine freezes a track (the page gets a turn there). */
export async function applyChain(chain: readonly PluginState[], channels: Float32Array[], sampleRate: number, plugin: PluginContext = {}, pause?: Pause): Promise<Float32Array[]> {
  const active = chain.filter((state) => !state.bypass);
  if (active.length === 0 || channels.length === 0) return channels;
  const length = channels[0].length;
  let audio = { sampleRate, channels };
  for (const state of active) {
    const effect = engineRegistry().get(state.plugin);
    if (!isAudioEffect(effect)) throw badInput(`'${state.plugin}' is not an audio effect`);
    audio = await processAudio(effect, audio, state.params, { signal: plugin.signal, models: plugin.models, ...(pause === undefined ? {} : { pause }) });
  }
  return fitLength(audio.channels, length);
}
