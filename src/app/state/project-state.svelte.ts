import type { Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import { EMPTY_RACK } from '../../engine/edit/rack-edits.ts';
import type { VariationNotes } from '../lib/continuation.ts';
import type { ClipBlend, EnginePort, WorkstationProject } from '../lib/engine-port.ts';
import { TempoMap } from '../lib/io.ts';
import { UndoStack } from '../lib/undo-stack.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import { EditSelection } from './edit-selection.svelte.ts';
import { travelInstrument, withInstrument } from './instrument-step.ts';
import { BusyState, StatusMessages } from './messages.svelte.ts';
import { takeSnapshot, type ProjectSnapshot } from './project-history.ts';
import { ProjectLoader } from './project-loader.ts';
import { audioEndSeconds, emptySong, instrumentState, lastNoteEnd, placementsOf } from './project-rows.ts';
import { TimelineView } from './timeline-view.svelte.ts';
import { DEFAULT_STRIP, type StripSettings, type TrackState } from './track-state.svelte.ts';
import { TransportState } from './transport.svelte.ts';

/** A song heard and shown in place of the project's (a Continue variation), not yet accepted. */
export interface SongPreview {
  song: Song;
  /** the preview's notes, each track split into the project's and the new ones */
  notes: VariationNotes;
  /** where the new material begins */
  fromTick: number;
  /** for each preview track, the project row whose colour and mixer settings it borrows */
  owners: (TrackState | null)[];
}

/**
 * The project's state and its history: the song, the track rows, what the engine plays, and
 * how a change becomes one undoable step (`edit`, `apply`, undo/redo). The Workstation builds on
 * it with what the user does (import, preview, accept, export).
 */
export class ProjectState {
  readonly messages = new StatusMessages();
  readonly busy = new BusyState();
  readonly view = new TimelineView();
  readonly selection = new EditSelection();
  readonly transport: TransportState;

  song = $state.raw<Song>(emptySong());
  /** the name exports are based on */
  title = $state('Untitled');
  /** in display order; the MIDI rows' tracks are the song's tracks, in the same order */
  tracks = $state<TrackState[]>([]);
  /** how the song was made when a generator wrote it; exports carry it */
  provenance = $state.raw<Provenance | null>(null);
  preview = $state.raw<SongPreview | null>(null);
  /** the change Undo / Redo would take back or make again, null when there is none */
  undoLabel = $state<string | null>(null);
  redoLabel = $state<string | null>(null);
  /** instruments put on MIDI tracks by a panel (Latent Synth), by track id, with the voice built for each */
  trackInstruments = $state.raw<ReadonlyMap<number, BuiltVoice>>(new Map());
  /** Remix rows' live mix (the original, the remix's share, A/B), by row id; kept through undo, like the mixer */
  trackBlends = $state.raw<ReadonlyMap<number, ClipBlend>>(new Map());

  /** what plays and what the editors show: the preview if there is one, else the song */
  readonly shownSong = $derived(this.preview?.song ?? this.song);
  readonly tempoMap = $derived(TempoMap.fromSong(this.shownSong));
  readonly noteCount = $derived(this.song.tracks.reduce((sum, track) => sum + track.notes.length, 0));
  readonly endTick = $derived(lastNoteEnd(this.shownSong));
  /** length of the project: the last note's end or the last audio clip's, whichever is later */
  readonly durationSeconds = $derived(Math.max(this.tempoMap.tickToSeconds(this.endTick), audioEndSeconds(this.tracks)));
  readonly anySolo = $derived(this.tracks.some((t) => t.soloed));
  readonly isEmpty = $derived(this.tracks.length === 0);
  /** the MIDI row the piano roll edits: the selected track, else the first MIDI row */
  readonly editedTrack = $derived(this.tracks.find((t) => t.id === this.selection.trackId && t.midi !== null) ?? this.tracks.find((t) => t.midi !== null) ?? null);
  /** the audio row the clip editor shows in place of the piano roll: the selected track when it is an audio row */
  readonly editedAudioTrack = $derived(this.tracks.find((t) => t.id === this.selection.trackId && t.audio !== null) ?? null);

  protected readonly engine: EnginePort;
  protected readonly loader: ProjectLoader;
  protected readonly history = new UndoStack<ProjectSnapshot>(100);
  protected nextTrackId = 1;
  /** edits run one after another, each on the project the previous one left */
  private queue: Promise<unknown> = Promise.resolve();
  /** counts projects shown, so a late engine refusal only rolls back the latest */
  private shownCount = 0;

  constructor(engine: EnginePort) {
    this.engine = engine;
    this.transport = new TransportState(engine, () => this.durationSeconds);
    this.loader = new ProjectLoader(engine);
  }

  async endPreview(): Promise<void> {
    if (this.preview === null) return;
    this.transport.rewind();
    this.preview = null;
    const labels = await this.loader.request(this.project());
    if (labels !== null) this.setInstrumentLabels(this.snapshot(), labels); // a voice may have come during it
  }

  /**
   * One edit as one undoable step named `label`: `change` gets the project as it is (after any
   * edit still running) and returns the next one, built with the engine's edit functions. The
   * project shows at once and playback carries on. A change that throws (a value refused) or that
   * the engine refuses leaves the project as it was and reports one line. Resolves to whether the
   * edit was made. Edits with the same `mergeKey` in quick succession are one undo step.
   */
  edit(label: string, change: (current: ProjectSnapshot) => ProjectSnapshot, mergeKey?: string): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.preview !== null) await this.endPreview();
      const before = this.snapshot();
      let next: ProjectSnapshot;
      try {
        next = change(before);
      } catch (error) {
        this.messages.error(error);
        return false;
      }
      this.remember(before, label, mergeKey);
      this.show(next, before);
      return true;
    });
  }

  /**
   * Plays MIDI row `trackId` with `built` (null: its GM program's default) as one undoable step
   * named `label` (a choice in the instrument picker or rack); playback carries on. Choosing the
   * instrument the row plays already is no step; choices with the same `mergeKey` in quick
   * succession (one knob of the instrument, nudged) are one.
   */
  protected chooseInstrument(trackId: number, built: BuiltVoice | null, label: string, mergeKey?: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.preview !== null) await this.endPreview();
      const previous = this.trackInstruments.get(trackId) ?? null;
      if (previous === built) return;
      const stepped = this.remember({ ...this.snapshot(), instrument: { trackId, built: previous } }, label, mergeKey);
      try {
        await this.reload(() => this.putInstrument(trackId, built));
      } catch (error) {
        // refused: the row plays what it did, and there is nothing new to undo (a joined step stays)
        if (stepped) this.history.drop();
        this.refreshHistory();
        throw error;
      }
    });
  }

  /** Puts `built` on row `trackId` now; returns what puts the instruments back. */
  protected putInstrument(trackId: number, built: BuiltVoice | null): () => void {
    const previous = this.trackInstruments;
    this.trackInstruments = withInstrument(previous, trackId, built);
    return () => (this.trackInstruments = previous);
  }

  /** A new row id (rows keep theirs through every edit). */
  newTrackId(): number {
    return this.nextTrackId++;
  }

  async undo(): Promise<void> {
    await this.enqueue(() => this.travel('undo'));
  }

  async redo(): Promise<void> {
    await this.enqueue(() => this.travel('redo'));
  }

  protected enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Loads a project state into the engine, then shows it: a refused load changes nothing (the
   * engine gets the project back as it was). For imports and generated material.
   */
  protected async apply(next: ProjectSnapshot): Promise<void> {
    this.transport.rewind();
    const current = this.snapshot();
    try {
      const labels = await this.loader.request(this.projectOfSnapshot(next));
      this.showState(next, labels);
    } catch (error) {
      await this.loader.request(this.projectOfSnapshot(current)).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Loads the project as it is into the engine again (a track's instrument changed, an imported
   * MIDI's GM voices arrived): playback carries on from where it was, a stopped transport stays
   * where it is. A refused load puts the project from before `change` back into the engine.
   */
  protected async reload(change: () => () => void): Promise<void> {
    const undo = change();
    // an audition plays another song: the project loads with the change when it ends
    if (this.preview !== null) return;
    const next = this.snapshot();
    try {
      const labels = await this.transport.reloading(() => this.loader.request(this.projectOfSnapshot(next)));
      if (labels !== null) this.setInstrumentLabels(next, labels);
    } catch (error) {
      undo();
      await this.loader.request(this.projectOfSnapshot(this.snapshot())).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Shows `next` at once and has the engine play it (playback carries on from where it was;
   * quick edits in a row load once). When the engine refuses it, `fallback` comes back (unless a
   * later edit is shown already), the history step is dropped and the reason shown.
   */
  private show(next: ProjectSnapshot, fallback: ProjectSnapshot): void {
    this.showState(next, null);
    const shown = ++this.shownCount;
    this.transport
      .reloading(() => this.loader.request(this.projectOfSnapshot(next)))
      .then(
        (labels) => labels !== null && this.setInstrumentLabels(next, labels),
        (error: unknown) => {
          this.messages.error(error);
          if (shown !== this.shownCount) return;
          this.history.drop();
          this.refreshHistory();
          this.showState(fallback, null);
          this.loader.request(this.projectOfSnapshot(fallback)).catch(() => undefined);
        },
      );
  }

  private showState(next: ProjectSnapshot, labels: string[] | null): void {
    next.tracks.forEach((track, i) => track.setStrip(next.strips[i]));
    if (labels !== null) this.setInstrumentLabels(next, labels);
    this.preview = null;
    this.song = next.song;
    this.title = next.title;
    this.provenance = next.provenance;
    this.tracks = next.tracks;
    this.selection.keepValid(next.tracks);
  }

  private setInstrumentLabels(next: ProjectSnapshot, labels: string[]): void {
    next.tracks.filter((t) => t.midi !== null).forEach((track, i) => (track.instrument = labels[i] ?? track.instrument));
  }

  private async travel(direction: 'undo' | 'redo'): Promise<void> {
    if (this.preview !== null) await this.endPreview();
    const current = this.snapshot();
    const target = direction === 'undo' ? this.history.undo(current) : this.history.redo(current);
    if (target === null) return;
    const change = target.state.instrument;
    if (change !== undefined) {
      // a choice of instrument: its row plays the one from then, and `current` (the step the
      // other direction takes, already on the stack) puts back the one it plays now
      const { instruments, back } = travelInstrument(this.trackInstruments, change);
      current.instrument = back;
      this.trackInstruments = instruments;
    }
    // The mixer is not part of the history: a track that is still there keeps its settings as they are now.
    const live = new Map(this.tracks.map((t) => [t.id, t.strip]));
    const strips = target.state.tracks.map((t, i) => live.get(t.id) ?? target.state.strips[i]);
    this.refreshHistory();
    this.show({ ...target.state, strips }, current);
    this.messages.info(`${direction === 'undo' ? 'Undid' : 'Redid'}: ${target.label}`);
  }

  protected snapshot(): ProjectSnapshot {
    return takeSnapshot(this.song, this.title, this.provenance, this.tracks);
  }

  /** Records the step leading away from `before`; returns false when it joined the last step (same `mergeKey`). */
  protected remember(before: ProjectSnapshot, label: string, mergeKey?: string): boolean {
    const stepped = this.history.record(before, label, mergeKey);
    this.refreshHistory();
    return stepped;
  }

  private refreshHistory(): void {
    this.undoLabel = this.history.undoLabel;
    this.redoLabel = this.history.redoLabel;
  }

  protected midiRows(): TrackState[] {
    return this.tracks.filter((t) => t.midi !== null);
  }

  protected clipRows(): TrackState[] {
    return this.tracks.filter((t) => t.audio !== null);
  }

  protected project(): WorkstationProject {
    return this.projectOf(this.song, this.midiRows(), this.clipRows());
  }

  private projectOfSnapshot(state: ProjectSnapshot): WorkstationProject {
    const stripOf = new Map(state.tracks.map((t, i) => [t, state.strips[i]]));
    const midi = state.tracks.filter((t) => t.midi !== null);
    const clips = state.tracks.filter((t) => t.audio !== null);
    return this.projectOf(state.song, midi, clips, (t) => stripOf.get(t) ?? t.strip);
  }

  /**
   * Moves a Remix row's mix (strength, A/B) while it plays: no model run and no history step;
   * exports and later loads play it as it is now. Resolves once the engine has it.
   */
  async setBlend(track: TrackState, change: Partial<Omit<ClipBlend, 'dry'>>): Promise<void> {
    const blend = this.trackBlends.get(track.id);
    if (blend === undefined) return;
    const next = { ...blend, ...change };
    this.trackBlends = new Map(this.trackBlends).set(track.id, next);
    const index = [...(this.preview?.owners ?? this.midiRows()), ...this.clipRows()].indexOf(track);
    if (index >= 0) await this.engine.setBlend(index, { amount: next.amount, bypass: next.bypass }).catch((error: unknown) => this.messages.error(error));
  }

  private blendOf(track: TrackState): { blend?: ClipBlend } {
    const blend = this.trackBlends.get(track.id);
    return blend === undefined ? {} : { blend };
  }

  /** What the engine plays: `song` through the strips of `midi` (by position), then the clips. */
  protected projectOf(
    song: Song,
    midi: (TrackState | null)[],
    clips: TrackState[],
    stripOf: (track: TrackState) => StripSettings = (t) => t.strip,
  ): WorkstationProject {
    const strip = (track: TrackState | null | undefined): StripSettings => (track == null ? { ...DEFAULT_STRIP } : stripOf(track));
    const built = song.tracks.map((_, i) => {
      const row = midi[i];
      return row == null ? undefined : this.trackInstruments.get(row.id);
    });
    return {
      song,
      midiStrips: song.tracks.map((_, i) => strip(midi[i])),
      midiClips: song.tracks.map((_, i) => [...(midi[i]?.clips ?? [])]),
      clips: clips.flatMap((t) => (t.audio === null ? [] : [{ name: t.name, audio: t.audio.data, strip: strip(t), placements: placementsOf(t), ...this.blendOf(t), chain: [...t.rack.chain] }])),
      racks: song.tracks.map((_, i) => midi[i]?.rack ?? EMPTY_RACK),
      instruments: built.map((b) => (b === undefined ? null : instrumentState(b))),
      voices: built.filter((b): b is BuiltVoice => b !== undefined),
    };
  }
}
