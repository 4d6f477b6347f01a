import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImportedMidi, readImportedWav } from '../../../src/app/lib/read-import.ts';
import { UndoStack } from '../../../src/app/lib/undo-stack.ts';
import type { EnginePort, WorkstationProject } from '../../../src/app/lib/engine-port.ts';
import { ProjectLoader } from '../../../src/app/state/project-loader.ts';
import { continuedTitle } from '../../../src/app/state/variation-accept.ts';
import { createEmptySong } from '../../../src/core/music/song.ts';

/** A WAV of `frames` 16-bit mono samples at 44.1 kHz (44 bytes of header when frames = 0). */
function wav(frames: number): Uint8Array {
  const bytes = new Uint8Array(44 + frames * 2);
  const view = new DataView(bytes.buffer);
  const tag = (at: number, text: string): void => [...text].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  tag(0, 'RIFF');
  view.setUint32(4, 36 + frames * 2, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 44100, true);
  view.setUint32(28, 88200, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, frames * 2, true);
  return bytes;
}

describe('reading an imported file', () => {
  it('refuses a 44-byte WAV (a header, no samples) with one line naming the file', () => {
    expect(wav(0).length).toBe(44);
    expect(() => readImportedWav(wav(0), 'empty.wav')).toThrow('the WAV holds no audio (a header with no samples)');
    try {
      readImportedWav(wav(0), 'empty.wav');
    } catch (error) {
      expect((error as { toLine(): string }).toLine()).toBe('empty.wav: the WAV holds no audio (a header with no samples)');
    }
    expect(readImportedWav(wav(10), 'ok.wav').channels[0].length).toBe(10);
  });

  it('names the file when a MIDI or WAV cannot be read', () => {
    expect(() => readImportedMidi(new Uint8Array([1, 2, 3]), 'bad.mid')).toThrow();
    try {
      readImportedWav(new Uint8Array([1, 2, 3]), 'bad.wav');
    } catch (error) {
      expect((error as { toLine(): string }).toLine()).toMatch(/^bad\.wav: /);
    }
  });
});

describe('export names after a continuation is accepted', () => {
  it('names the file after the continuation, replacing an earlier one', () => {
    const provenance = (variation: number) => ({ generator: 'Alea continue', params: { variation } });
    expect(continuedTitle('folk.mid', provenance(2))).toBe('folk-continue-2.mid');
    expect(continuedTitle('folk-continue-2.mid', provenance(1))).toBe('folk-continue-1.mid');
    expect(continuedTitle('take.wav', { generator: 'x' })).toBe('take-continued.mid');
  });
});

describe('UndoStack.drop', () => {
  it('forgets the last change without making it redoable', () => {
    const stack = new UndoStack<number>();
    stack.record(0, 'a');
    stack.record(1, 'b');
    expect(stack.drop()?.label).toBe('b');
    expect(stack.canRedo).toBe(false);
    expect(stack.undoLabel).toBe('a');
  });

  it('property: undo then redo gives the state back, and any undo/redo walk matches a list model', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('undo'), fc.constant('redo'), fc.integer({ min: 0, max: 99 })), { maxLength: 40 }), (ops) => {
        const stack = new UndoStack<number>(1000);
        let state = -1;
        const history: number[] = [];
        const future: number[] = [];
        for (const op of ops) {
          if (op === 'undo') {
            const step = stack.undo(state);
            const expected = history.pop();
            expect(step?.state).toBe(expected);
            if (step !== null && expected !== undefined) {
              future.push(state);
              // redo right away returns where we were, then undo again
              expect(stack.redo(step.state)?.state).toBe(state);
              expect(stack.undo(state)?.state).toBe(step.state);
              state = step.state;
            }
          } else if (op === 'redo') {
            const step = stack.redo(state);
            const expected = future.pop();
            expect(step?.state).toBe(expected);
            if (step !== null && expected !== undefined) {
              history.push(state);
              state = step.state;
            }
          } else {
            stack.record(state, `set ${op}`);
            history.push(state);
            future.length = 0;
            state = op;
          }
        }
      }),
    );
  });
});

describe('ProjectLoader', () => {
  function fakeEngine(log: string[]): { engine: EnginePort; finish: () => void } {
    let release: () => void = () => undefined;
    const engine = {
      load: (project: WorkstationProject) =>
        new Promise<string[]>((resolve) => {
          log.push(project.song.name);
          release = () => resolve([project.song.name]);
        }),
    } as unknown as EnginePort;
    return { engine, finish: () => release() };
  }
  const project = (name: string): WorkstationProject => ({ song: createEmptySong(name), midiStrips: [], clips: [] });

  it('loads only the latest of the requests made in one task, or while a load runs, each in a later task', async () => {
    const log: string[] = [];
    const { engine, finish } = fakeEngine(log);
    const loader = new ProjectLoader(engine);
    const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
    const first = loader.request(project('a'));
    const second = loader.request(project('b'));
    expect(await first).toBeNull(); // superseded before its load started
    expect(log).toEqual([]); // the load starts in a task after the edit's
    await tick();
    const third = loader.request(project('c'));
    const fourth = loader.request(project('d'));
    finish();
    expect(await second).toEqual(['b']);
    expect(await third).toBeNull(); // superseded by d while b loaded
    await tick();
    finish();
    expect(await fourth).toEqual(['d']);
    expect(log).toEqual(['b', 'd']);
  });
});
