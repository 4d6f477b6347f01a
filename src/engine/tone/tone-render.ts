/**
 * Renders a project through the Tone.js playback graph with Tone.Offline (an
 * OfflineAudioContext): exactly what live playback sounds like. Slow in Node (pure-JS Web Audio),
 * so exports use offline/render-project.ts; this path is for comparing the two and for browsers
 * that want the Tone sound bit for bit.
 */
import * as Tone from 'tone';
import type { AudioData } from '../../core/audio/audio-data.ts';
import { audioTrackEnd, placeClips, PoolAtRate } from '../audio-clips.ts';
import { songEndSeconds } from '../note-events.ts';
import { masterOutput } from '../offline/master.ts';
import type { RenderOptions } from '../offline/render-project.ts';
import { EMPTY_POOL } from '../project-validate.ts';
import type { Project } from '../project.ts';
import { ProjectPlayer } from './project-player.ts';

/** Longest release any instrument setting allows, plus room for a sample to ring out. */
function tailSeconds(project: Project): number {
  let tail = 2.5;
  for (const setup of project.tracks) {
    const release = setup.instrument.params.release;
    tail = Math.max(tail, (typeof release === 'number' ? release : 0) + 0.1);
  }
  return tail;
}

/**
 * Tone's Solo keeps a set per context in static maps and never removes it: each offline render's
 * whole graph and audio stayed reachable (about 600 KiB a two-bar render, measured by npm run soak).
 */
function forgetSoloState(context: Tone.BaseContext): void {
  for (const key of ['_allSolos', '_soloed']) {
    const byContext: unknown = Reflect.get(Tone.Solo, key);
    if (byContext instanceof Map) byContext.delete(context);
  }
}

export async function renderProjectWithTone(project: Project, options: RenderOptions = {}): Promise<AudioData> {
  const sampleRate = options.sampleRate ?? 44100;
  const pool = options.pool ?? EMPTY_POOL;
  const sources = new PoolAtRate(pool, sampleRate);
  const clipsEnd = project.audioTracks.reduce((end, t) => Math.max(end, audioTrackEnd(placeClips(t, sources)) / sampleRate), 0);
  const duration = Math.max(songEndSeconds(project.song), clipsEnd) + (options.tailSeconds ?? tailSeconds(project));
  let player: ProjectPlayer | undefined;
  let offline: Tone.BaseContext | undefined;
  const buffer = await Tone.Offline(
    async (context) => {
      offline = context;
      player = await ProjectPlayer.create(project, pool);
      player.play(0, 0);
    },
    duration,
    2,
    sampleRate,
  );
  player?.dispose();
  // Tone.Offline never disposes its context's own nodes (transport clock, destination, listener): 8 a render
  if (offline !== undefined) {
    offline.transport.dispose();
    offline.destination.dispose();
    offline.listener.dispose();
    offline.dispose();
    forgetSoloState(offline);
  }
  const channels: Float32Array[] = [];
  for (let c = 0; c < buffer.numberOfChannels; c++) channels.push(Float32Array.from(buffer.getChannelData(c)));
  buffer.dispose();
  options.onProgress?.(1);
  return masterOutput({ sampleRate, channels });
}
