/**
 * Checks every invariant types.ts promises, so that code past a file reader or a model's output
 * can trust a Song. The error names the field (e.g. `tracks[1].notes[7].pitch`) and the value.
 */
import { badInput } from '../errors.ts';
import type { Song } from './types.ts';

const isInt = (value: number): boolean => Number.isInteger(value);
const inRange = (value: number, low: number, high: number): boolean => isInt(value) && value >= low && value <= high;
const isPowerOfTwo = (value: number): boolean => isInt(value) && value > 0 && (value & (value - 1)) === 0;

function fail(field: string, value: unknown, rule: string): never {
  throw badInput(`${field} is ${String(value)}; ${rule}`);
}

function checkSortedChanges(field: string, changes: ReadonlyArray<{ tick: number }>, mustStartAtZero: boolean): void {
  if (mustStartAtZero && (changes.length === 0 || changes[0].tick !== 0)) {
    throw badInput(`${field} must start with an entry at tick 0`);
  }
  changes.forEach((change, i) => {
    if (!(isInt(change.tick) && change.tick >= 0)) fail(`${field}[${i}].tick`, change.tick, 'it must be an integer >= 0');
    if (i > 0 && change.tick < changes[i - 1].tick) fail(`${field}[${i}].tick`, change.tick, 'the list must be sorted by tick');
  });
}

/** Throws AleaError('bad-input') naming the first field that breaks the Song contract. */
export function validateSong(song: Song): void {
  if (!(isInt(song.ppq) && song.ppq > 0 && song.ppq <= 0x7fff)) fail('ppq', song.ppq, 'it must be an integer 1..32767');

  checkSortedChanges('tempos', song.tempos, true);
  song.tempos.forEach((t, i) => {
    if (!(Number.isFinite(t.bpm) && t.bpm >= 1 && t.bpm <= 1000)) fail(`tempos[${i}].bpm`, t.bpm, 'it must be 1..1000');
  });

  checkSortedChanges('timeSignatures', song.timeSignatures, true);
  song.timeSignatures.forEach((t, i) => {
    if (!inRange(t.numerator, 1, 255)) fail(`timeSignatures[${i}].numerator`, t.numerator, 'it must be an integer 1..255');
    if (!(isPowerOfTwo(t.denominator) && t.denominator <= 128)) {
      fail(`timeSignatures[${i}].denominator`, t.denominator, 'it must be a power of two 1..128');
    }
  });

  checkSortedChanges('keySignatures', song.keySignatures, false);
  song.keySignatures.forEach((k, i) => {
    if (!inRange(k.tonic, 0, 11)) fail(`keySignatures[${i}].tonic`, k.tonic, 'it must be a pitch class 0..11');
    if (k.mode !== 'major' && k.mode !== 'minor') fail(`keySignatures[${i}].mode`, k.mode, "it must be 'major' or 'minor'");
  });

  song.texts.forEach((text, i) => {
    if (typeof text !== 'string') fail(`texts[${i}]`, text, 'it must be a string');
  });

  song.tracks.forEach((track, t) => {
    const at = `tracks[${t}]`;
    if (typeof track.name !== 'string') fail(`${at}.name`, track.name, 'it must be a string');
    if (!inRange(track.channel, 0, 15)) fail(`${at}.channel`, track.channel, 'it must be an integer 0..15');
    if (!inRange(track.program, 0, 127)) fail(`${at}.program`, track.program, 'it must be an integer 0..127');
    if (track.isDrum !== (track.channel === 9)) {
      fail(`${at}.isDrum`, track.isDrum, `it must match the channel (${track.channel}; 9 is the drum channel)`);
    }
    track.notes.forEach((note, n) => {
      const field = `${at}.notes[${n}]`;
      if (!inRange(note.pitch, 0, 127)) fail(`${field}.pitch`, note.pitch, 'it must be an integer 0..127');
      if (!inRange(note.velocity, 1, 127)) fail(`${field}.velocity`, note.velocity, 'it must be an integer 1..127');
      if (!(isInt(note.startTick) && note.startTick >= 0)) {
        fail(`${field}.startTick`, note.startTick, 'it must be an integer >= 0');
      }
      if (!(isInt(note.endTick) && note.endTick > note.startTick)) {
        fail(`${field}.endTick`, note.endTick, `it must be an integer > startTick (${note.startTick})`);
      }
      const previous = track.notes[n - 1];
      if (previous !== undefined && previous.startTick > note.startTick) {
        fail(`${field}.startTick`, note.startTick, 'notes must be sorted by startTick');
      }
    });
  });
}
