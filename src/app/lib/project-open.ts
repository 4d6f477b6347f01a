/**
 * A project file's bytes (opened, or the autosave restored) made ready for the workstation. Each
 * clip's audio takes the passes an imported WAV takes (its copy at the live rate, its waveform
 * peaks, the Blob the autosave stores) in the audio-prep worker: a 10-minute clip's are seconds
 * of work that would otherwise block the page in one task.
 */
import type { AudioData } from '../../core/audio/audio-data.ts';
import type { Provenance } from '../../core/provenance.ts';
import { rememberConversion } from '../../engine/index.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import type { PrepareDecoded } from './audio-prep-client.ts';
import type { WorkstationProject } from './engine-port.ts';
import { decodeProjectFile, rememberRunBlob } from './project-file.ts';
import { workstationProjectOf } from './project-document.ts';
import { rememberPeaks } from './waveform-peaks.ts';

export interface OpenedProject {
  project: WorkstationProject;
  title: string;
  provenance: Provenance | null;
}

/**
 * Decodes `bytes` (a project file named `fileName`) and prepares its clips' audio with `prepare`
 * for the rate `liveRate` gives (asked once the file reads as a project: it may start the audio
 * engine), one clip after another; `onProgress` gets 0..1. Nothing outside the result is changed
 * by a file that fails, so the open project stays as it was.
 * @throws Error with one line naming `fileName`
 */
export async function openProjectBytes(bytes: Uint8Array, fileName: string, liveRate: () => Promise<number | null>, prepare: PrepareDecoded, onProgress: (fraction: number) => void = () => {}): Promise<OpenedProject> {
  const doc = decodeProjectFile(bytes, fileName);
  const project = await prepareProjectAudio(workstationProjectOf(doc), fileName, await liveRate(), prepare, onProgress);
  return { project, title: doc.title, provenance: doc.provenance };
}

/**
 * `project` with each distinct piece of clip audio (a Remix's original too) replaced by the
 * prepared copy `prepare` returns (the same samples; the worker may have taken the buffers it was
 * sent), its peaks, live copy and Blob remembered so the rows, the engine and the autosave reuse them.
 */
export async function prepareProjectAudio(project: WorkstationProject, fileName: string, liveRate: number | null, prepare: PrepareDecoded, onProgress: (fraction: number) => void = () => {}): Promise<WorkstationProject> {
  const sources = [...new Set(project.clips.flatMap((clip) => (clip.blend === undefined ? [clip.audio] : [clip.audio, clip.blend.dry])))];
  const prepared = new Map<AudioData, AudioData>();
  const channels = new Map<readonly Float32Array[], Float32Array[]>();
  for (const [i, audio] of sources.entries()) {
    const result = await prepare(audio, fileName, liveRate, (fraction) => onProgress((i + fraction) / sources.length));
    if (result.live !== null) rememberConversion(result.audio, result.live);
    rememberRunBlob(result.audio.channels, result.blob);
    rememberPeaks(result.audio, result.peaks);
    prepared.set(audio, result.audio);
    channels.set(audio.channels, result.audio.channels);
  }
  onProgress(1);
  const swap = (audio: AudioData): AudioData => prepared.get(audio) ?? audio;
  const clips = project.clips.map((clip) => ({ ...clip, audio: swap(clip.audio), ...(clip.blend === undefined ? {} : { blend: { ...clip.blend, dry: swap(clip.blend.dry) } }) }));
  const voices = project.voices?.map((built) => withChannels(built, channels));
  return { ...project, clips, ...(voices === undefined ? {} : { voices }) };
}

/** A voice whose sample zones share a clip's channels (a file may store one run for both) gets the prepared ones. */
function withChannels(built: BuiltVoice, channels: ReadonlyMap<readonly Float32Array[], Float32Array[]>): BuiltVoice {
  const { voice } = built;
  if (voice.kind !== 'multisample' || !voice.zones.some((zone) => channels.has(zone.channels))) return built;
  return { ...built, voice: { ...voice, zones: voice.zones.map((zone) => ({ ...zone, channels: channels.get(zone.channels) ?? zone.channels })) } };
}
