/**
 * The long inputs of docs/reliability.md's memory-against-length figures: one-track MIDI songs
 * of 1, 10 and 30 minutes (a note every quarter second at 120 bpm, a C major scale in thirds),
 * written as song-<N>min.mid into the folder given:
 *   node --import tsx tests/soak/make-long-inputs.ts /tmp/long
 * The 48 kHz stereo WAVs are their renders: `alea render song-10min.mid -o in-10min.wav --sample-rate 48000 --bit-depth 16`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import toneMidi from '@tonejs/midi';

const { Midi } = toneMidi;

const folder = process.argv[2];
if (folder === undefined) throw new Error('usage: make-long-inputs.ts <folder>');
mkdirSync(folder, { recursive: true });
const scale = [60, 62, 64, 65, 67, 69, 71, 72];
for (const minutes of [1, 10, 30]) {
  const midi = new Midi();
  midi.header.setTempo(120);
  const track = midi.addTrack();
  track.name = 'Melody';
  for (let i = 0; i < minutes * 60 * 4; i++) track.addNote({ midi: scale[(i * 3) % 8], time: i * 0.25, duration: 0.2, velocity: 0.8 });
  const path = join(folder, `song-${minutes}min.mid`);
  writeFileSync(path, midi.toArray());
  process.stdout.write(`wrote ${path}\n`);
}
