/**
 * What an audio-effect command reads: a WAV as it is, or a MIDI file rendered first with a
 * General MIDI SoundFont, every melodic track as piano and drums left out (the plain-piano sound
 * Remix's model expects as input; for any other effect it is simply a piano render).
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { AudioData } from '../../core/audio/audio-data.ts';
import { readWav } from '../../core/audio/wav-read.ts';
import { AleaError } from '../../core/errors.ts';
import { readMidi } from '../../core/music/midi-io.ts';
import { loadSoundBank } from '../../core/soundfont/bank.ts';
import { renderSong } from '../../core/soundfont/render-song.ts';
import { styleByName } from '../../core/soundfont/styles.ts';
import { readInputFile } from '../file-io.ts';

/** SoundFonts tried, in order, when a MIDI input comes without --soundfont. */
export const DEFAULT_SOUNDFONTS = ['/usr/share/sounds/sf2/FluidR3_GM.sf2', '/usr/share/sounds/sf2/TimGM6mb.sf2', '/usr/share/sounds/sf2/default-GM.sf2'];
/** Rate MIDI inputs are rendered at. */
export const MIDI_RENDER_RATE = 44100;

export function isMidiPath(path: string): boolean {
  return ['.mid', '.midi'].includes(extname(path).toLowerCase());
}

function defaultSoundfont(): string {
  const found = DEFAULT_SOUNDFONTS.find((path) => existsSync(path));
  if (found === undefined) throw new AleaError('usage', `a MIDI input needs --soundfont FILE (none of ${DEFAULT_SOUNDFONTS.join(', ')} exists)`);
  return found;
}

/** The input as audio: a WAV read, or a MIDI file rendered as piano with `soundfont` (or a default GM bank). */
export async function readAudioInput(path: string, soundfont?: string): Promise<AudioData> {
  if (!isMidiPath(path)) return readWav(await readInputFile(path), path).audio;
  const song = readMidi(await readInputFile(path), path);
  const melodic = song.tracks.filter((t) => !t.isDrum);
  if (melodic.every((t) => t.notes.length === 0)) throw new AleaError('bad-input', 'has no notes to render (drums are left out)', path);
  const bankPath = soundfont ?? defaultSoundfont();
  const bank = await loadSoundBank(await readInputFile(bankPath), bankPath);
  const piano = styleByName('piano')?.melody ?? 0;
  const overrides: Record<number, number> = {};
  melodic.forEach((_, i) => (overrides[i] = piano));
  return renderSong(bank, { ...song, tracks: melodic }, { sampleRate: MIDI_RENDER_RATE, programOverrides: overrides });
}
