/**
 * Playing and recording notes: the computer keyboard and MIDI inputs play the armed track (else
 * the selected one) on its own instrument; Record counts in a bar (metronome), plays the
 * transport and records every note into that track, optionally quantized, as one undo step.
 */
import { TempoMap } from '../../core/music/tempo-map.ts';
import { coverNotes } from '../../engine/index.ts';
import { pianoKey } from '../lib/computer-keyboard.ts';
import type { EnginePort } from '../lib/engine-port.ts';
import { keyTargetOf } from '../lib/key-commands.ts';
import { LiveNotes } from '../lib/live-notes.ts';
import { connectMidi, type MidiConnection, type MidiNoteMessage } from '../lib/midi-input.ts';
import { mergeTake, TakeRecorder, takeToNotes } from '../lib/recording-take.ts';
import { replaceRows, rowOf, rowWithLane } from './clip-actions.ts';
import type { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

export class Recording {
  /** the computer keyboard plays notes */
  keysOn = $state(true);
  octave = $state(4);
  metronome = $state(false);
  countIn = $state(true);
  /** record onto this grid (steps per quarter note), null: as played */
  quantize = $state<number | null>(4);
  /** the track notes go to (null: the selected MIDI track) */
  armedId = $state<number | null>(null);
  recording = $state(false);
  /** what MIDI input is doing, in words ('' before it is asked for) */
  midiStatus = $state('');
  /** notes played so far (the status line shows it; tests read it) */
  played = $state(0);

  private readonly ws: Workstation;
  private readonly engine: EnginePort;
  /** notes sounding while their keys are down, and the take */
  private readonly live: LiveNotes;
  private takeRowId: number | null = null;
  private midi: MidiConnection | null = null;

  /** the id of the track live notes go to: when it changes, notes held on the old one end */
  readonly targetId = $derived(this.target()?.id ?? null);

  constructor(workstation: Workstation, engine: EnginePort) {
    this.ws = workstation;
    this.engine = engine;
    this.live = new LiveNotes({
      noteOn: (index, pitch, velocity) => engine.noteOn(index, pitch, velocity),
      noteOff: (index, pitch) => engine.noteOff(index, pitch),
      positionSeconds: () => engine.positionSeconds(),
    });
  }

  /** The MIDI row notes go to: the armed one, else the piano roll's. */
  target(): TrackState | null {
    const armed = this.ws.tracks.find((t) => t.id === this.armedId && t.midi !== null);
    return armed ?? this.ws.editedTrack;
  }

  arm(rowId: number): void {
    this.armedId = this.armedId === rowId ? null : rowId;
  }

  toggleMetronome(): void {
    this.metronome = !this.metronome;
    this.ws.unlockAudio();
    this.engine.setMetronome?.(this.metronome);
  }

  /** The MIDI track index live notes sound on now, or null (no track, or a preview plays). */
  private liveIndex(): number | null {
    const row = this.target();
    if (row === null || this.ws.preview !== null) return null;
    const index = this.ws.midiIndex(row);
    return index < 0 ? null : index;
  }

  /** A MIDI note-on (velocity 1..127): sounds on the target track until its note-off. */
  noteOn(pitch: number, velocity: number): void {
    const index = this.liveIndex();
    if (index === null) return;
    this.ws.unlockAudio();
    this.played++;
    this.live.noteOn(index, pitch, velocity);
  }

  noteOff(pitch: number): void {
    this.live.noteOff(pitch);
  }

  /** The window's keydown: true when the piano took the key. */
  keydown(event: KeyboardEvent): boolean {
    if (!this.keysOn || event.defaultPrevented) return false;
    const key = pianoKey(event, keyTargetOf(event.target instanceof Element ? event.target : null), this.octave);
    if (key === null) return false;
    event.preventDefault();
    if (key.kind === 'octave') {
      this.octave = key.octave;
      return true;
    }
    const index = this.liveIndex();
    if (index === null) return true;
    this.ws.unlockAudio();
    if (this.live.keyDown(event.code, index, key.pitch, 96)) this.played++;
    return true;
  }

  keyup(event: KeyboardEvent): void {
    this.live.keyUp(event.code);
  }

  /** The window lost focus: keys still down will never come up. */
  releaseKeys(): void {
    this.live.releaseAll();
  }

  /** Ends the notes held now (the transport stopped, the track or its instrument changed): none stays stuck. */
  silence(): void {
    this.live.silence();
  }

  /** Listens to MIDI inputs (asks the browser once); says what happened in `midiStatus`. */
  async connectMidi(): Promise<void> {
    if (this.midi !== null) return;
    const result = await connectMidi((message: MidiNoteMessage) => (message.kind === 'on' ? this.noteOn(message.pitch, message.velocity) : this.noteOff(message.pitch)));
    if (typeof result === 'string') {
      this.midiStatus = result;
      this.ws.messages.info(result);
      return;
    }
    this.midi = result;
    this.midiStatus = `MIDI: ${result.inputs.join(', ')}`;
  }

  /** Starts recording into the target track: count-in (when on), then the transport plays and notes are kept. */
  async record(): Promise<void> {
    if (this.recording) return;
    const row = this.target();
    if (row === null) {
      this.ws.messages.error('Add or select a MIDI track to record into (a track’s ● button arms it).');
      return;
    }
    this.ws.unlockAudio();
    this.ws.transport.stop();
    this.takeRowId = row.id;
    this.recording = true;
    if (this.countIn) await this.engine.countIn?.();
    if (!this.recording) return; // stopped during the count-in
    this.live.take = new TakeRecorder();
    this.ws.transport.openEnded = true;
    await this.ws.transport.play();
  }

  /** Stops the transport and puts the take on its track (one undo step). */
  async stop(): Promise<void> {
    if (!this.recording) return;
    const take = this.live.take;
    const end = this.engine.positionSeconds();
    this.recording = false;
    this.live.take = null;
    this.ws.transport.openEnded = false;
    if (this.ws.transport.playing) this.ws.transport.stop();
    const rowId = this.takeRowId;
    if (take === null || rowId === null) return;
    const held = take.finish(end);
    if (held.length === 0) {
      this.ws.messages.info('Nothing was recorded');
      return;
    }
    const grid = this.quantize;
    await this.ws.edit(`Record ${held.length} note${held.length === 1 ? '' : 's'}`, (s) => {
      const target = rowOf(s, rowId);
      if (target.midi === null) throw new Error('notes are recorded on MIDI tracks');
      const map = TempoMap.fromSong(s.song);
      const notes = mergeTake(target.midi.notes, takeToNotes(held, map, s.song.ppq, grid));
      return replaceRows(s, rowWithLane(target, { notes, clips: coverNotes({ notes, clips: target.clips }, map) }));
    });
  }

  dispose(): void {
    this.midi?.close();
    this.midi = null;
    this.engine.setMetronome?.(false);
  }
}
