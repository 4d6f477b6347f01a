/**
 * Activations → notes with the package's own post-processing (a port of basic_pitch/note_creation.py):
 * peaks of the onset activations start notes, each held while its frame activation stays above a
 * threshold. Pitch bends are left out: Alea's songs have none, and the contour output they come
 * from is the largest of the three.
 */
import { noteFramesToTime, outputToNotesPoly } from '@spotify/basic-pitch';
import type { Activations } from './activations.ts';
import { FRAMES_PER_SECOND } from './model.ts';

export interface TranscribedNote {
  /** MIDI pitch */
  pitch: number;
  startSeconds: number;
  endSeconds: number;
  /** 0..1, how strongly the model heard it */
  amplitude: number;
}

export interface NoteSettings {
  /** an onset peak above this starts a note (0..1; default 0.5, Basic Pitch's) */
  onsetThreshold?: number;
  /** a note lasts while its frame activation stays above this (0..1; default 0.3) */
  frameThreshold?: number;
  /** shorter notes are dropped (default 0.128 s, Basic Pitch's command line's) */
  minNoteSeconds?: number;
}

export const DEFAULT_NOTE_SETTINGS: Required<NoteSettings> = { onsetThreshold: 0.5, frameThreshold: 0.3, minNoteSeconds: 0.1277 };

/** Notes sorted by start, then pitch. `activations` is modified (the package works in place). */
export function activationsToNotes(activations: Activations, settings: NoteSettings = {}): TranscribedNote[] {
  const { onsetThreshold, frameThreshold, minNoteSeconds } = { ...DEFAULT_NOTE_SETTINGS, ...settings };
  if (activations.frames.length === 0) return [];
  const minFrames = Math.max(1, Math.round(minNoteSeconds * FRAMES_PER_SECOND));
  // infer onsets from jumps in the frame activations; melodia trick: drop semitone neighbours of a held note
  const events = outputToNotesPoly(activations.frames, activations.onsets, onsetThreshold, frameThreshold, minFrames, true, null, null, true);
  return noteFramesToTime(events)
    .map((n) => ({ pitch: n.pitchMidi, startSeconds: n.startTimeSeconds, endSeconds: n.startTimeSeconds + n.durationSeconds, amplitude: n.amplitude }))
    .filter((n) => Number.isFinite(n.startSeconds) && n.endSeconds > n.startSeconds)
    .sort((a, b) => a.startSeconds - b.startSeconds || a.pitch - b.pitch);
}
