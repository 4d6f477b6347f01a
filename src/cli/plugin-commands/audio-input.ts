/**
 * What an audio-effect command reads: a WAV as it is, or a MIDI file rendered first with a
 * General MIDI SoundFont, every melodic track as piano and drums left out (the plain-piano sound
 * Remix's model expects as input; for any other effect it is simply a piano render). Either is
 * handed over block by block, so a long input never sits whole in memory.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { AleaError } from '../../core/errors.ts';
import { readMidi } from '../../core/music/midi-io.ts';
import { loadSoundBank } from '../../core/soundfont/bank.ts';
import { renderSongBlocks } from '../../core/soundfont/render-song.ts';
import { styleByName } from '../../core/soundfont/styles.ts';
import { readInputFile } from '../file-io.ts';
import { openWavFile, WAV_BLOCK_FRAMES, type AudioBlockSource } from '../wav-file-reader.ts';

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

/** The input as audio in blocks: a WAV read from disk, or a MIDI file rendered as piano with `soundfont` (or a default GM bank). */
export async function openAudioInput(path: string, soundfont?: string): Promise<AudioBlockSource> {
  if (!isMidiPath(path)) return openWavFile(path);
  const song = readMidi(await readInputFile(path), path);
  const melodic = song.tracks.filter((t) => !t.isDrum);
  if (melodic.every((t) => t.notes.length === 0)) throw new AleaError('bad-input', 'has no notes to render (drums are left out)', path);
  const bankPath = soundfont ?? defaultSoundfont();
  const bank = await loadSoundBank(await readInputFile(bankPath), bankPath);
  const piano = styleByName('piano')?.melody ?? 0;
  const overrides: Record<number, number> = {};
  melodic.forEach((_, i) => (overrides[i] = piano));
  const render = renderSongBlocks(bank, { ...song, tracks: melodic }, { sampleRate: MIDI_RENDER_RATE, programOverrides: overrides });
  return {
    sampleRate: render.sampleRate,
    channelCount: 2,
    frames: render.frames,
    async *blocks(maxFrames = WAV_BLOCK_FRAMES) {
      yield* render.blocks(maxFrames);
    },
    close: async () => undefined,
  };
}
