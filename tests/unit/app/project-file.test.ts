// A project as one file: everything the workstation holds comes back bit for bit, and a file that
// is not a project is refused with one line naming it (the caller's project is never touched).
import { describe, expect, it } from 'vitest';
import { isAleaError } from '../../../src/core/errors.ts';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import { latentSynthDescriptor, type LatentSynthData } from '../../../src/plugins/builtin/latent-synth/index.ts';
import { createState } from '../../../src/plugins/state.ts';
import type { WorkstationProject } from '../../../src/app/lib/engine-port.ts';
import { decodeProjectFile, encodeProjectBlob, encodeProjectFile } from '../../../src/app/lib/project-file.ts';
import { documentOf, workstationProjectOf } from '../../../src/app/lib/project-document.ts';
import { MIN_VOLUME_DB } from '../../../src/app/state/track-state.svelte.ts';
import type { BuiltVoice } from '../../../src/app/worker/protocol.ts';

const SOUNDS: LatentSynthData = { sounds: [{ name: 'a', latent: [1, 0, 0, 0], pitch: 60 }, { name: 'b', latent: [0, 1, 0, 0] }] };

function noise(length: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

function workstationProject(): WorkstationProject {
  const song = createEmptySong('tune', 480, 96);
  song.tracks = [
    createTrack('lead', { program: 73, notes: [{ pitch: 67, velocity: 90, startTick: 0, endTick: 480 }] }),
    createTrack('bass', { program: 33, notes: [{ pitch: 40, velocity: 70, startTick: 480, endTick: 960 }] }),
  ];
  const take = { sampleRate: 22050, channels: [noise(3000, 1), noise(3000, 2)] };
  const state = { ...createState(latentSynthDescriptor), data: SOUNDS };
  const voice: BuiltVoice = {
    plugin: state.plugin,
    params: state.params,
    data: SOUNDS,
    voice: { kind: 'multisample', sampleRate: 16000, attack: 0.01, release: 0.2, volume: -3, zones: [{ rootPitch: 60, loPitch: 0, hiPitch: 127, loVelocity: 1, hiVelocity: 127, channels: [noise(1600, 3)], loop: { start: 200, end: 1400 } }] },
  };
  return {
    song,
    midiStrips: [
      { volumeDb: -6, pan: -0.25, muted: false, soloed: true },
      { volumeDb: MIN_VOLUME_DB, pan: 0, muted: true, soloed: false },
    ],
    clips: [{ name: 'take', audio: take, strip: { volumeDb: 3, pan: 0.5, muted: false, soloed: false } }],
    instruments: [state, null],
    voices: [voice],
  };
}

function lineOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isAleaError(error)).toBe(true);
    return isAleaError(error) ? error.toLine() : String(error);
  }
  throw new Error('expected the file to be refused');
}

describe('project file', () => {
  const provenance = { generator: 'Alea 0.1.0 continue', model: { name: 'folk', sha256: 'ab12' }, seed: 7, params: { bars: 2 } };

  it('brings back the song, mixer, instruments, audio and voices exactly', () => {
    const before = workstationProject();
    const bytes = encodeProjectFile(documentOf(before, 'My tune.mid', provenance));
    const doc = decodeProjectFile(bytes, 'tune.alea');
    expect(doc.title).toBe('My tune.mid');
    expect(doc.provenance).toEqual(provenance);
    const after = workstationProjectOf(doc);
    expect(after.song).toEqual(before.song);
    expect(after.midiStrips).toEqual(before.midiStrips);
    expect(after.clips.map((c) => [c.name, c.strip])).toEqual(before.clips.map((c) => [c.name, c.strip]));
    expect(after.clips[0].audio.sampleRate).toBe(22050);
    after.clips[0].audio.channels.forEach((c, i) => expect(c).toEqual(before.clips[0].audio.channels[i]));
    expect(after.instruments?.[0]?.plugin).toBe('latent-synth');
    expect(after.instruments?.[0]?.data).toEqual(SOUNDS);
    expect(after.instruments?.[1]).toBeNull();
    expect(after.voices).toEqual(before.voices);
  });

  it('writes the same bytes for the same project, and again after a round trip', () => {
    const a = encodeProjectFile(documentOf(workstationProject(), 't', null));
    const b = encodeProjectFile(documentOf(workstationProject(), 't', null));
    expect(b).toEqual(a);
    expect(encodeProjectFile(documentOf(workstationProjectOf(decodeProjectFile(a, 'a.alea')), 't', null))).toEqual(a);
  });

  it('gives the same bytes as a Blob (autosave, Save), again when its audio is reused', async () => {
    const doc = documentOf(workstationProject(), 't', provenance);
    const bytes = encodeProjectFile(doc);
    expect(new Uint8Array(await encodeProjectBlob(doc).arrayBuffer())).toEqual(bytes);
    const renamed = { ...doc, title: 'renamed' };
    expect(decodeProjectFile(new Uint8Array(await encodeProjectBlob(renamed).arrayBuffer()), 'x.alea').title).toBe('renamed');
  });

  it('stores audio shared by two sources once', () => {
    const project = workstationProject();
    const shared = project.clips[0];
    const twice = { ...project, clips: [shared, { ...shared, name: 'again' }] };
    const once = encodeProjectFile(documentOf(project, 't', null));
    // the clip's audio is 24,000 bytes; a second track that plays it adds only its setup
    expect(encodeProjectFile(documentOf(twice, 't', null)).length - once.length).toBeLessThan(1000);
  });

  describe('refuses a file that is not a project, naming it', () => {
    const good = encodeProjectFile(documentOf(workstationProject(), 't', null));
    const headerLength = new DataView(good.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(good.subarray(12, 12 + headerLength))) as Record<string, unknown>;
    const withHeader = (change: (h: Record<string, unknown>) => unknown, tail = good.subarray(12 + headerLength)): Uint8Array => {
      const json = new TextEncoder().encode(JSON.stringify(change(structuredClone(header))));
      const out = new Uint8Array(12 + json.length + tail.length);
      out.set(good.subarray(0, 8));
      new DataView(out.buffer).setUint32(8, json.length, true);
      out.set(json, 12);
      out.set(tail, 12 + json.length);
      return out;
    };

    const cases: [string, Uint8Array, RegExp][] = [
      ['a MIDI file', new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1]), /not an Alea project file/],
      ['an empty file', new Uint8Array(0), /not an Alea project file/],
      ['a cut header', good.subarray(0, 40), /the header is \d+ bytes long but the file has 40/],
      ['a header that is not JSON', withHeader(() => 'x').map((b, i) => (i === 12 ? 0x7b : b)), /not valid JSON/],
      ['a header missing a field', withHeader((h) => ({ ...h, title: undefined })), /missing field 'title'/],
      ['an unknown field', withHeader((h) => ({ ...h, script: 'alert(1)' })), /unknown field 'script'/],
      ['a newer format', withHeader((h) => ({ ...h, version: 2 })), /field 'version'/],
      ['audio past the end', good.subarray(0, good.length - 8), /audio \d+ runs past the end of the file/],
      ['a huge declared length', withHeader((h) => ({ ...h, audio: [{ sampleRate: 44100, channels: 2, frames: 2 ** 40, offset: 0 }] })), /audio 0 runs past the end/],
      ['a source with no audio', withHeader((h) => ({ ...h, sources: { 'clip-0': 9 } })), /audio source 'clip-0' names audio 9/],
      ['a bad engine project', withHeader((h) => ({ ...h, project: '{"song":1}' })), /project: /],
      [
        'a voice zone looping past its audio',
        withHeader((h) => {
          const zone = (h as { voices: { voice: { zones: { loop: { end: number } }[] } }[] }).voices[0].voice.zones[0];
          zone.loop.end = 99_999;
          return h;
        }),
        /voice 0 zone 0 loops frames 200–99999, but its audio has 1600/,
      ],
      ['a clip whose audio is missing', withHeader((h) => ({ ...h, sources: {} })), /audio 'clip-0' is not in the project's audio pool/],
    ];
    for (const [what, bytes, message] of cases) {
      it(what, () => {
        const line = lineOf(() => decodeProjectFile(bytes, 'song.alea'));
        expect(line.startsWith('song.alea: ')).toBe(true);
        expect(line).toMatch(message);
        expect(line).not.toContain('\n');
      });
    }
  });
});
