/**
 * The spectrogram's colour map: matplotlib's "inferno" (perceptually uniform: lightness rises
 * steadily with level, so equal steps in dB look like equal steps, and it reads in greyscale),
 * as a 256-entry RGBA table indexed by a level 0..255. Level 0 is the floor colour (near black).
 */

/** inferno at 0, 0.1, …, 1 (matplotlib's published values) */
const ANCHORS: readonly (readonly [number, number, number])[] = [
  [0, 0, 4],
  [22, 11, 57],
  [66, 10, 104],
  [106, 23, 110],
  [147, 38, 103],
  [188, 55, 84],
  [221, 81, 58],
  [243, 120, 25],
  [252, 165, 10],
  [246, 215, 70],
  [252, 255, 164],
];

function buildTable(): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 4);
  const spans = ANCHORS.length - 1;
  for (let level = 0; level < 256; level++) {
    const at = (level / 255) * spans;
    const i = Math.min(spans - 1, Math.floor(at));
    const t = at - i;
    const [a, b] = [ANCHORS[i], ANCHORS[i + 1]];
    for (let c = 0; c < 3; c++) table[level * 4 + c] = Math.round(a[c] + (b[c] - a[c]) * t);
    table[level * 4 + 3] = 255;
  }
  return table;
}

/** RGBA per level: entries 4·level … 4·level + 3. */
export const INFERNO: Uint8ClampedArray = buildTable();

/** The colour of a level as CSS, for legends and axis swatches. */
export function levelCss(level: number): string {
  const i = Math.max(0, Math.min(255, Math.round(level))) * 4;
  return `rgb(${INFERNO[i]}, ${INFERNO[i + 1]}, ${INFERNO[i + 2]})`;
}
