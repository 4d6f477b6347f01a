/** How the piano roll edits: the grid notes snap to, draw or select mode, the length new notes get. */
export class RollSettings {
  /** grid steps per quarter note: 4 = sixteenths, 6 = sixteenth triplets */
  stepsPerQuarter = $state(4);
  /** a press on empty space draws a note (else it starts a box selection; double-click draws) */
  drawMode = $state(false);
  /** the length of the last note drawn or resized, ticks (new notes get it); 0: one beat */
  noteTicks = $state(0);

  /** Grid step in ticks for a song of `ppq`. */
  stepTicks(ppq: number): number {
    return ppq / this.stepsPerQuarter;
  }
}

/** The grids the piano roll offers (steps per quarter note, label). */
export const ROLL_GRIDS: { steps: number; label: string }[] = [
  { steps: 1, label: '1/4' },
  { steps: 2, label: '1/8' },
  { steps: 3, label: '1/8T' },
  { steps: 4, label: '1/16' },
  { steps: 6, label: '1/16T' },
  { steps: 8, label: '1/32' },
];
