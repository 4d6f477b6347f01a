/**
 * Tracks with an active audio-effect chain, rendered ahead for live playback. Effects stream
 * audio in chunks through plain TypeScript (no Web Audio node runs them), so live playback plays
 * such a track as the offline renderer would have made it: its clips (or its instrument's notes)
 * through the chain, once, when the project is set. Strip changes still act live.
 */
import { audioTrackEnd, placeClips, renderAudioTrack, type PlacedClip, type PoolAtRate } from './audio-clips.ts';
import type { PlayableVoice } from './instruments/voice.ts';
import type { NoteEvent } from './note-events.ts';
import { applyChain } from './offline/effect-chain.ts';
import { renderVoice, renderVoiceInSteps, voiceSeconds } from './offline/render-project.ts';
import type { Pause } from './task-steps.ts';
import type { PluginContext } from '../plugins/types.ts';
import type { AudioTrackSetup, MidiTrackSetup } from './project.ts';

export function hasActiveChain(setup: { chain: MidiTrackSetup['chain'] }): boolean {
  return setup.chain.some((state) => !state.bypass);
}

function asClip(channels: Float32Array[], sampleRate: number): PlacedClip[] {
  const length = channels[0]?.length ?? 0;
  return length === 0 ? [] : [{ audio: { sampleRate, channels }, start: 0, offset: 0, length, gain: 1 }];
}

/**
 * An audio track's clips through its chain, as one clip from the song start; `pause` (a live
 * engine's) is awaited between chunks of the chain's work.
 */
export async function freezeAudioTrack(setup: AudioTrackSetup, sources: PoolAtRate, plugin?: PluginContext, pause?: Pause): Promise<PlacedClip[]> {
  const placed = placeClips(setup, sources);
  const length = audioTrackEnd(placed);
  if (length === 0) return [];
  return asClip(await applyChain(setup.chain, renderAudioTrack(placed, length), sources.sampleRate, plugin, pause), sources.sampleRate);
}

/**
 * A MIDI track's notes through its voice and chain, as one clip from the song start; `pause` (a
 * live engine's) is awaited between notes and between chunks of the chain's work (in one task,
 * rendering a song's melody and its Gain took 66 ms on the page).
 */
export async function freezeMidiTrack(
  setup: MidiTrackSetup,
  voice: PlayableVoice,
  events: readonly NoteEvent[],
  sampleRate: number,
  plugin?: PluginContext,
  pause?: Pause,
): Promise<PlacedClip[]> {
  let endSeconds = 0;
  for (const e of events) endSeconds = Math.max(endSeconds, e.time + voiceSeconds(voice, e, sampleRate));
  const length = Math.ceil(endSeconds * sampleRate);
  if (length === 0) return [];
  const track = pause === undefined ? renderVoice(voice, events, sampleRate, length) : await renderVoiceInSteps(voice, events, sampleRate, length, pause);
  return asClip(await applyChain(setup.chain, [track], sampleRate, plugin, pause), sampleRate);
}
