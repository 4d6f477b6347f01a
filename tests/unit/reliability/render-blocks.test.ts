/** A render in bounded blocks gives the samples of the whole-buffer render, block size whatever. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMidi } from '../../../src/core/music/midi-io.ts';
import type { Song } from '../../../src/core/music/types.ts';
import { renderProjectBlocks } from '../../../src/engine/offline/render-blocks.ts';
import { renderProjectMix } from '../../../src/engine/offline/render-project.ts';
import { renderProjectWav } from '../../../src/engine/offline/render-wav.ts';
import { prepareForExport } from '../../../src/core/audio/limiter.ts';
import { writeWav } from '../../../src/core/audio/wav-write.ts';
import { createProject, DEFAULT_STRIP, type Project } from '../../../src/engine/project.ts';
import type { AudioPool } from '../../../src/engine/project-validate.ts';
import { createAudio, type AudioData } from '../../../src/core/audio/audio-data.ts';
import { repoRoot } from '../cli/run-cli.ts';

async function blocks(project: Project, blockFrames: number, pool?: AudioPool): Promise<{ channels: Float32Array[]; sizes: number[]; frames: number }> {
  const parts: Float32Array[][] = [];
  let frames = 0;
  await renderProjectBlocks(project, { start: async (n) => void (frames = n), block: async (c) => void parts.push(c.map((x) => x.slice())) }, { blockFrames, pool });
  const join2 = (c: number): Float32Array => {
    const out = new Float32Array(parts.reduce((n, p) => n + p[c].length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[c], at);
      at += p[c].length;
    }
    return out;
  };
  return { channels: [join2(0), join2(1)], sizes: parts.map((p) => p[0].length), frames };
}

function song(name: string): Song {
  const path = join(repoRoot, 'samples', name);
  return readMidi(new Uint8Array(readFileSync(path)), path);
}

describe('the block render', () => {
  for (const name of ['pop-8bar-melody.mid', 'classical-ode-to-joy.mid', 'folk-scarborough-fair.mid']) {
    it(`equals the whole render sample for sample (${name})`, async () => {
      const project = createProject(song(name));
      const whole = await renderProjectMix(project);
      for (const blockFrames of [1000, 44100]) {
        const streamed = await blocks(project, blockFrames);
        expect(streamed.frames).toBe(whole.channels[0].length);
        expect(Buffer.from(streamed.channels[0].buffer).equals(Buffer.from(whole.channels[0].buffer)), `${blockFrames} left`).toBe(true);
        expect(Buffer.from(streamed.channels[1].buffer).equals(Buffer.from(whole.channels[1].buffer)), `${blockFrames} right`).toBe(true);
        expect(Math.max(...streamed.sizes)).toBeLessThanOrEqual(blockFrames);
      }
    });
  }

  it('equals the whole render where the master limiter works (a mix pushed 18 dB over)', async () => {
    const base = createProject(song('minuet-in-g.mid'));
    const project: Project = { ...base, tracks: base.tracks.map((t) => ({ ...t, strip: { ...t.strip, volumeDb: 18 } })) };
    const whole = await renderProjectMix(project);
    const streamed = await blocks(project, 3000);
    expect(whole.channels[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0.85); // at the −1 dBFS ceiling
    expect(Buffer.from(streamed.channels[0].buffer).equals(Buffer.from(whole.channels[0].buffer))).toBe(true);
    expect(Buffer.from(streamed.channels[1].buffer).equals(Buffer.from(whole.channels[1].buffer))).toBe(true);
  });
});

describe('the block render of audio clips', () => {
  const rate = 44100;
  const tone = (channels: number, seconds: number, hz: number): AudioData => {
    const audio = createAudio(rate, channels, Math.round(seconds * rate));
    audio.channels.forEach((c, ch) => c.forEach((_, i) => (c[i] = 0.4 * Math.sin((2 * Math.PI * hz * (ch + 1) * i) / rate))));
    return audio;
  };
  const clipProject = (): { project: Project; pool: Map<string, AudioData> } => {
    const base = createProject(song('pop-8bar-melody.mid'));
    const pool = new Map([['stereo', tone(2, 3, 220)], ['mono', tone(1, 2, 330)]]);
    const project: Project = {
      ...base,
      audioTracks: [
        {
          name: 'take',
          clips: [
            { source: 'stereo', startSeconds: 0.5, offsetSeconds: 0.25, lengthSeconds: 2, gainDb: -3 },
            { source: 'mono', startSeconds: 1.7, offsetSeconds: 0, lengthSeconds: 2, gainDb: 0 },
          ],
          chain: [],
          strip: { ...DEFAULT_STRIP, pan: 0.3 },
        },
        { name: 'voice', clips: [{ source: 'mono', startSeconds: 4, offsetSeconds: 0.5, lengthSeconds: 1, gainDb: 2 }], chain: [], strip: { ...DEFAULT_STRIP, volumeDb: -6 } },
      ],
    };
    return { project, pool };
  };

  it('equals the whole render sample for sample, clips overlapping blocks and each other', async () => {
    const { project, pool } = clipProject();
    const whole = await renderProjectMix(project, { pool });
    for (const blockFrames of [1000, 44100]) {
      const streamed = await blocks(project, blockFrames, pool);
      expect(streamed.frames).toBe(whole.channels[0].length);
      expect(Buffer.from(streamed.channels[0].buffer).equals(Buffer.from(whole.channels[0].buffer)), `${blockFrames} left`).toBe(true);
      expect(Buffer.from(streamed.channels[1].buffer).equals(Buffer.from(whole.channels[1].buffer)), `${blockFrames} right`).toBe(true);
    }
  });

  it('reads each clip only as its block is rendered (no whole-track copy)', async () => {
    const { project, pool } = clipProject();
    const whole = await renderProjectMix(project, { pool });
    const source = pool.get('mono');
    if (source === undefined) throw new Error('no source');
    let first = true;
    const parts: Float32Array[] = [];
    await renderProjectBlocks(
      project,
      {
        start: async () => undefined,
        block: async (c) => {
          parts.push(c[0].slice());
          // silencing the source after the first block must silence the later blocks' clip audio
          if (first) source.channels[0].fill(0);
          first = false;
        },
      },
      { blockFrames: 22050, pool },
    );
    const tail = parts.slice(8).flatMap((p) => [...p]); // from 4 s: only the 'voice' clip (mono source) and MIDI
    const wholeTail = [...whole.channels[0].subarray(8 * 22050, 8 * 22050 + tail.length)];
    expect(tail.some((v, i) => v !== wholeTail[i])).toBe(true);
  });
});

describe('the WAV export built in blocks', () => {
  it('has the bytes of the whole render written by writeWav, provenance included', async () => {
    const project = createProject(song('classical-ode-to-joy.mid'));
    const options = { bitDepth: 16 as const, provenance: { generator: 'alea test', seed: 3 } };
    const whole = writeWav(prepareForExport(await renderProjectMix(project)), options);
    const streamed = await renderProjectWav(project, options);
    expect(streamed.byteLength).toBe(whole.byteLength);
    expect(Buffer.from(streamed).equals(Buffer.from(whole))).toBe(true);
  });
});
