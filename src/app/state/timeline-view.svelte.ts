/** How an audio track's lane shows its clips. */
export type LaneMode = 'waveform' | 'spectrogram';

/** Horizontal zoom and scroll shared by the piano roll and the audio lanes (one time axis). */
export class TimelineView {
  /** zoom: CSS pixels per quarter note */
  pxPerQuarter = $state(36);
  /** the scroll container's scrollLeft, in CSS pixels */
  scrollPx = $state(0);
  /** visible width of the timeline, in CSS pixels */
  viewportWidth = $state(800);
  /** keep the playhead in view while playing */
  follow = $state(true);

  /** audio tracks shown as a spectrogram, by track id: a way of looking, so never an undo step */
  spectrogramTracks = $state.raw<ReadonlySet<number>>(new Set());

  laneMode(trackId: number): LaneMode {
    return this.spectrogramTracks.has(trackId) ? 'spectrogram' : 'waveform';
  }

  setLaneMode(trackId: number, mode: LaneMode): void {
    const next = new Set(this.spectrogramTracks);
    if (mode === 'spectrogram') next.add(trackId);
    else next.delete(trackId);
    this.spectrogramTracks = next;
  }

  static readonly MIN_PX_PER_QUARTER = 4;
  static readonly MAX_PX_PER_QUARTER = 400;

  pxPerTick(ppq: number): number {
    return this.pxPerQuarter / ppq;
  }

  /** Zooms by `factor`, keeping the time under `anchorX` (viewport px) where it is. */
  zoomBy(factor: number, anchorX = this.viewportWidth / 2): void {
    const next = Math.min(
      TimelineView.MAX_PX_PER_QUARTER,
      Math.max(TimelineView.MIN_PX_PER_QUARTER, this.pxPerQuarter * factor),
    );
    const quarterAtAnchor = (this.scrollPx + anchorX) / this.pxPerQuarter;
    this.pxPerQuarter = next;
    this.scrollPx = Math.max(0, quarterAtAnchor * next - anchorX);
  }

  /** Scrolls so that content x (px from the song start) is visible, paging like a score. */
  reveal(contentX: number): void {
    const margin = 24;
    if (contentX < this.scrollPx || contentX > this.scrollPx + this.viewportWidth - margin) {
      this.scrollPx = Math.max(0, contentX - margin);
    }
  }
}
