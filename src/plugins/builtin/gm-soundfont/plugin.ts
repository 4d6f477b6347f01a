/**
 * GM SoundFont (instrument): renders its program's notes from the shipped SoundFont with
 * spessasynth_core into a multisample voice, which the engine plays live and offline through its
 * sampler path.
 *
 * Why pre-rendered zones rather than spessasynth_lib's real-time synth in an AudioWorklet: the
 * offline export must stay ≥ 20× real time and sample playback is what renders fastest here
 * (DESIGN: Tone.Sampler tracks 15× on web-audio-api, spessasynth 15–18× for a whole song; the
 * zones path measured by `alea bench` as gmExportRealTimeFactor), a voice is plain data that
 * crosses workers and project files like Latent Synth's, and no second audio engine runs beside
 * Tone. The cost is paid once per track when the voice is built, in the ML worker in the app
 * (~30 zones, see `alea bench` gmVoiceBuildMs), never on the page's main thread.
 */
import { addSustainLoop } from '../../../core/dsp/sustain-loop.ts';
import { validateParams } from '../../params.ts';
import type { InstrumentPlugin, InstrumentVoice, ParamValues, PluginContext, SampleZone } from '../../types.ts';
import { gmSoundBank } from './bank-source.ts';
import { gmSoundfontDescriptor } from './descriptor.ts';
import { drumZones, melodicZones } from './zone-plan.ts';

/** Rate the zones are rendered at: the bank's samples are mostly 32 kHz or lower. */
export const GM_SAMPLE_RATE = 32000;
/** A melodic note's render: held this long, then its release tail (longer notes fade at the end). */
const HOLD_SECONDS = 2.5;
const TAIL_SECONDS = 0.5;
/** Drum hits: struck, then left to ring (cymbals) */
const DRUM_HOLD_SECONDS = 0.05;
const DRUM_TAIL_SECONDS = 1.5;

export interface GmSoundfontSettings {
  program: number;
  drums: boolean;
  volume: number;
}

/** Typed view of a param record, validated. */
export function gmSoundfontSettings(params: ParamValues): GmSoundfontSettings {
  const p = validateParams(params, gmSoundfontDescriptor.params);
  return { program: Number(p.program), drums: p.drums === true, volume: Number(p.volume) };
}

async function createVoice(params: ParamValues, context?: PluginContext): Promise<InstrumentVoice> {
  const settings = gmSoundfontSettings(params);
  context?.signal?.throwIfAborted();
  context?.onProgress?.({ done: 0, total: 1, message: 'Loading the GM SoundFont' });
  // spessasynth_core loads with the first voice, not with the registry: the page's start-up never parses it
  const [bank, { renderNote }] = await Promise.all([gmSoundBank(), import('../../../core/soundfont/render-note.ts')]);
  const slots = settings.drums ? drumZones() : melodicZones();
  const holdSeconds = settings.drums ? DRUM_HOLD_SECONDS : HOLD_SECONDS;
  const releaseSeconds = settings.drums ? DRUM_TAIL_SECONDS : TAIL_SECONDS;
  const zones: SampleZone[] = [];
  for (const [i, slot] of slots.entries()) {
    context?.signal?.throwIfAborted();
    context?.onProgress?.({ done: i, total: slots.length, message: 'Rendering notes' });
    const audio = renderNote(bank, {
      program: settings.program,
      drums: settings.drums,
      pitch: slot.rootPitch,
      velocity: slot.renderVelocity,
      holdSeconds,
      releaseSeconds,
      sampleRate: GM_SAMPLE_RATE,
    });
    // a sustaining instrument (organ, strings) loops while a key is held; a decaying one plays out
    const loop = settings.drums ? null : addSustainLoop(audio, GM_SAMPLE_RATE, { pitch: slot.rootPitch, heldFrames: Math.round(holdSeconds * GM_SAMPLE_RATE) });
    zones.push({ rootPitch: slot.rootPitch, loPitch: slot.loPitch, hiPitch: slot.hiPitch, loVelocity: slot.loVelocity, hiVelocity: slot.hiVelocity, channels: [audio], ...(loop === null ? {} : { loop }) });
  }
  return {
    kind: 'multisample',
    sampleRate: GM_SAMPLE_RATE,
    zones,
    attack: 0,
    release: settings.drums ? DRUM_TAIL_SECONDS : 0.25,
    volume: settings.volume,
    ...(settings.drums ? { oneShot: true } : {}),
  };
}

export const gmSoundfontPlugin: InstrumentPlugin = { descriptor: gmSoundfontDescriptor, createVoice };
