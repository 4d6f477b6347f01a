/** Typed plugin jobs on the ML worker: one call per kind, each resolving to its kind's result. */
import type { AudioData } from '../../core/audio/audio-data.ts';
import type { Song } from '../../core/music/types.ts';
import type { GeneratedVariation, InstrumentVoice, ParamValues, PluginData } from '../../plugins/types.ts';
import type { PluginJobResult } from './protocol.ts';
import type { RequestOptions, WorkerClient } from './worker-client.ts';

function expectKind<K extends PluginJobResult['kind']>(result: PluginJobResult, kind: K): Extract<PluginJobResult, { kind: K }> {
  if (result.kind !== kind) throw new Error(`the worker answered a ${kind} job with a ${result.kind} result`);
  return result as Extract<PluginJobResult, { kind: K }>;
}

export async function generateInWorker(worker: WorkerClient, plugin: string, song: Song, params: ParamValues, options: RequestOptions = {}): Promise<GeneratedVariation[]> {
  const reply = await worker.request('run-plugin', { plugin, job: { kind: 'midi-generator', song, params } }, options);
  return expectKind(reply.result, 'midi-generator').variations;
}

/** `data`: the instance's state data (Latent Synth's sounds), for plugins that keep some. */
export async function createVoiceInWorker(worker: WorkerClient, plugin: string, params: ParamValues, options: RequestOptions = {}, data?: PluginData): Promise<InstrumentVoice> {
  const job = data === undefined ? { kind: 'instrument' as const, params } : { kind: 'instrument' as const, params, data };
  const reply = await worker.request('run-plugin', { plugin, job }, options);
  return expectKind(reply.result, 'instrument').voice;
}

export async function processAudioInWorker(worker: WorkerClient, plugin: string, audio: AudioData, params: ParamValues, options: RequestOptions = {}): Promise<AudioData> {
  const reply = await worker.request('run-plugin', { plugin, job: { kind: 'audio-effect', audio, params } }, options);
  return expectKind(reply.result, 'audio-effect').audio;
}
