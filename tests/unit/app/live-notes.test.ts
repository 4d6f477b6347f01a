// Notes played live (computer keyboard, MIDI input) sound from note-on to note-off, through a
// fake engine port with a clock the test moves.
import { describe, expect, it } from 'vitest';
import { LiveNotes, type LiveOutput } from '../../../src/app/lib/live-notes.ts';
import { TakeRecorder } from '../../../src/app/lib/recording-take.ts';

interface Sent {
  kind: 'on' | 'off';
  track: number;
  pitch: number;
  at: number;
  velocity?: number;
}

function fakePort(): { port: LiveOutput; sent: Sent[]; clock: { now: number } } {
  const sent: Sent[] = [];
  const clock = { now: 0 };
  const port: LiveOutput = {
    noteOn: (track, pitch, velocity) => void sent.push({ kind: 'on', track, pitch, at: clock.now, velocity }),
    noteOff: (track, pitch) => void sent.push({ kind: 'off', track, pitch, at: clock.now }),
    positionSeconds: () => clock.now,
  };
  return { port, sent, clock };
}

/** How long each pitch sounded, from the port's note-ons and note-offs. */
function heldSeconds(sent: Sent[]): Map<number, number> {
  const started = new Map<number, number>();
  const held = new Map<number, number>();
  for (const s of sent) {
    if (s.kind === 'on') started.set(s.pitch, s.at);
    else held.set(s.pitch, s.at - (started.get(s.pitch) ?? Number.NaN));
  }
  return held;
}

describe('live notes from the computer keyboard', () => {
  it('a held key sounds from keydown to keyup: note-on, then note-off after the time held', () => {
    const { port, sent, clock } = fakePort();
    const live = new LiveNotes(port);
    clock.now = 1;
    expect(live.keyDown('KeyA', 0, 60, 96)).toBe(true);
    expect(sent).toEqual([{ kind: 'on', track: 0, pitch: 60, at: 1, velocity: 96 / 127 }]);
    expect(live.count).toBe(1);
    clock.now = 2.5;
    live.keyUp('KeyA');
    expect(sent[1]).toEqual({ kind: 'off', track: 0, pitch: 60, at: 2.5 });
    expect(heldSeconds(sent).get(60)).toBe(1.5);
    expect(live.count).toBe(0);
  });

  it("a held key's auto-repeat starts nothing new and ends nothing", () => {
    const { port, sent, clock } = fakePort();
    const live = new LiveNotes(port);
    live.keyDown('KeyD', 0, 64, 96);
    for (let i = 1; i <= 10; i++) {
      clock.now = i * 0.05;
      expect(live.keyDown('KeyD', 0, 64, 96)).toBe(false);
    }
    expect(sent.map((s) => s.kind)).toEqual(['on']);
    clock.now = 0.9;
    live.keyUp('KeyD');
    expect(sent.map((s) => s.kind)).toEqual(['on', 'off']);
    expect(heldSeconds(sent).get(64)).toBe(0.9);
  });

  it('the window losing focus ends every held note, each on its own track; their keyups later do nothing', () => {
    const { port, sent } = fakePort();
    const live = new LiveNotes(port);
    live.keyDown('KeyA', 0, 60, 96);
    live.keyDown('KeyS', 2, 62, 96); // the target track changed between the two keys
    live.noteOn(1, 70, 100); // a MIDI keyboard's note
    live.releaseAll();
    expect(live.count).toBe(0);
    const offs = sent.filter((s) => s.kind === 'off').map((s) => [s.track, s.pitch]);
    expect(offs.sort()).toEqual([
      [0, 60],
      [1, 70],
      [2, 62],
    ]);
    live.keyUp('KeyA');
    live.keyUp('KeyS');
    expect(sent.filter((s) => s.kind === 'off')).toHaveLength(3);
    // after the blur a key is up: pressing it again plays again
    expect(live.keyDown('KeyA', 0, 60, 96)).toBe(true);
  });

  it('silencing (stop, another track or instrument) ends the notes but keeps held keys from retriggering', () => {
    const { port, sent } = fakePort();
    const live = new LiveNotes(port);
    live.keyDown('KeyA', 0, 60, 96);
    live.silence();
    expect(sent.map((s) => s.kind)).toEqual(['on', 'off']);
    expect(live.keyDown('KeyA', 1, 60, 96)).toBe(false); // auto-repeat of the key still down
    live.keyUp('KeyA');
    expect(sent).toHaveLength(2);
  });

  it('a note-off goes to the track its note-on went to, even after the target changed', () => {
    const { port, sent } = fakePort();
    const live = new LiveNotes(port);
    live.keyDown('KeyA', 3, 60, 96);
    live.keyUp('KeyA');
    expect(sent.map((s) => s.track)).toEqual([3, 3]);
  });
});

describe('live notes from MIDI input', () => {
  it('note-on sounds until its note-off; the same pitch again ends the note before it', () => {
    const { port, sent, clock } = fakePort();
    const live = new LiveNotes(port);
    live.noteOn(0, 60, 127);
    clock.now = 0.5;
    live.noteOn(0, 60, 64);
    clock.now = 0.75;
    live.noteOff(60);
    expect(sent.map((s) => `${s.kind} ${s.at}`)).toEqual(['on 0', 'off 0.5', 'on 0.5', 'off 0.75']);
    expect(sent[2].velocity).toBeCloseTo(64 / 127);
    live.noteOff(60); // a stray note-off
    expect(sent).toHaveLength(4);
  });
});

describe('recording live notes', () => {
  it('the take keeps each note as long as its key was held', () => {
    const { port, clock } = fakePort();
    const live = new LiveNotes(port);
    live.take = new TakeRecorder();
    clock.now = 0.25;
    live.keyDown('KeyA', 0, 60, 96);
    clock.now = 0.5;
    live.keyDown('KeyA', 0, 60, 96); // auto-repeat
    clock.now = 1.25;
    live.keyUp('KeyA');
    expect(live.take.finish(2)).toEqual([{ pitch: 60, velocity: 96, startSeconds: 0.25, endSeconds: 1.25 }]);
  });
});
