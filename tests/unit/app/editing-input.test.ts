import { describe, expect, it } from 'vitest';
import { keyCommand, type KeyEventLike, type KeyTarget } from '../../../src/app/lib/key-commands.ts';
import { hitNote, pitchName, pitchOfY, snapTick, tickOfX, topPitchFor, xOfTick, yOfPitch, type RollView } from '../../../src/app/lib/roll-geometry.ts';
import { gridName } from '../../../src/app/state/note-actions.ts';

const key = (k: string, code: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
const page: KeyTarget = { textField: false, ownsArrows: false };
const button: KeyTarget = { textField: false, ownsArrows: false };
const field: KeyTarget = { textField: true, ownsArrows: true };
const slider: KeyTarget = { textField: false, ownsArrows: true };

describe('keys', () => {
  it('Space plays/stops wherever focus is, a focused button included, but not in a text field', () => {
    expect(keyCommand(key(' ', 'Space'), page)).toEqual({ kind: 'play-stop' });
    expect(keyCommand(key(' ', 'Space'), button)).toEqual({ kind: 'play-stop' });
    expect(keyCommand(key(' ', 'Space'), slider)).toEqual({ kind: 'play-stop' });
    expect(keyCommand(key(' ', 'Space'), field)).toBeNull();
  });

  it('undo and redo, Delete, duplicate, split, select all, quantize, loop', () => {
    expect(keyCommand(key('z', 'KeyZ', { ctrlKey: true }), page)).toEqual({ kind: 'undo' });
    expect(keyCommand(key('Z', 'KeyZ', { metaKey: true, shiftKey: true }), page)).toEqual({ kind: 'redo' });
    expect(keyCommand(key('z', 'KeyZ', { ctrlKey: true }), field)).toBeNull(); // the field's own undo
    expect(keyCommand(key('Delete', 'Delete'), page)).toEqual({ kind: 'delete' });
    expect(keyCommand(key('Backspace', 'Backspace'), page)).toEqual({ kind: 'delete' });
    expect(keyCommand(key('d', 'KeyD', { ctrlKey: true }), page)).toEqual({ kind: 'duplicate' });
    expect(keyCommand(key('e', 'KeyE', { metaKey: true }), page)).toEqual({ kind: 'split' });
    expect(keyCommand(key('a', 'KeyA', { ctrlKey: true }), page)).toEqual({ kind: 'select-all' });
    expect(keyCommand(key('q', 'KeyQ'), page)).toEqual({ kind: 'quantize' });
    expect(keyCommand(key('L', 'KeyL', { shiftKey: true }), page)).toEqual({ kind: 'loop' });
    expect(keyCommand(key('l', 'KeyL'), field)).toBeNull();
  });

  it('arrows nudge (Shift: further) and Home/End move the playhead, except where a control uses them', () => {
    expect(keyCommand(key('ArrowLeft', 'ArrowLeft'), page)).toEqual({ kind: 'nudge', axis: 'time', direction: -1, large: false });
    expect(keyCommand(key('ArrowUp', 'ArrowUp', { shiftKey: true }), page)).toEqual({ kind: 'nudge', axis: 'pitch', direction: 1, large: true });
    expect(keyCommand(key('ArrowDown', 'ArrowDown'), page)).toEqual({ kind: 'nudge', axis: 'pitch', direction: -1, large: false });
    expect(keyCommand(key('Home', 'Home'), page)).toEqual({ kind: 'go', to: 'start' });
    expect(keyCommand(key('End', 'End'), page)).toEqual({ kind: 'go', to: 'end' });
    expect(keyCommand(key('ArrowLeft', 'ArrowLeft'), slider)).toBeNull();
    expect(keyCommand(key('Home', 'Home'), slider)).toBeNull();
  });
});

describe('piano roll geometry', () => {
  const view: RollView = { scrollTick: 960, pxPerTick: 0.1, topPitch: 72, rowHeight: 10, top: 0 };
  const notes = [
    { pitch: 60, velocity: 90, startTick: 960, endTick: 1440 },
    { pitch: 64, velocity: 90, startTick: 1200, endTick: 2400 },
  ];

  it('maps ticks and pitches to pixels and back', () => {
    expect(xOfTick(view, 1460)).toBe(50);
    expect(tickOfX(view, 50)).toBe(1460);
    expect(yOfPitch(view, 70)).toBe(20);
    expect(pitchOfY(view, 25)).toBe(70);
    expect(pitchOfY(view, -1000)).toBe(127);
    expect(pitchOfY(view, 5000)).toBe(0);
  });

  it('finds the note under the pointer, and its right edge for resizing', () => {
    expect(hitNote(notes, view, 10, yOfPitch(view, 60) + 5)).toEqual({ index: 0, zone: 'body' });
    expect(hitNote(notes, view, xOfTick(view, 1440) - 2, yOfPitch(view, 60) + 5)).toEqual({ index: 0, zone: 'end' });
    expect(hitNote(notes, view, xOfTick(view, 2000), yOfPitch(view, 64) + 5)).toEqual({ index: 1, zone: 'body' });
    expect(hitNote(notes, view, xOfTick(view, 2000), yOfPitch(view, 63) + 5)).toBeNull();
  });

  it('snaps to the grid, centres notes, names pitches and grids', () => {
    expect(snapTick(250, 120)).toBe(240);
    expect(snapTick(190, 120, 'round')).toBe(240);
    expect(snapTick(-30, 120)).toBe(0);
    expect(topPitchFor(notes, 20)).toBe(72); // middle 62, ten rows above
    expect(topPitchFor([], 20)).toBe(70);
    expect(pitchName(60)).toBe('C4');
    expect(pitchName(54)).toBe('F♯3');
    expect(gridName(4)).toBe('1/16');
    expect(gridName(3)).toBe('1/8T');
    expect(gridName(6)).toBe('1/16T');
  });
});
