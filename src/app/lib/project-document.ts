/**
 * The workstation's project and a project file's document, one into the other. The file holds the
 * engine's project (what the CLI renders too); the workstation rebuilds its rows from it.
 */
import type { Provenance } from '../../core/provenance.ts';
import { defaultInstrumentFor, wetSourceOf, type MixerStrip } from '../../engine/index.ts';
import { MAX_VOLUME_DB, MIN_VOLUME_DB, type StripSettings } from '../state/track-state.svelte.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import { voiceKey } from './built-voices.ts';
import type { WorkstationProject } from './engine-port.ts';
import { toEngineProject } from './engine-project.ts';
import type { ProjectDocument } from './project-file.ts';

/** The document a project file stores for what the workstation holds. */
export function documentOf(project: WorkstationProject, title: string, provenance: Provenance | null): ProjectDocument {
  const { project: engineProject, pool } = toEngineProject(project);
  return { title, provenance, project: engineProject, pool, voices: project.voices ?? [] };
}

/** A strip as a track row shows it (silence is the fader's bottom). */
export function rowStrip(strip: MixerStrip): StripSettings {
  const volumeDb = Number.isFinite(strip.volumeDb) ? Math.min(MAX_VOLUME_DB, Math.max(MIN_VOLUME_DB, strip.volumeDb)) : MIN_VOLUME_DB;
  return { volumeDb, pan: strip.pan, muted: strip.mute, soloed: strip.solo };
}

/**
 * What the workstation opens for a document: MIDI tracks keep an instrument when the file holds
 * the voice built for it (else they play their GM program's default); each audio track plays its
 * first clip's audio from the start (the workstation places one whole clip per audio track).
 */
export function workstationProjectOf(doc: ProjectDocument): WorkstationProject {
  const { project, pool } = doc;
  const built = new Map(doc.voices.map((v) => [voiceKey(v.plugin, v.params, v.data), v]));
  const voices: BuiltVoice[] = [];
  const instruments = project.tracks.map(({ instrument }) => {
    const voice = built.get(voiceKey(instrument.plugin, instrument.params, instrument.data));
    if (voice === undefined) return null;
    voices.push(voice);
    return instrument;
  });
  const clips = project.audioTracks.flatMap((track) => {
    const source = track.clips[0]?.source;
    if (source === undefined) return [];
    const audio = pool.get(source);
    const remix = track.blend === undefined ? undefined : pool.get(wetSourceOf(track.blend, source));
    if (audio === undefined) return [];
    const row = { name: track.name, audio, strip: rowStrip(track.strip), chain: [...track.chain] };
    // a Remix row: its audio is the remix, mixed live with the original it was made from
    if (track.blend === undefined || remix === undefined || remix === audio) return [row];
    return [{ ...row, audio: remix, blend: { dry: audio, amount: track.blend.wet, bypass: track.blend.bypass } }];
  });
  // each track's rack: an instrument other than its GM default (and not a built voice) counts as chosen
  const racks = project.tracks.map((setup, i) => {
    const fallback = defaultInstrumentFor(project.song.tracks[i]);
    const chosen = instruments[i] === null && JSON.stringify(setup.instrument) !== JSON.stringify(fallback) ? setup.instrument : null;
    return { instrument: chosen, midiEffects: [...setup.midiEffects], chain: [...setup.chain] };
  });
  return { song: project.song, midiStrips: project.tracks.map((t) => rowStrip(t.strip)), clips, instruments, voices, racks };
}
