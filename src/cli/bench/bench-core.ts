import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import toneMidi from '@tonejs/midi';
import { readMidi, writeMidi } from '../../core/music/midi-io.ts';
import type { BenchFigure } from './bench-report.ts';

/** Default corpus for the MIDI figure; a user may point ALEA_BENCH_MIDI_DIR elsewhere. */
export const DEFAULT_POP909_DIR = '../shared/data/pop909';

/**
 * MIDI parse + write of every file in a folder (818 POP909 files): files per second through
 * Alea's reader/writer (container checks, validation, provenance), against @tonejs/midi's own
 * parse + encode of the same bytes in the same run.
 */
export async function benchMidiCorpus(dir = process.env.ALEA_BENCH_MIDI_DIR ?? DEFAULT_POP909_DIR): Promise<BenchFigure[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.midi?$/i.test(n)).sort();
  } catch {
    return [];
  }
  const files = await Promise.all(names.map((n) => readFile(join(dir, n)).then((b) => new Uint8Array(b))));
  const aleaStart = performance.now();
  let notes = 0;
  for (const bytes of files) {
    const song = readMidi(bytes);
    notes += song.tracks.reduce((n, t) => n + t.notes.length, 0);
    writeMidi(song);
  }
  const aleaSeconds = (performance.now() - aleaStart) / 1000;
  const toneStart = performance.now();
  for (const bytes of files) new toneMidi.Midi(bytes).toArray();
  const toneSeconds = (performance.now() - toneStart) / 1000;
  const aleaRate = files.length / aleaSeconds;
  const toneRate = files.length / toneSeconds;
  return [
    {
      group: 'midi',
      name: `parse + write ${files.length} files (${notes} notes)`,
      value: aleaRate,
      unit: 'files/s',
      reference: { name: '@tonejs/midi alone', value: toneRate, unit: 'files/s' },
      ratio: aleaRate / toneRate,
    },
  ];
}
