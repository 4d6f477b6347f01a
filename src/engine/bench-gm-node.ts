/**
 * How fast GM SoundFont tracks export: the bench song's three tracks (flute, piano, fingered
 * bass) as GM SoundFont voices. Building the voices (rendering their zones from the SoundFont,
 * done once per track in the ML worker in the app) is timed apart from the export itself, which
 * plays the built zones as the app's export does.
 */
import { audioDuration } from '../core/audio/audio-data.ts';
import { useNodeGmBank } from '../plugins/builtin/gm-soundfont/bank-source-node.ts';
import { gmSoundBank } from '../plugins/builtin/gm-soundfont/bank-source.ts';
import { gmSoundfontPlugin } from '../plugins/builtin/gm-soundfont/plugin.ts';
import { PluginRegistry } from '../plugins/registry.ts';
import type { InstrumentPlugin, InstrumentVoice } from '../plugins/types.ts';
import { buildBenchSong } from './bench-song.ts';
import { renderProjectMix } from './offline/render-project.ts';
import { engineRegistry, pluginState, useEngineRegistry } from './plugin-lookup.ts';
import { midiTrackSetup, type Project } from './project.ts';

export interface GmRenderBench {
  /** parsing the SoundFont, once */
  bankLoadMs: number;
  /** rendering one track's zones, mean over the tracks */
  voiceBuildMs: number;
  /** bytes of sample data per voice, mean */
  voiceBytes: number;
  audioSeconds: number;
  wallSeconds: number;
  timesRealTime: number;
}

const PROGRAMS = [73, 0, 33];

/** Each built voice, returned for its params: the engine plays them as the app's export does. */
function prebuilt(voices: Map<number, InstrumentVoice>): InstrumentPlugin {
  return {
    ...gmSoundfontPlugin,
    createVoice: async (params, context) => voices.get(Number(params.program)) ?? gmSoundfontPlugin.createVoice(params, context),
  };
}

export async function benchGmRender(options: { bars?: number; sampleRate?: number } = {}): Promise<GmRenderBench> {
  useNodeGmBank();
  let started = performance.now();
  await gmSoundBank();
  const bankLoadMs = performance.now() - started;
  started = performance.now();
  const voices = new Map<number, InstrumentVoice>();
  let bytes = 0;
  for (const program of PROGRAMS) {
    const voice = await gmSoundfontPlugin.createVoice({ program });
    if (voice.kind === 'multisample') for (const zone of voice.zones) for (const c of zone.channels) bytes += c.byteLength;
    voices.set(program, voice);
  }
  const voiceBuildMs = (performance.now() - started) / PROGRAMS.length;
  const project: Project = {
    song: buildBenchSong(options.bars ?? 30),
    tracks: PROGRAMS.map((program, i) => midiTrackSetup(pluginState('gm-soundfont', 'instrument', { program }), { pan: [0.3, -0.3, 0][i] })),
    audioTracks: [],
    masterVolumeDb: 0,
  };
  const before = engineRegistry();
  const registry = new PluginRegistry();
  for (const plugin of before.list()) registry.register(plugin.descriptor.id === 'gm-soundfont' ? prebuilt(voices) : plugin);
  useEngineRegistry(registry);
  try {
    started = performance.now();
    const audio = await renderProjectMix(project, { sampleRate: options.sampleRate ?? 44100 });
    const wallSeconds = (performance.now() - started) / 1000;
    const audioSeconds = audioDuration(audio);
    return { bankLoadMs, voiceBuildMs, voiceBytes: bytes / PROGRAMS.length, audioSeconds, wallSeconds, timesRealTime: audioSeconds / wallSeconds };
  } finally {
    useEngineRegistry(before);
  }
}
