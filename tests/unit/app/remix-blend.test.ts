// A Remix row in the workstation's project: the engine plays the original as the clip and the
// remix as its processed version, mixed by the row's strength and A/B; a project file keeps it.
import { describe, expect, it } from 'vitest';
import { createEmptySong } from '../../../src/core/music/song.ts';
import type { WorkstationProject } from '../../../src/app/lib/engine-port.ts';
import { toEngineProject } from '../../../src/app/lib/engine-project.ts';
import { decodeProjectFile, encodeProjectFile } from '../../../src/app/lib/project-file.ts';
import { documentOf, workstationProjectOf } from '../../../src/app/lib/project-document.ts';
import { renderProjectOffline } from '../../../src/engine/render-node.ts';

const SR = 8000;
const original = { sampleRate: SR, channels: [Float32Array.from({ length: 4000 }, (_, i) => 0.3 * Math.sin(i / 7))] };
const remix = { sampleRate: SR, channels: [Float32Array.from({ length: 4000 }, (_, i) => 0.2 * Math.sin(i / 3))] };
const strip = { volumeDb: 0, pan: 0, muted: false, soloed: false };

function project(amount: number, bypass = false): WorkstationProject {
  return {
    song: createEmptySong('remix', 480, 120),
    midiStrips: [],
    clips: [
      { name: 'take', audio: original, strip },
      { name: 'take (strings)', audio: remix, strip, blend: { dry: original, amount, bypass } },
    ],
  };
}

describe('a Remix row', () => {
  it('plays the original as its clip and the remix as the processed version, at the row strength', () => {
    const { project: engine, pool } = toEngineProject(project(0.3, true));
    const track = engine.audioTracks[1];
    const source = track.clips[0].source;
    expect(pool.get(source)).toBe(original);
    expect(track.blend).toEqual({ versions: { [source]: `${source}-remix` }, wet: 0.3, bypass: true });
    expect(pool.get(`${source}-remix`)).toBe(remix);
    expect(engine.audioTracks[0].blend).toBeUndefined();
  });

  it('at strength 0 or on A exports exactly the original twice; at 1 the original and the remix', async () => {
    const render = async (p: WorkstationProject) => {
      const { project: engine, pool } = toEngineProject(p);
      return (await renderProjectOffline(engine, { sampleRate: SR, pool })).channels[0];
    };
    const doubled: WorkstationProject = { ...project(0), clips: [project(0).clips[0], { name: 'copy', audio: original, strip }] };
    const twice = await render(doubled);
    for (const heard of [await render(project(0)), await render(project(0.8, true))]) expect(Buffer.from(heard.buffer).equals(Buffer.from(twice.buffer))).toBe(true);
    const side: WorkstationProject = { ...project(0), clips: [project(0).clips[0], { name: 'remix', audio: remix, strip }] };
    expect(Buffer.from((await render(project(1))).buffer).equals(Buffer.from((await render(side)).buffer))).toBe(true);
  });

  it('comes back from a project file with its original, strength and A/B', () => {
    const doc = decodeProjectFile(encodeProjectFile(documentOf(project(0.45, true), 'remix', null)), 'remix.alea');
    const back = workstationProjectOf(doc).clips;
    expect(back.map((c) => c.name)).toEqual(['take', 'take (strings)']);
    expect(back[0].blend).toBeUndefined();
    expect(Array.from(back[1].audio.channels[0])).toEqual(Array.from(remix.channels[0]));
    expect(back[1].blend?.amount).toBe(0.45);
    expect(back[1].blend?.bypass).toBe(true);
    expect(Array.from(back[1].blend?.dry.channels[0] ?? [])).toEqual(Array.from(original.channels[0]));
  });
});
