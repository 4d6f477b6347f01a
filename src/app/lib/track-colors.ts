/** Calm, distinct hues for tracks on a dark background; repeats after eight tracks. */
const TRACK_COLORS = ['#7fb2f0', '#8fd6a8', '#e9c46a', '#f0a07f', '#c39bef', '#6fd0d6', '#f08aa8', '#b5c77a'];

export function trackColor(index: number): string {
  return TRACK_COLORS[index % TRACK_COLORS.length];
}
