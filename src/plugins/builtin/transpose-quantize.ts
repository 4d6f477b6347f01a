/**
 * Transpose & Quantize (MIDI effect): shifts pitches by semitones and pulls note starts toward a
 * rhythmic grid. Drum tracks are quantised but never transposed (their pitches name sounds).
 */
import type { Note, Song, Track } from '../../core/music/types.ts';
import type { MidiEffectPlugin, ParamValues, PluginDescriptor } from '../types.ts';

export const QUANTIZE_GRIDS = ['off', '1/4', '1/8', '1/16', '1/8T'] as const;
export type QuantizeGrid = (typeof QUANTIZE_GRIDS)[number];

export const transposeQuantizeDescriptor: PluginDescriptor = {
  id: 'transpose-quantize',
  name: 'Transpose & Quantize',
  version: '1.0.0',
  kind: 'midi-effect',
  description: 'Transposes pitched tracks and moves note starts toward a grid.',
  params: [
    { id: 'semitones', label: 'Transpose', kind: 'int', min: -24, max: 24, default: 0, unit: 'st' },
    { id: 'grid', label: 'Quantize grid', kind: 'choice', choices: [...QUANTIZE_GRIDS], default: 'off' },
    { id: 'strength', label: 'Strength', kind: 'float', min: 0, max: 1, default: 1, step: 0.01, unit: '%' },
    {
      id: 'onlyTrack',
      label: 'Only track',
      kind: 'int',
      min: -1,
      max: 255,
      default: -1,
      automatable: false,
    },
  ],
};

export interface TransposeQuantizeSettings {
  semitones: number;
  grid: QuantizeGrid;
  /** 0 = leave starts alone, 1 = snap exactly to the grid */
  strength: number;
  /** track index to change, or -1 for every track */
  onlyTrack: number;
}

function isGrid(value: unknown): value is QuantizeGrid {
  return typeof value === 'string' && (QUANTIZE_GRIDS as readonly string[]).includes(value);
}

/** Typed view of a validated param record. */
export function transposeQuantizeSettings(params: ParamValues): TransposeQuantizeSettings {
  return {
    semitones: Number(params.semitones ?? 0),
    grid: isGrid(params.grid) ? params.grid : 'off',
    strength: Number(params.strength ?? 1),
    onlyTrack: Number(params.onlyTrack ?? -1),
  };
}

/** Grid spacing in ticks, or 0 when quantising is off. */
export function gridTicks(grid: QuantizeGrid, ppq: number): number {
  switch (grid) {
    case 'off':
      return 0;
    case '1/4':
      return ppq;
    case '1/8':
      return ppq / 2;
    case '1/16':
      return ppq / 4;
    case '1/8T':
      return ppq / 3;
  }
}

/** Keeps a transposed pitch playable by folding it back into 0..127 by octaves. */
function foldPitch(pitch: number): number {
  let p = pitch;
  while (p > 127) p -= 12;
  while (p < 0) p += 12;
  return p;
}

function processNote(note: Note, semitones: number, grid: number, strength: number): Note {
  let startTick = note.startTick;
  if (grid > 0 && strength > 0) {
    const target = Math.round(Math.round(startTick / grid) * grid);
    startTick = Math.max(0, Math.round(startTick + (target - startTick) * strength));
  }
  const length = Math.max(1, note.endTick - note.startTick);
  return { ...note, pitch: foldPitch(note.pitch + semitones), startTick, endTick: startTick + length };
}

function byStartThenPitch(a: Note, b: Note): number {
  return a.startTick - b.startTick || a.pitch - b.pitch;
}

function processTrack(track: Track, settings: TransposeQuantizeSettings, ppq: number): Track {
  const semitones = track.isDrum ? 0 : settings.semitones;
  const grid = gridTicks(settings.grid, ppq);
  const notes = track.notes.map((n) => processNote(n, semitones, grid, settings.strength));
  return { ...track, notes: notes.sort(byStartThenPitch) };
}

/** Returns a new song; the input is left untouched. */
export function transposeQuantize(song: Song, params: ParamValues): Song {
  const settings = transposeQuantizeSettings(params);
  const tracks = song.tracks.map((track, index) =>
    settings.onlyTrack >= 0 && settings.onlyTrack !== index
      ? { ...track, notes: track.notes.map((n) => ({ ...n })) }
      : processTrack(track, settings, song.ppq),
  );
  return { ...song, tracks };
}

export const transposeQuantizePlugin: MidiEffectPlugin = {
  descriptor: transposeQuantizeDescriptor,
  process: transposeQuantize,
};
