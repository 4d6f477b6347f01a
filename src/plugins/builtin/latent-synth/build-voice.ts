/**
 * Latent Synth's voice: one latent point rendered by the timbre VAE at every zone's root and
 * velocity layer, as a multisample set the engine plays live and renders offline.
 */
import { addSustainLoop } from '../../../core/dsp/sustain-loop.ts';
import type { TimbreVae } from '../../../ml/vae/timbre-vae.ts';
import type { InstrumentVoice, PluginContext, SampleZone } from '../../types.ts';
import { zonePlan } from './zone-plan.ts';

export interface LatentVoiceSettings {
  zones: number;
  velocityLayers: number;
  /** seconds each note is held before its release */
  noteSeconds: number;
  attack: number;
  release: number;
  volume: number;
  seed: number;
}

/** Rendered notes peak here (−6 dBFS), so zones play evenly; the engine applies velocity as gain. */
const ZONE_PEAK = 0.5;

function normalizePeak(samples: Float32Array): Float32Array {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  if (peak < 1e-6) return samples;
  const gain = ZONE_PEAK / peak;
  for (let i = 0; i < samples.length; i++) samples[i] *= gain;
  return samples;
}

/** Lets a cancel message (and the page's other work) in between notes. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Renders the zones, checking `signal` and reporting progress between notes. */
export async function buildLatentVoice(vae: TimbreVae, point: Float32Array, settings: LatentVoiceSettings, context: Pick<PluginContext, 'signal' | 'onProgress'> = {}): Promise<InstrumentVoice> {
  const { signal, onProgress } = context;
  const plan = zonePlan(settings.zones, settings.velocityLayers);
  const zones: SampleZone[] = [];
  for (const [i, slot] of plan.entries()) {
    signal?.throwIfAborted();
    onProgress?.({ done: i, total: plan.length, message: `Rendering note ${i + 1} of ${plan.length}` });
    const samples = vae.render(point, {
      pitch: slot.rootPitch,
      velocity: slot.renderVelocity,
      holdSeconds: settings.noteSeconds,
      releaseSeconds: settings.release,
      seed: settings.seed,
    });
    const { rootPitch, loPitch, hiPitch, loVelocity, hiVelocity } = slot;
    const channel = normalizePeak(samples);
    // a sustaining sound loops while a key is held longer than the note was rendered
    const loop = addSustainLoop(channel, vae.config.sampleRate, { pitch: rootPitch, heldFrames: Math.round(settings.noteSeconds * vae.config.sampleRate) });
    zones.push({ rootPitch, loPitch, hiPitch, loVelocity, hiVelocity, channels: [channel], ...(loop === null ? {} : { loop }) });
    await nextTurn();
  }
  signal?.throwIfAborted();
  onProgress?.({ done: plan.length, total: plan.length, message: 'Voice ready' });
  return { kind: 'multisample', sampleRate: vae.config.sampleRate, zones, attack: settings.attack, release: settings.release, volume: settings.volume };
}
