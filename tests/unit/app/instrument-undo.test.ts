// A choice of instrument as a history step, as ProjectState makes it: the snapshot before the
// choice carries the row's instrument then; undo and redo swap it with the one playing.
import { describe, expect, it } from 'vitest';
import { choiceName } from '../../../src/app/lib/instrument-choices.ts';
import { UndoStack } from '../../../src/app/lib/undo-stack.ts';
import { travelInstrument, withInstrument, type InstrumentChange } from '../../../src/app/state/instrument-step.ts';

/** The parts of ProjectState that a choice of instrument touches (voices stand in as strings). */
class Model {
  instruments: ReadonlyMap<number, string> = new Map();
  song = 'song 0';
  private readonly history = new UndoStack<{ song: string; instrument?: InstrumentChange<string> }>();

  edit(song: string): void {
    this.history.record({ song: this.song }, `edit ${song}`);
    this.song = song;
  }

  /** A non-user change (a GM voice landing after an import): no step. */
  land(trackId: number, voice: string): void {
    this.instruments = withInstrument(this.instruments, trackId, voice);
  }

  choose(trackId: number, voice: string | null): void {
    const previous = this.instruments.get(trackId) ?? null;
    if (previous === voice) return;
    this.history.record({ song: this.song, instrument: { trackId, built: previous } }, `instrument ${voice}`);
    this.instruments = withInstrument(this.instruments, trackId, voice);
  }

  travel(direction: 'undo' | 'redo'): string | null {
    const current: { song: string; instrument?: InstrumentChange<string> } = { song: this.song };
    const target = direction === 'undo' ? this.history.undo(current) : this.history.redo(current);
    if (target === null) return null;
    const change = target.state.instrument;
    if (change !== undefined) {
      const { instruments, back } = travelInstrument(this.instruments, change);
      current.instrument = back;
      this.instruments = instruments;
    }
    this.song = target.state.song;
    return target.label;
  }
}

describe('choosing an instrument is undoable', () => {
  it('undo puts back the instrument the track played before, redo the choice', () => {
    const ws = new Model();
    ws.land(1, 'gm:0 piano'); // the import's GM voice: not a step
    ws.choose(1, 'gm:73 flute');
    expect(ws.instruments.get(1)).toBe('gm:73 flute');
    expect(ws.travel('undo')).toBe('instrument gm:73 flute');
    expect(ws.instruments.get(1)).toBe('gm:0 piano');
    expect(ws.travel('redo')).toBe('instrument gm:73 flute');
    expect(ws.instruments.get(1)).toBe('gm:73 flute');
    expect(ws.travel('undo')).not.toBeNull();
    expect(ws.instruments.get(1)).toBe('gm:0 piano');
  });

  it('the default (no instrument) comes back as no entry, and choosing the default is undone too', () => {
    const ws = new Model();
    ws.choose(2, 'poly-synth');
    ws.choose(2, null);
    expect(ws.instruments.has(2)).toBe(false);
    ws.travel('undo');
    expect(ws.instruments.get(2)).toBe('poly-synth');
    ws.travel('undo');
    expect(ws.instruments.has(2)).toBe(false);
    ws.travel('redo');
    ws.travel('redo');
    expect(ws.instruments.has(2)).toBe(false);
    ws.travel('undo');
    expect(ws.instruments.get(2)).toBe('poly-synth');
  });

  it('other edits leave instruments as they are; steps interleave in order', () => {
    const ws = new Model();
    ws.choose(1, 'sampler:keys');
    ws.edit('song 1');
    ws.choose(1, 'gm:40 violin');
    ws.land(3, 'gm:drums'); // kept through undo
    ws.travel('undo');
    expect([ws.song, ws.instruments.get(1), ws.instruments.get(3)]).toEqual(['song 1', 'sampler:keys', 'gm:drums']);
    ws.travel('undo');
    expect([ws.song, ws.instruments.get(1)]).toEqual(['song 0', 'sampler:keys']);
    ws.travel('undo');
    expect(ws.instruments.has(1)).toBe(false);
    expect(ws.instruments.get(3)).toBe('gm:drums');
    ws.travel('redo');
    ws.travel('redo');
    ws.travel('redo');
    expect([ws.song, ws.instruments.get(1)]).toEqual(['song 1', 'gm:40 violin']);
  });

  it('choosing the instrument the track plays already is no step', () => {
    const ws = new Model();
    ws.choose(1, 'poly-synth');
    ws.choose(1, 'poly-synth');
    ws.travel('undo');
    expect(ws.travel('undo')).toBeNull();
  });

  it('a travel never changes the map it was given (the project store compares them by identity)', () => {
    const before: ReadonlyMap<number, string> = new Map([[1, 'a']]);
    const { instruments, back } = travelInstrument(before, { trackId: 1, built: 'b' });
    expect([...before]).toEqual([[1, 'a']]);
    expect(instruments).not.toBe(before);
    expect(instruments.get(1)).toBe('b');
    expect(back).toEqual({ trackId: 1, built: 'a' });
  });
});

describe('how a choice is named in Undo', () => {
  it('names GM programs, the kit, the Sampler and the default', () => {
    expect(choiceName('gm:73')).toBe('Flute');
    expect(choiceName('gm:drums')).toBe('Drum kit');
    expect(choiceName('sampler:keys')).toBe('Sampler: keys');
    expect(choiceName('poly-synth')).toBe('Poly Synth');
    expect(choiceName('default')).toBe('Built-in synth (by program)');
  });
});
