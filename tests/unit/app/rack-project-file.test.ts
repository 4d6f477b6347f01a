// A project file keeps every track's rack: a chosen instrument, MIDI effects and audio effects
// (bypass and params included); a track on its default instrument stays on the default.
import { describe, expect, it } from 'vitest';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import { addRackPlugin, bypassRackPlugin, EMPTY_RACK, setRackInstrument } from '../../../src/engine/edit/rack-edits.ts';
import type { WorkstationProject } from '../../../src/app/lib/engine-port.ts';
import { toEngineProject } from '../../../src/app/lib/engine-project.ts';
import { decodeProjectFile, encodeProjectFile } from '../../../src/app/lib/project-file.ts';
import { documentOf, workstationProjectOf } from '../../../src/app/lib/project-document.ts';

const strip = { volumeDb: 0, pan: 0, muted: false, soloed: false };

function project(): WorkstationProject {
  const song = createEmptySong('tune', 480, 120);
  song.tracks = [
    createTrack('lead', { program: 0, notes: [{ pitch: 67, velocity: 90, startTick: 0, endTick: 480 }] }),
    createTrack('bass', { program: 33, notes: [{ pitch: 40, velocity: 70, startTick: 480, endTick: 960 }] }),
  ];
  const lead = bypassRackPlugin(addRackPlugin(addRackPlugin(setRackInstrument(EMPTY_RACK, 'poly-synth'), 'midiEffects', 'transpose-quantize', { semitones: 12 }), 'chain', 'gain', { gain: -6 }), 'chain', 0, true);
  const take = { sampleRate: 8000, channels: [new Float32Array(800).fill(0.25)] };
  const vox = addRackPlugin(EMPTY_RACK, 'chain', 'gain', { gain: 3 });
  return {
    song,
    midiStrips: [strip, strip],
    clips: [{ name: 'vox', audio: take, strip, chain: [...vox.chain] }],
    racks: [lead, EMPTY_RACK],
  };
}

describe('racks in projects', () => {
  it('the engine plays each rack: instrument, MIDI effects and audio effects per track', () => {
    const { project: engine } = toEngineProject(project());
    expect(engine.tracks[0].instrument.plugin).toBe('poly-synth');
    expect(engine.tracks[0].midiEffects.map((s) => [s.plugin, s.params.semitones])).toEqual([['transpose-quantize', 12]]);
    expect(engine.tracks[0].chain.map((s) => [s.plugin, s.params.gain, s.bypass])).toEqual([['gain', -6, true]]);
    expect(engine.tracks[1].chain).toEqual([]);
    expect(engine.audioTracks[0].chain.map((s) => s.params.gain)).toEqual([3]);
  });

  it('a project file brings every rack back; a default instrument stays the default', () => {
    const before = project();
    const after = workstationProjectOf(decodeProjectFile(encodeProjectFile(documentOf(before, 'tune', null)), 'tune.alea'));
    expect(after.racks).toEqual(before.racks);
    expect(after.clips[0].chain).toEqual(before.clips[0].chain);
  });
});
