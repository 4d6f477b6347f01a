import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSoundBank } from '../../../src/core/soundfont/bank.ts';
import { renderSong, renderSongBlocks } from '../../../src/core/soundfont/render-song.ts';
import { readMidi } from '../../../src/core/music/midi-io.ts';

const BANK = '/usr/share/sounds/sf2/TimGM6mb.sf2';

describe.skipIf(!existsSync(BANK))('a song rendered from a SoundFont in blocks', () => {
  it('has the samples of the whole render, for any block size, in blocks no longer than asked', async () => {
    const bank = await loadSoundBank(new Uint8Array(readFileSync(BANK)));
    const song = readMidi(new Uint8Array(readFileSync('samples/minuet-in-g.mid')));
    const options = { sampleRate: 22050, programOverrides: { 0: 0, 1: 40 } };
    const whole = renderSong(bank, song, options);
    for (const size of [1000, 4096, 100_003]) {
      const render = renderSongBlocks(bank, song, options);
      expect(render.frames).toBe(whole.channels[0].length);
      const left = new Float32Array(render.frames);
      const right = new Float32Array(render.frames);
      let at = 0;
      let longest = 0;
      for (const [l, r] of render.blocks(size)) {
        left.set(l, at);
        right.set(r, at);
        at += l.length;
        longest = Math.max(longest, l.length);
      }
      expect(at).toBe(render.frames);
      expect(longest).toBe(size);
      expect(Buffer.from(left.buffer).equals(Buffer.from(whole.channels[0].buffer))).toBe(true);
      expect(Buffer.from(right.buffer).equals(Buffer.from(whole.channels[1].buffer))).toBe(true);
    }
  });
});
