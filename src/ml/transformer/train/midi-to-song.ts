import * as toneMidi from '@tonejs/midi';
import { badInput } from '../../../core/errors.ts';
import type { Note, Song, Track } from '../../../core/music/types.ts';

/**
 * Standard MIDI File bytes → Song, for the training data pipeline. Only what the tokenizers read
 * (notes, tempo, meter); duplicated time-signature events (Nottingham writes each twice) are
 * merged. Kept here so the data pipeline does not wait on a full MIDI reader; the core reader
 * can replace it once it exists.
 */
// Node's ESM loader cannot see the named exports of @tonejs/midi's UMD bundle (they sit on
// `default` there), while bundlers expose them by name; the typings only know the latter.
const Midi: typeof toneMidi.Midi = toneMidi.Midi ?? (toneMidi as unknown as { default: typeof toneMidi }).default.Midi;

export function midiBytesToSong(bytes: Uint8Array, fileName: string): Song {
  let midi: toneMidi.Midi;
  try {
    midi = new Midi(bytes);
  } catch (error) {
    throw badInput(`not a readable MIDI file (${(error as Error).message})`, fileName);
  }
  const tracks: Track[] = midi.tracks.map((t) => ({
    name: t.name,
    channel: t.channel,
    program: t.instrument.number,
    isDrum: t.instrument.percussion,
    notes: t.notes
      .map((n): Note => ({
        pitch: n.midi,
        velocity: Math.max(1, Math.min(127, Math.round(n.velocity * 127))),
        startTick: n.ticks,
        endTick: n.ticks + Math.max(1, n.durationTicks),
      }))
      .sort((a, b) => a.startTick - b.startTick || a.pitch - b.pitch),
  }));
  const tempos = uniqueByTick(midi.header.tempos.map((t) => ({ tick: t.ticks, bpm: t.bpm })));
  if (tempos.length === 0 || tempos[0].tick > 0) tempos.unshift({ tick: 0, bpm: 120 });
  const timeSignatures = uniqueByTick(
    midi.header.timeSignatures.map((t) => ({ tick: t.ticks, numerator: t.timeSignature[0], denominator: t.timeSignature[1] })),
  );
  if (timeSignatures.length === 0 || timeSignatures[0].tick > 0) timeSignatures.unshift({ tick: 0, numerator: 4, denominator: 4 });
  return { name: midi.name || fileName, ppq: midi.header.ppq, tracks, tempos, timeSignatures, keySignatures: [], texts: [] };
}

/** Sorted by tick; of several events at one tick, the last wins. */
function uniqueByTick<T extends { tick: number }>(events: T[]): T[] {
  const byTick = new Map<number, T>();
  for (const e of [...events].sort((a, b) => a.tick - b.tick)) byTick.set(e.tick, e);
  return [...byTick.values()];
}
