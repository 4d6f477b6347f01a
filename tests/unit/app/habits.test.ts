import { describe, expect, it } from 'vitest';
import { TempoMap } from '../../../src/core/music/tempo-map.ts';
import { clickTimes, countInClicks } from '../../../src/engine/metronome-clicks.ts';
import { HeldKeys, pianoKey } from '../../../src/app/lib/computer-keyboard.ts';
import { parseMidiMessage, connectMidi } from '../../../src/app/lib/midi-input.ts';
import { mergeTake, TakeRecorder, takeToNotes } from '../../../src/app/lib/recording-take.ts';

const page = { textField: false, ownsArrows: false };
const key = (code: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: '', code, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const map = (bpm: number, numerator = 4) => new TempoMap(480, [{ tick: 0, bpm }], [{ tick: 0, numerator, denominator: 4 }]);

describe('computer keyboard piano', () => {
  it('plays A W S E D F T G Y H U J K as C..C of the octave, Z/X move the octave', () => {
    const row = ['KeyA', 'KeyW', 'KeyS', 'KeyE', 'KeyD', 'KeyF', 'KeyT', 'KeyG', 'KeyY', 'KeyH', 'KeyU', 'KeyJ', 'KeyK'];
    expect(row.map((code) => pianoKey(key(code), page, 4))).toEqual(row.map((_, i) => ({ kind: 'note', pitch: 60 + i })));
    expect(pianoKey(key('KeyA'), page, 3)).toEqual({ kind: 'note', pitch: 48 });
    expect(pianoKey(key('KeyZ'), page, 4)).toEqual({ kind: 'octave', octave: 3 });
    expect(pianoKey(key('KeyX'), page, 4)).toEqual({ kind: 'octave', octave: 5 });
    expect(pianoKey(key('KeyX'), page, 8)).toEqual({ kind: 'octave', octave: 8 });
  });

  it('leaves shortcuts, text fields and other keys alone', () => {
    expect(pianoKey(key('KeyZ', { ctrlKey: true }), page, 4)).toBeNull(); // undo
    expect(pianoKey(key('KeyS', { metaKey: true }), page, 4)).toBeNull(); // save
    expect(pianoKey(key('KeyA', { altKey: true }), page, 4)).toBeNull();
    expect(pianoKey(key('KeyA'), { textField: true, ownsArrows: true }, 4)).toBeNull();
    expect(pianoKey(key('Space'), page, 4)).toBeNull();
    expect(pianoKey(key('KeyL'), page, 4)).toBeNull(); // loop
    expect(pianoKey(key('KeyQ'), page, 4)).toBeNull(); // quantize
  });

  it('ignores auto-repeat and releases the pitch a key pressed, even after an octave change', () => {
    const held = new HeldKeys();
    expect(held.press('KeyA', 60)).toBe(true);
    expect(held.press('KeyA', 60)).toBe(false);
    expect(held.release('KeyA')).toBe(60);
    expect(held.release('KeyA')).toBeNull();
    held.press('KeyS', 62);
    held.press('KeyD', 64);
    expect(held.releaseAll().sort()).toEqual([62, 64]);
  });
});

describe('MIDI input', () => {
  it('reads note-ons and note-offs on any channel (note-on at velocity 0 is a note-off)', () => {
    expect(parseMidiMessage([0x90, 60, 100])).toEqual({ kind: 'on', pitch: 60, velocity: 100 });
    expect(parseMidiMessage([0x93, 61, 1])).toEqual({ kind: 'on', pitch: 61, velocity: 1 });
    expect(parseMidiMessage([0x90, 60, 0])).toEqual({ kind: 'off', pitch: 60 });
    expect(parseMidiMessage([0x8f, 60, 64])).toEqual({ kind: 'off', pitch: 60 });
    expect(parseMidiMessage([0xb0, 64, 127])).toBeNull(); // sustain pedal
    expect(parseMidiMessage([0xf8])).toBeNull(); // clock
  });

  it('says why in words where the browser has no Web MIDI', async () => {
    const result = await connectMidi(() => {}, {} as Navigator);
    expect(result).toMatch(/no Web MIDI.*computer keyboard/);
  });
});

describe('recording', () => {
  it('turns transport seconds into ticks through the tempo map', () => {
    const take = new TakeRecorder();
    take.noteOn(60, 100, 0.5); // 120 bpm: a beat is 0.5 s = 480 ticks
    take.noteOff(60, 1.0);
    take.noteOn(64, 80, 1.25);
    const notes = takeToNotes(take.finish(2), map(120), 480, null);
    expect(notes).toEqual([
      { pitch: 60, velocity: 100, startTick: 480, endTick: 960 },
      { pitch: 64, velocity: 80, startTick: 1200, endTick: 1920 }, // still held: ends where recording stopped
    ]);
    // at 60 bpm the same seconds are half the ticks
    expect(takeToNotes([{ pitch: 60, velocity: 100, startSeconds: 0.5, endSeconds: 1 }], map(60), 480, null)[0]).toMatchObject({ startTick: 240, endTick: 480 });
  });

  it('quantizes to the chosen grid when asked, and never makes a zero-length note', () => {
    const played = [{ pitch: 62, velocity: 90, startSeconds: 0.52, endSeconds: 0.52 }];
    expect(takeToNotes(played, map(120), 480, null)[0]).toMatchObject({ startTick: 499, endTick: 500 });
    expect(takeToNotes(played, map(120), 480, 4)[0]).toMatchObject({ startTick: 480, endTick: 600 });
  });

  it('a repeated note-on ends the note before it; velocity is kept in 1..127', () => {
    const take = new TakeRecorder();
    take.noteOn(60, 200, 0);
    take.noteOn(60, 0, 1);
    take.noteOff(60, 1.5);
    expect(take.finish(3)).toEqual([
      { pitch: 60, velocity: 127, startSeconds: 0, endSeconds: 1 },
      { pitch: 60, velocity: 1, startSeconds: 1, endSeconds: 1.5 },
    ]);
  });

  it('adds the take to the track without erasing its notes', () => {
    const existing = [{ pitch: 60, velocity: 90, startTick: 0, endTick: 480 }];
    const take = [{ pitch: 67, velocity: 90, startTick: 240, endTick: 480 }];
    expect(mergeTake(existing, take)).toEqual([...existing, ...take]);
  });
});

describe('metronome', () => {
  it('clicks every beat and accents bar lines, following the meter', () => {
    const clicks = clickTimes(map(120, 3), 3);
    expect(clicks.map((c) => c.seconds)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(clicks.map((c) => c.accent)).toEqual([true, false, false, true, false, false]);
  });

  it('follows a tempo change', () => {
    const changing = new TempoMap(480, [{ tick: 0, bpm: 120 }, { tick: 1920, bpm: 60 }], [{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(clickTimes(changing, 4).map((c) => c.seconds)).toEqual([0, 0.5, 1, 1.5, 2, 3]);
  });

  it('counts in one bar of the song start', () => {
    expect(countInClicks(map(120, 3))).toEqual([
      { seconds: 0, accent: true },
      { seconds: 0.5, accent: false },
      { seconds: 1, accent: false },
    ]);
  });
});
