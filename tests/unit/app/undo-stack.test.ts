import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../../src/app/lib/undo-stack.ts';

describe('UndoStack', () => {
  it('walks back and forth through recorded changes', () => {
    const stack = new UndoStack<string>();
    let state = 'empty';
    const change = (next: string, label: string): void => {
      stack.record(state, label);
      state = next;
    };
    change('song A', 'Import a.mid');
    change('song A + clip', 'Import clip.wav');
    expect(stack.undoLabel).toBe('Import clip.wav');

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

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new UndoStack(0)).toThrow(/positive integer/);
  });
});
