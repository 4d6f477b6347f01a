/**
 * The benchmark song, built in code: melody, chords and bass over a I–vi–IV–V progression in
 * C major at 120 bpm, several notes per beat on every track. Seeded, so always the same song.
 */
import seedrandom from 'seedrandom';
import { createEmptySong, createTrack } from '../core/music/song.ts';
import type { Note, Song } from '../core/music/types.ts';
import { pluginState } from './plugin-lookup.ts';
import { midiTrackSetup, type Project } from './project.ts';

const PPQ = 480;
/** chord roots (C, A, F, G) and their triads as semitone offsets */
const PROGRESSION: { root: number; triad: number[] }[] = [
  { root: 48, triad: [0, 4, 7] },
  { root: 45, triad: [0, 3, 7] },
  { root: 41, triad: [0, 4, 7] },
  { root: 43, triad: [0, 4, 7] },
];
const C_MAJOR = [0, 2, 4, 5, 7, 9, 11];

function note(pitch: number, velocity: number, startTick: number, lengthTicks: number): Note {
  return { pitch, velocity, startTick, endTick: startTick + lengthTicks };
}

/** A song of `bars` 4/4 bars (2 s each at 120 bpm). */
export function buildBenchSong(bars = 30): Song {
  const random = seedrandom('alea-bench-song');
  const melody: Note[] = [];
  const chords: Note[] = [];
  const bass: Note[] = [];
  const bar = 4 * PPQ;
  for (let b = 0; b < bars; b++) {
    const { root, triad } = PROGRESSION[b % PROGRESSION.length];
    const barStart = b * bar;
    // chords: the triad plus its octave, struck on every beat
    for (let beat = 0; beat < 4; beat++) {
      for (const offset of [...triad, 12]) chords.push(note(root + 12 + offset, 70, barStart + beat * PPQ, PPQ - 40));
    }
    // bass: eighth notes alternating root and fifth
    for (let eighth = 0; eighth < 8; eighth++) {
      bass.push(note(root - 12 + (eighth % 2 === 0 ? 0 : 7), 96, barStart + (eighth * PPQ) / 2, PPQ / 2 - 20));
    }
    // melody: sixteenths stepping through the scale, chord tones on the beat
    let degree = Math.floor(random() * 7);
    for (let sixteenth = 0; sixteenth < 16; sixteenth++) {
      degree = Math.min(13, Math.max(0, degree + Math.floor(random() * 5) - 2));
      const pitch = 72 + C_MAJOR[degree % 7] + 12 * Math.floor(degree / 7);
      melody.push(note(pitch, 80 + Math.floor(random() * 30), barStart + (sixteenth * PPQ) / 4, PPQ / 4 - 10));
    }
  }
  const song = createEmptySong('Alea bench', PPQ, 120);
  song.tracks = [
    createTrack('Melody', { program: 80, notes: melody }),
    createTrack('Chords', { program: 88, notes: chords }),
    createTrack('Bass', { program: 33, notes: bass }),
  ];
  return song;
}

/** The bench song with two poly-synth tracks and a sampler bass, mixed across the stereo field. */
export function buildBenchProject(bars = 30): Project {
  return {
    song: buildBenchSong(bars),
    tracks: [
      midiTrackSetup(pluginState('poly-synth', 'instrument', { oscillator: 'square', cutoff: 4000, volume: -12 }), { pan: 0.3 }),
      midiTrackSetup(pluginState('poly-synth', 'instrument', { oscillator: 'sawtooth', attack: 0.05, release: 0.6, cutoff: 1500, volume: -16 }), { pan: -0.3 }),
      midiTrackSetup(pluginState('sampler', 'instrument', { sound: 'bass', release: 0.1 })),
    ],
    audioTracks: [],
    masterVolumeDb: 0,
  };
}
