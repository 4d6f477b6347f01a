import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../../src/app/lib/undo-stack.ts';

describe('UndoStack', () => {
  it('walks back and forth through recorded changes', () => {
    const stack = new UndoStack<string>();
    expect([stack.canUndo, stack.canRedo, stack.undoLabel, stack.redoLabel]).toEqual([false, false, null, null]);
    let state = 'empty';
    const change = (next: string, label: string): void => {
      stack.record(state, label);
      state = next;
    };
    change('song A', 'Import a.mid');
    change('song A + clip', 'Import clip.wav');
    expect(stack.undoLabel).toBe('Import clip.wav');
    expect(stack.canUndo).toBe(true);

    const back = stack.undo(state);
    expect(back).toEqual({ state: 'song A', label: 'Import clip.wav' });
    state = back?.state ?? state;
    expect(stack.redoLabel).toBe('Import clip.wav');
    state = stack.undo(state)?.state ?? state;
    expect(state).toBe('empty');
    expect(stack.canUndo).toBe(false);
    expect(stack.undo(state)).toBeNull();

    state = stack.redo(state)?.state ?? state;
    state = stack.redo(state)?.state ?? state;
    expect(state).toBe('song A + clip');
    expect(stack.canRedo).toBe(false);
    expect(stack.undoLabel).toBe('Import clip.wav');
  });

  it('drops the redo branch when a new change is recorded after an undo', () => {
    const stack = new UndoStack<number>();
    stack.record(0, 'one');
    stack.record(1, 'two');
    expect(stack.undo(2)?.state).toBe(1);
    stack.record(1, 'other');
    expect(stack.canRedo).toBe(false);
    expect(stack.redo(5)).toBeNull();
    expect(stack.undo(9)).toEqual({ state: 1, label: 'other' });
    expect(stack.undo(1)).toEqual({ state: 0, label: 'one' });
  });

  it('forgets the oldest changes past its limit', () => {
    const stack = new UndoStack<number>(3);
    for (let i = 0; i < 5; i++) stack.record(i, `step ${i}`);
    const seen: number[] = [];
    let state = 5;
    for (let step = stack.undo(state); step !== null; step = stack.undo(state)) {
      state = step.state;
      seen.push(state);
    }
    expect(seen).toEqual([4, 3, 2]);
  });

  describe('merging quick changes of one thing', () => {
    function clocked(): { stack: UndoStack<number>; advance: (ms: number) => void } {
      let now = 0;
      return { stack: new UndoStack<number>(50, 2000, () => now), advance: (ms) => (now += ms) };
    }

    it('joins changes with the same key inside the window into one step that undoes to the first state', () => {
      const { stack, advance } = clocked();
      expect(stack.record(10, 'gain', 'knob')).toBe(true);
      advance(500);
      expect(stack.record(11, 'gain', 'knob')).toBe(false);
      advance(1900); // each change restarts the window
      expect(stack.record(12, 'gain', 'knob')).toBe(false);
      advance(2000); // the window's edge still joins
      expect(stack.record(12.5, 'gain', 'knob')).toBe(false);
      expect(stack.undo(13)).toEqual({ state: 10, label: 'gain' });
      expect(stack.canUndo).toBe(false);
      expect(stack.redo(10)).toEqual({ state: 13, label: 'gain' });
    });

    it('makes a new step after the window, for another key, for no key, or after an undo', () => {
      const { stack, advance } = clocked();
      stack.record(0, 'gain', 'knob');
      advance(2001);
      expect(stack.record(1, 'gain', 'knob')).toBe(true);
      expect(stack.record(2, 'pan', 'other')).toBe(true);
      expect(stack.record(3, 'pan', 'other')).toBe(false);
      expect(stack.record(4, 'move')).toBe(true);
      expect(stack.record(5, 'pan', 'other')).toBe(true);
      stack.undo(6);
      expect(stack.record(5, 'pan', 'other')).toBe(true);
      stack.drop();
      expect(stack.record(5, 'pan', 'other')).toBe(true);
      expect(stack.undoLabel).toBe('pan');
      const states: number[] = [];
      const labels: string[] = [];
      for (let step = stack.undo(9); step !== null; step = stack.undo(step.state)) {
        states.push(step.state);
        labels.push(step.label);
      }
      expect(states).toEqual([5, 4, 2, 1, 0]);
      expect(labels).toEqual(['pan', 'move', 'pan', 'gain', 'gain']);
      expect(stack.redoLabel).toBe('gain');
    });

    it('times merges by the page clock when given none', () => {
      const stack = new UndoStack<number>();
      stack.record(0, 'gain', 'knob');
      expect(stack.record(1, 'gain', 'knob')).toBe(false);
    });

    it('a joined change still clears what could be redone', () => {
      const { stack } = clocked();
      stack.record(0, 'gain', 'knob');
      stack.record(1, 'gain', 'knob');
      stack.record(2, 'x');
      stack.undo(3);
      expect(stack.canRedo).toBe(true);
      stack.record(2, 'gain', 'knob');
      stack.record(4, 'gain', 'knob');
      expect(stack.canRedo).toBe(false);
    });
  });

  it('refuses a limit that is not a positive integer; a limit of 1 keeps the last change', () => {
    expect(() => new UndoStack(0)).toThrow(/positive integer/);
    expect(() => new UndoStack(1.5)).toThrow(/positive integer/);
    const one = new UndoStack<number>(1);
    one.record(0, 'a');
    one.record(1, 'b');
    expect(one.undo(2)).toEqual({ state: 1, label: 'b' });
    expect(one.undo(1)).toBeNull();
  });

  it('drop forgets the last change and returns it; clear forgets everything', () => {
    const stack = new UndoStack<number>();
    stack.record(0, 'a');
    stack.record(1, 'b');
    stack.undo(2);
    expect(stack.drop()).toEqual({ state: 0, label: 'a' });
    expect(stack.drop()).toBeNull();
    expect(stack.canRedo).toBe(true); // drop leaves what could be redone
    stack.record(5, 'c');
    stack.clear();
    expect([stack.canUndo, stack.canRedo]).toEqual([false, false]);
  });
});
