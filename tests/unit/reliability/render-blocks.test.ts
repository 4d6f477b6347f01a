/** A render in bounded blocks gives the samples of the whole-buffer render, block size whatever. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMidi } from '../../../src/core/music/midi-io.ts';
import type { Song } from '../../../src/core/music/types.ts';
import { renderProjectBlocks } from '../../../src/engine/offline/render-blocks.ts';
import { renderProjectMix } from '../../../src/engine/offline/render-project.ts';
import { createProject, type Project } from '../../../src/engine/project.ts';
import { repoRoot } from '../cli/run-cli.ts';

async function blocks(project: Project, blockFrames: number): Promise<{ channels: Float32Array[]; sizes: number[]; frames: number }> {
  const parts: Float32Array[][] = [];
  let frames = 0;
  await renderProjectBlocks(project, { start: async (n) => void (frames = n), block: async (c) => void parts.push(c.map((x) => x.slice())) }, { blockFrames });
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
