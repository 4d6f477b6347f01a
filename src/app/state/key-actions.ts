/**
 * What the workstation's keys do (key-commands.ts says which key is which command): each command
 * acts on the part the user worked in last — the selected notes in the piano roll, or the
 * selected clip in the arrangement — or on the transport.
 */
import { keyCommand, keyTargetOf, type KeyCommand } from '../lib/key-commands.ts';
import type { Workstation } from './workstation.svelte.ts';

/** Runs `command`; returns whether it did something (the key's default action is then prevented). */
export function runKeyCommand(ws: Workstation, command: KeyCommand): boolean {
  const { selection, transport } = ws;
  const row = ws.editedTrack;
  const notes = selection.area === 'notes' && row !== null ? selection.notes : [];
  const clip = selection.area === 'clips' ? ws.clipEdits.selected() : null;
  switch (command.kind) {
    case 'play-stop':
      if (transport.active) transport.stop(); // also while playback waits for a load to land
      else void transport.play();
      return true;
    case 'undo':
      void ws.undo();
      return true;
    case 'redo':
      void ws.redo();
      return true;
    case 'loop':
      transport.toggleLoop();
      return true;
    case 'go': {
      const seconds = command.to === 'start' ? 0 : ws.durationSeconds;
      transport.seek(seconds);
      ws.view.reveal(ws.tempoMap.secondsToTick(seconds) * ws.view.pxPerTick(ws.shownSong.ppq));
      return true;
    }
    case 'deselect':
      selection.selectNotes([]);
      selection.selectClip(null);
      return true;
    case 'select-all':
      if (row?.midi == null) return false;
      selection.selectNotes(row.midi.notes.map((_, i) => i));
      return true;
    case 'split':
      void ws.clipEdits.splitAtPlayhead();
      return clip !== null;
    case 'quantize':
      if (row === null || notes.length === 0) return false;
      void ws.noteEdits.quantize(row.id, notes, ws.roll.stepsPerQuarter);
      return true;
    case 'delete':
      if (row !== null && notes.length > 0) void ws.noteEdits.remove(row.id, notes);
      else if (clip !== null) void ws.clipEdits.remove(clip.row.id, clip.index);
      else return false;
      return true;
    case 'duplicate':
      if (row !== null && notes.length > 0) void ws.noteEdits.duplicate(row.id, notes);
      else if (clip !== null) void ws.clipEdits.duplicate(clip.row.id, clip.index);
      else return false;
      return true;
    case 'nudge':
      return nudge(ws, command, notes, clip !== null);
  }
}

function nudge(ws: Workstation, command: Extract<KeyCommand, { kind: 'nudge' }>, notes: readonly number[], hasClip: boolean): boolean {
  const { direction, large } = command;
  const map = ws.tempoMap;
  const here = map.secondsToTick(ws.transport.seconds);
  const bar = map.ticksPerBarAt(here);
  const row = ws.editedTrack;
  if (row !== null && notes.length > 0) {
    if (command.axis === 'pitch') void ws.noteEdits.move(row.id, notes, 0, direction * (large ? 12 : 1));
    else void ws.noteEdits.move(row.id, notes, direction * (large ? bar : ws.roll.stepTicks(ws.song.ppq)), 0);
    return true;
  }
  if (hasClip && command.axis === 'time') {
    void ws.clipEdits.nudgeSelected(direction * (large ? bar : map.ticksPerBeatAt(here)));
    return true;
  }
  if (command.axis === 'time') {
    // nothing selected: the playhead moves by a bar
    const bars = map.barIndexAt(here) + (direction > 0 ? 1 : here > map.barStartTick(map.barIndexAt(here)) ? 0 : -1);
    ws.transport.seek(map.tickToSeconds(map.barStartTick(Math.max(0, bars))));
    return true;
  }
  return false;
}

/** The window's keydown: the workstation's keys wherever focus is, text fields excepted. */
export function handleWorkstationKey(event: KeyboardEvent, ws: Workstation): void {
  const target = keyTargetOf(event.target instanceof Element ? event.target : null);
  const command = keyCommand(event, target);
  if (command === null) return;
  if (command.kind === 'play-stop') ws.unlockAudio(); // says why when audio cannot start
  if (runKeyCommand(ws, command)) event.preventDefault();
}

/**
 * The window's keyup: a focused button would take Space's keyup as a click (after clicking M,
 * Space would toggle mute); Space is play/stop there, so the keyup goes nowhere.
 */
export function swallowSpaceKeyup(event: KeyboardEvent): void {
  if (event.code !== 'Space') return;
  const target = keyTargetOf(event.target instanceof Element ? event.target : null);
  if (!target.textField) event.preventDefault();
}
