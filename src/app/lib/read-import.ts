/**
 * Reads a file the user imports, refusing what the workstation cannot use with one line that
 * names the file: a broken MIDI, a WAV that is broken or holds no samples (a bare header).
 */
import { audioLength, type AudioData } from '../../core/audio/audio-data.ts';
import { badInput, isAleaError } from '../../core/errors.ts';
import type { Song } from '../../core/music/types.ts';
import { readMidi, readWav } from './io.ts';

function named<T>(fileName: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isAleaError(error)) throw error.file === undefined ? error.inFile(fileName) : error;
    throw badInput(`cannot be read (${error instanceof Error ? error.message : String(error)})`, fileName);
  }
}

export function readImportedMidi(bytes: Uint8Array, fileName: string): Song {
  return named(fileName, () => readMidi(bytes, fileName));
}

export function readImportedWav(bytes: Uint8Array, fileName: string): AudioData {
  const { audio } = named(fileName, () => readWav(bytes, fileName));
  if (audio.channels.length === 0 || audioLength(audio) === 0) throw badInput('the WAV holds no audio (a header with no samples)', fileName);
  return audio;
}
