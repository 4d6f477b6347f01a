import { describe, expect, it } from 'vitest';
import {
  addRackPlugin,
  bypassRackPlugin,
  EMPTY_RACK,
  loadRackPreset,
  moveRackPlugin,
  removeRackPlugin,
  setRackInstrument,
  setRackParam,
  trackRack,
  withTrackRack,
  type TrackRack,
} from '../../../src/engine/edit/rack-edits.ts';
import { createProject, withAudioTrack } from '../../../src/engine/project.ts';
import { UndoStack } from '../../../src/app/lib/undo-stack.ts';
import type { Song } from '../../../src/core/music/types.ts';

const song: Song = {
  ppq: 480,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  tracks: [{ name: 'Lead', channel: 0, program: 0, isDrum: false, notes: [{ pitch: 60, velocity: 90, startTick: 0, endTick: 480 }] }],
} as unknown as Song;

const ids = (rack: TrackRack, slot: 'midiEffects' | 'chain'): string[] => rack[slot].map((s) => `${s.plugin}:${String(s.params.gain ?? s.params.semitones)}${s.bypass ? ':off' : ''}`);

describe('rack edits', () => {
  it('adds effects of the slot kind with their defaults and refuses another kind', () => {
    const rack = addRackPlugin(addRackPlugin(EMPTY_RACK, 'chain', 'gain'), 'midiEffects', 'transpose-quantize');
    expect(ids(rack, 'chain')).toEqual(['gain:0']);
    expect(ids(rack, 'midiEffects')).toEqual(['transpose-quantize:0']);
    expect(() => addRackPlugin(EMPTY_RACK, 'chain', 'transpose-quantize')).toThrow(/audio effect 'transpose-quantize'/);
    expect(() => addRackPlugin(EMPTY_RACK, 'midiEffects', 'gain')).toThrow(/MIDI effect 'gain'/);
    expect(EMPTY_RACK.chain).toHaveLength(0);
  });

  it('inserts at a position, removes, and reorders (processing order is the list order)', () => {
    let rack = addRackPlugin(EMPTY_RACK, 'chain', 'gain', { gain: -6 });
    rack = addRackPlugin(rack, 'chain', 'gain', { gain: 3 });
    rack = addRackPlugin(rack, 'chain', 'gain', { gain: 1 }, 0);
    expect(ids(rack, 'chain')).toEqual(['gain:1', 'gain:-6', 'gain:3']);
    expect(ids(moveRackPlugin(rack, 'chain', 0, 2), 'chain')).toEqual(['gain:-6', 'gain:3', 'gain:1']);
    expect(ids(removeRackPlugin(rack, 'chain', 1), 'chain')).toEqual(['gain:1', 'gain:3']);
    expect(() => removeRackPlugin(rack, 'chain', 3)).toThrow(/no audio effect 4 \(it has 3\)/);
    expect(() => moveRackPlugin(rack, 'midiEffects', 0, 1)).toThrow(/no MIDI effect 1/);
  });

  it('bypasses one effect, keeps its params, and keeps bypass through a preset', () => {
    let rack = addRackPlugin(addRackPlugin(EMPTY_RACK, 'chain', 'gain'), 'chain', 'gain');
    rack = bypassRackPlugin(rack, 'chain', 1, true);
    expect(ids(rack, 'chain')).toEqual(['gain:0', 'gain:0:off']);
    rack = loadRackPreset(rack, 'chain', 1, { gain: -6 });
    expect(ids(rack, 'chain')).toEqual(['gain:0', 'gain:-6:off']);
    expect(ids(bypassRackPlugin(rack, 'chain', 1, false), 'chain')).toEqual(['gain:0', 'gain:-6']);
  });

  it('validates params against the spec', () => {
    const rack = addRackPlugin(EMPTY_RACK, 'chain', 'gain');
    expect(setRackParam(rack, 'chain', 0, 'gain', -12).chain[0].params.gain).toBe(-12);
    expect(() => setRackParam(rack, 'chain', 0, 'gain', 99)).toThrow(/gain/);
    expect(() => setRackParam(rack, 'chain', 0, 'nope', 1)).toThrow(/nope/);
  });

  it('puts an instrument from the registry, or back to the default', () => {
    const rack = setRackInstrument(EMPTY_RACK, 'poly-synth');
    expect(rack.instrument?.plugin).toBe('poly-synth');
    expect(setRackInstrument(rack, null).instrument).toBeNull();
    expect(() => setRackInstrument(EMPTY_RACK, 'gain')).toThrow(/instrument 'gain'/);
  });

  it('writes a rack into a project track and reads it back; audio tracks take audio effects only', () => {
    const base = withAudioTrack(createProject(song), { name: 'Vox', clips: [] });
    const rack = addRackPlugin(addRackPlugin(setRackInstrument(EMPTY_RACK, 'poly-synth'), 'midiEffects', 'transpose-quantize', { semitones: 12 }), 'chain', 'gain');
    const project = withTrackRack(base, 0, rack);
    expect(trackRack(project, 0)).toEqual({ instrument: rack.instrument, midiEffects: rack.midiEffects, chain: rack.chain });
    expect(base.tracks[0].chain).toHaveLength(0); // pure: the old project is untouched
    const audio = withTrackRack(project, 1, addRackPlugin(EMPTY_RACK, 'chain', 'gain', { gain: -6 }));
    expect(audio.audioTracks[0].chain[0].params.gain).toBe(-6);
    expect(() => withTrackRack(project, 1, rack)).toThrow(/audio effects only/);
    expect(() => withTrackRack(project, 2, rack)).toThrow(/track 2 does not exist/);
  });

  it('round-trips through undo and redo as whole racks', () => {
    const history = new UndoStack<TrackRack>(10);
    let rack: TrackRack = EMPTY_RACK;
    const step = (label: string, next: TrackRack): void => {
      history.record(rack, label);
      rack = next;
    };
    step('Add Gain', addRackPlugin(rack, 'chain', 'gain'));
    step('Add Transpose', addRackPlugin(rack, 'midiEffects', 'transpose-quantize'));
    step('Bypass Gain', bypassRackPlugin(rack, 'chain', 0, true));
    const done = rack;
    for (let i = 0; i < 3; i++) rack = history.undo(rack)?.state ?? rack;
    expect(rack).toEqual(EMPTY_RACK);
    for (let i = 0; i < 3; i++) rack = history.redo(rack)?.state ?? rack;
    expect(rack).toEqual(done);
    expect(rack.chain[0].bypass).toBe(true);
  });
});
