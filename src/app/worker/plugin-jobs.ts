/**
 * The ML worker's one way into plugins: a kind-tagged job for a plugin id, looked up in the
 * registry and run with the worker's model resolver, progress and abort signal. Kept apart from
 * the worker's message loop so tests run it in Node with any registry.
 */
import { badInput } from '../../core/errors.ts';
import { processAudio } from '../../plugins/audio-stream.ts';
import { validateParams } from '../../plugins/params.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { isAudioEffect, isInstrument, isMidiGenerator, type ModelResolver, type ProgressListener } from '../../plugins/types.ts';
import type { PluginJob, PluginJobResult } from './protocol.ts';

export interface JobContext {
  models: ModelResolver;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** @throws AleaError 'bad-input' for an unknown plugin, one of another kind, or bad params */
export async function runPluginJob(registry: PluginRegistry, pluginId: string, job: PluginJob, context: JobContext): Promise<PluginJobResult> {
  const plugin = registry.get(pluginId);
  if (plugin.descriptor.kind !== job.kind) {
    throw badInput(`plugin '${pluginId}' is a ${plugin.descriptor.kind}, not a ${job.kind}`);
  }
  const params = validateParams(job.params, plugin.descriptor.params);
  const { models, signal, onProgress } = context;
  signal?.throwIfAborted();
  if (job.kind === 'midi-generator' && isMidiGenerator(plugin)) {
    return { kind: job.kind, variations: await plugin.generate({ song: job.song, params, models, signal, onProgress }) };
  }
  if (job.kind === 'instrument' && isInstrument(plugin)) {
    return { kind: job.kind, voice: await plugin.createVoice(params, { models, signal, onProgress, data: job.data }) };
  }
  if (job.kind === 'audio-effect' && isAudioEffect(plugin)) {
    return { kind: job.kind, audio: await processAudio(plugin, job.audio, params, { models, signal, onProgress }) };
  }
  throw badInput(`plugin '${pluginId}' cannot run a ${job.kind} job`);
}
