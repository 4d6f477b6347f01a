/**
 * Writes Alea's demo MIDI files into samples/ (or the folder given as the first argument).
 * The tunes are public domain (traditional, or composers long dead) plus one melody written for
 * Alea; the notes are typed in below, so the files come from this script and nothing else.
 *
 *   npx tsx scripts/make-samples.ts [out-dir]
 *
 * Notation: `D4:q` = D in octave 4 for a quarter; durations w h q e s (whole .. sixteenth), a
 * trailing `.` adds half; `r:q` is a rest; `[C3 E3 G3]:h` is a chord; `|` marks a bar line and
 * every bar is checked to add up to the time signature, so a typing slip fails loudly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEmptySong, createTrack, parseKey, writeMidi, type Note, type Song } from '../src/core/music/index.ts';
import { ALEA_VERSION } from '../src/core/provenance.ts';

const PPQ = 480;
const SIXTEENTH = PPQ / 4;
const SIXTEENTHS: Record<string, number> = { w: 16, h: 8, q: 4, e: 2, s: 1 };
const LETTERS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

function pitchOf(name: string): number {
  const match = /^([A-G])(#|b)?(-?\d)$/.exec(name);
  if (match === null) throw new Error(`bad pitch '${name}'`);
  const accidental = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
  return 12 * (Number(match[3]) + 1) + LETTERS[match[1]] + accidental;
}

function lengthOf(code: string): number {
  const base = SIXTEENTHS[code.replace('.', '')];
  if (base === undefined) throw new Error(`bad duration '${code}'`);
  return code.endsWith('.') ? base * 1.5 : base;
}

/** Notes from the notation above; `barSixteenths` is the length every bar must have. */
function voice(text: string, barSixteenths: number, velocity: number): Note[] {
  const notes: Note[] = [];
  let position = 0;
  text.split('|').forEach((bar, barIndex) => {
    const barStart = position;
    for (const token of bar.match(/\[[^\]]+\]:\S+|\S+/g) ?? []) {
      const split = token.lastIndexOf(':');
      const pitches = token.slice(0, split).replace(/[[\]]/g, '').split(/\s+/);
      const length = lengthOf(token.slice(split + 1));
      if (pitches[0] !== 'r') {
        // A little accent on each downbeat, so the files do not sound mechanical.
        const accent = (position - barStart) === 0 ? 8 : 0;
        for (const pitch of pitches) {
          notes.push({ pitch: pitchOf(pitch), velocity: velocity + accent, startTick: position * SIXTEENTH, endTick: (position + length) * SIXTEENTH });
        }
      }
      position += length;
    }
    if (position - barStart !== barSixteenths && bar.trim() !== '') {
      throw new Error(`bar ${barIndex + 1} lasts ${position - barStart} sixteenths, not ${barSixteenths}: ${bar.trim()}`);
    }
  });
  return notes;
}

interface SampleSpec {
  file: string;
  title: string;
  credit: string;
  bpm: number;
  meter: [number, number];
  key: string;
  voices: Array<{ name: string; program: number; velocity: number; notes: string }>;
}

const SAMPLES: SampleSpec[] = [
  {
    file: 'folk-scarborough-fair.mid',
    title: 'Scarborough Fair',
    credit: 'traditional English ballad, public domain',
    bpm: 100,
    meter: [3, 4],
    key: 'D:minor', // the tune is Dorian; D minor is the nearest key signature
    voices: [
      {
        name: 'Melody', program: 73, velocity: 88,
        notes: `D4:h D4:q | A4:h A4:q | E4:q. F4:e E4:q | D4:h. | r:q A4:q C5:q | D5:h C5:q | A4:q B4:q G4:q | A4:h. |
          r:q r:q D5:q | D5:h D5:q | C5:h A4:q | A4:q G4:q F4:q | E4:h C4:q | D4:h A4:q | G4:h F4:q | E4:q D4:q C4:q | D4:h.`,
      },
      {
        name: 'Chords', program: 24, velocity: 62,
        notes: `[D3 F3 A3]:h. | [D3 F3 A3]:h. | [C3 E3 G3]:h. | [D3 F3 A3]:h. | [D3 F3 A3]:h. | [F3 A3 C4]:h. | [G3 B3 D4]:h. | [A2 C3 E3]:h. |
          [D3 F3 A3]:h. | [D3 F3 A3]:h. | [F3 A3 C4]:h. | [D3 F3 A3]:h. | [C3 E3 G3]:h. | [D3 F3 A3]:h. | [G3 B3 D4]:h. | [C3 E3 G3]:h. | [D3 F3 A3]:h.`,
      },
    ],
  },
  {
    file: 'classical-ode-to-joy.mid',
    title: 'Ode to Joy',
    credit: 'Ludwig van Beethoven, Symphony No. 9 (1824), theme; public domain',
    bpm: 112,
    meter: [4, 4],
    key: 'D:major',
    voices: [
      {
        name: 'Melody', program: 0, velocity: 86,
        notes: `F#4:q F#4:q G4:q A4:q | A4:q G4:q F#4:q E4:q | D4:q D4:q E4:q F#4:q | F#4:q. E4:e E4:h |
          F#4:q F#4:q G4:q A4:q | A4:q G4:q F#4:q E4:q | D4:q D4:q E4:q F#4:q | E4:q. D4:e D4:h |
          E4:q E4:q F#4:q D4:q | E4:q F#4:e G4:e F#4:q D4:q | E4:q F#4:e G4:e F#4:q E4:q | D4:q E4:q A3:h |
          F#4:q F#4:q G4:q A4:q | A4:q G4:q F#4:q E4:q | D4:q D4:q E4:q F#4:q | E4:q. D4:e D4:h`,
      },
      {
        name: 'Bass', program: 32, velocity: 74,
        notes: `D3:h D3:h | D3:h A2:h | D3:h D3:h | A2:h A2:h | D3:h D3:h | D3:h A2:h | D3:h D3:h | A2:h D3:h |
          A2:h D3:h | A2:h D3:h | A2:h D3:h | A2:h A2:h | D3:h D3:h | D3:h A2:h | D3:h D3:h | A2:h D3:h`,
      },
    ],
  },
  {
    file: 'pop-8bar-melody.mid',
    title: 'First Light (8-bar pop melody)',
    credit: 'original melody written for Alea, public domain (CC0)',
    bpm: 100,
    meter: [4, 4],
    key: 'C:major',
    voices: [
      {
        name: 'Melody', program: 0, velocity: 90,
        notes: `E4:e G4:e r:e G4:e A4:q G4:e E4:e | D4:e D4:e r:s D4:s E4:e G4:h | C5:e C5:e B4:e A4:e r:e A4:e G4:e E4:e | F4:q. E4:e F4:e A4:e G4:q |
          E4:e G4:e r:e G4:e C5:q B4:e G4:e | B4:e B4:e r:s A4:s G4:e D5:h | C5:e A4:e F4:e A4:e B4:e G4:e D4:e G4:e | C5:h. r:q`,
      },
      {
        name: 'Chords', program: 4, velocity: 64,
        notes: `[C3 E3 G3]:h [C3 E3 G3]:h | [B2 D3 G3]:h [B2 D3 G3]:h | [A2 C3 E3]:h [A2 C3 E3]:h | [A2 C3 F3]:h [A2 C3 F3]:h |
          [C3 E3 G3]:h [C3 E3 G3]:h | [B2 D3 G3]:h [B2 D3 G3]:h | [A2 C3 F3]:h [B2 D3 G3]:h | [C3 E3 G3]:w`,
      },
    ],
  },
  {
    file: 'minuet-in-g.mid',
    title: 'Minuet in G',
    credit: 'Christian Petzold, Minuet in G major, BWV Anh. 114 (c. 1725), first part; public domain',
    bpm: 112,
    meter: [3, 4],
    key: 'G:major',
    voices: [
      {
        name: 'Right hand', program: 6, velocity: 84,
        notes: `D5:q G4:e A4:e B4:e C5:e | D5:q G4:q G4:q | E5:q C5:e D5:e E5:e F#5:e | G5:q G4:q G4:q |
          C5:q D5:e C5:e B4:e A4:e | B4:q C5:e B4:e A4:e G4:e | F#4:q G4:e A4:e B4:e G4:e | A4:h. |
          D5:q G4:e A4:e B4:e C5:e | D5:q G4:q G4:q | E5:q C5:e D5:e E5:e F#5:e | G5:q G4:q G4:q |
          C5:q D5:e C5:e B4:e A4:e | B4:q C5:e B4:e A4:e G4:e | A4:q B4:e A4:e G4:e F#4:e | G4:h.`,
      },
      {
        name: 'Left hand', program: 6, velocity: 72,
        notes: `[G3 B3 D4]:h A3:q | B3:h. | C4:h. | B3:h. | A3:h. | G3:h. | D4:q B3:q G3:q | D4:q D3:q C4:q |
          B3:h A3:q | G3:h. | C4:h. | B3:q C4:e B3:e A3:e G3:e | A3:h F#3:q | G3:h B3:q | C4:q D4:q D3:q | G3:h G2:q`,
      },
    ],
  },
];

function buildSong(spec: SampleSpec): Song {
  const song = createEmptySong(spec.title, PPQ, spec.bpm, spec.meter);
  const barSixteenths = (spec.meter[0] * 16) / spec.meter[1];
  const key = parseKey(spec.key);
  song.keySignatures.push({ tick: 0, tonic: key.tonic, mode: key.mode });
  song.texts.push(`${spec.title}: ${spec.credit}`);
  spec.voices.forEach((v, channel) => {
    song.tracks.push(createTrack(v.name, { channel, program: v.program, notes: voice(v.notes, barSixteenths, v.velocity) }));
  });
  return song;
}

/** The sample files, by file name, exactly as this script writes them. */
export function buildSamples(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const spec of SAMPLES) {
    files[spec.file] = writeMidi(buildSong(spec), {
      generator: `Alea ${ALEA_VERSION} make-samples`,
      source: spec.credit.replace(/[;=]/g, ','),
    });
  }
  return files;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = resolve(process.argv[2] ?? join(import.meta.dirname, '../samples'));
  mkdirSync(outDir, { recursive: true });
  for (const [name, bytes] of Object.entries(buildSamples())) {
    writeFileSync(join(outDir, name), bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
}
