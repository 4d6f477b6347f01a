/**
 * The spectrogram's frequency axis: `rows` bands spaced evenly in log frequency from `minHz` to
 * `maxHz` (row 0 lowest), as producers read spectra (an octave is the same height everywhere).
 * Maps rows to the FFT bins that fall in them, for a given FFT size and sample rate.
 */
export interface LogAxis {
  minHz: number;
  maxHz: number;
  rows: number;
}

/** Which bins a row takes its level from: bins [from, to) when some bin centre falls in the row, else an interpolation. */
export type RowSource = { kind: 'bins'; from: number; to: number } | { kind: 'between'; bin: number; frac: number };

export function rowLowHz(axis: LogAxis, row: number): number {
  return axis.minHz * Math.pow(axis.maxHz / axis.minHz, row / axis.rows);
}

export function rowCentreHz(axis: LogAxis, row: number): number {
  return rowLowHz(axis, row + 0.5);
}

/** The row holding `hz` (may be < 0 or ≥ rows outside the axis). */
export function rowOfHz(axis: LogAxis, hz: number): number {
  return Math.floor((Math.log(hz / axis.minHz) / Math.log(axis.maxHz / axis.minHz)) * axis.rows);
}

/** 0 at the bottom of the axis (minHz), 1 at the top (maxHz), for placing axis labels. */
export function axisFraction(axis: LogAxis, hz: number): number {
  return Math.log(hz / axis.minHz) / Math.log(axis.maxHz / axis.minHz);
}

/**
 * Each row's bins. Low rows are narrower than a bin (a 4096-point FFT at 48 kHz has 11.7 Hz bins,
 * a row near 30 Hz is ~1 Hz wide): they interpolate between the two bins around their centre, so
 * the bottom of the image is smooth rather than blocky.
 */
export function rowSources(axis: LogAxis, nFft: number, sampleRate: number): RowSource[] {
  const binHz = sampleRate / nFft;
  const lastBin = nFft / 2;
  const sources: RowSource[] = [];
  for (let row = 0; row < axis.rows; row++) {
    const from = Math.ceil(rowLowHz(axis, row) / binHz);
    const to = Math.min(lastBin + 1, Math.ceil(rowLowHz(axis, row + 1) / binHz));
    if (to > from) {
      sources.push({ kind: 'bins', from, to });
    } else {
      const at = Math.min(lastBin, rowCentreHz(axis, row) / binHz);
      const bin = Math.min(lastBin - 1, Math.floor(at));
      sources.push({ kind: 'between', bin, frac: at - bin });
    }
  }
  return sources;
}

/** Axis labels a producer expects (Hz), those inside the axis. */
export function axisLabels(axis: LogAxis): { hz: number; text: string }[] {
  const marks = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];
  return marks.filter((hz) => hz >= axis.minHz && hz <= axis.maxHz).map((hz) => ({ hz, text: hz >= 1000 ? `${hz / 1000}k` : String(hz) }));
}
