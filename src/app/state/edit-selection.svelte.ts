import type { TrackState } from './track-state.svelte.ts';

/** Which part of the window Delete, the arrows and Ctrl+D act on. */
export type EditArea = 'clips' | 'notes';

/** A clip of a row: its index among the row's clips (MIDI clips or audio clips). */
export interface ClipRef {
  trackId: number;
  index: number;
}

/**
 * What the user has selected: the track the piano roll edits, a clip in the arrangement, notes in
 * the piano roll (indices into the edited track's notes), and which of those keys act on.
 */
export class EditSelection {
  /** the track the editor shows (null: the first MIDI track) */
  trackId = $state<number | null>(null);
  clip = $state.raw<ClipRef | null>(null);
  notes = $state.raw<number[]>([]);
  area = $state<EditArea>('clips');

  selectTrack(id: number): void {
    if (this.trackId !== id) this.notes = [];
    this.trackId = id;
  }

  selectClip(ref: ClipRef | null): void {
    this.clip = ref;
    this.area = 'clips';
    if (ref !== null) this.selectTrack(ref.trackId);
  }

  selectNotes(indices: readonly number[]): void {
    this.notes = [...new Set(indices)].sort((a, b) => a - b);
    this.area = 'notes';
  }

  /** A new project: nothing selected, the editor on `trackId`. */
  reset(trackId: number | null): void {
    this.trackId = trackId;
    this.clip = null;
    this.notes = [];
    this.area = 'clips';
  }

  /** Drops what no longer exists after an edit, undo or import. */
  keepValid(rows: readonly TrackState[]): void {
    const row = rows.find((r) => r.id === this.trackId);
    if (row === undefined) {
      this.trackId = rows.find((r) => r.midi !== null)?.id ?? null;
      this.notes = [];
    } else {
      const count = row.midi?.notes.length ?? 0;
      if (this.notes.some((i) => i >= count)) this.notes = this.notes.filter((i) => i < count);
    }
    const clip = this.clip;
    if (clip !== null) {
      const owner = rows.find((r) => r.id === clip.trackId);
      const clipCount = owner === undefined ? 0 : owner.midi !== null ? owner.clips.length : owner.audioClips.length;
      if (clip.index >= clipCount) this.clip = null;
    }
  }
}
