/** Where a metronome clicks: every beat of the song's meter, the first beat of each bar accented. Pure. */
import type { TempoMap } from '../core/music/tempo-map.ts';

export interface Click {
  /** song seconds */
  seconds: number;
  /** the first beat of a bar */
  accent: boolean;
}

/** The clicks from the song start up to (not including) `untilSeconds`, following tempo and meter changes. */
export function clickTimes(tempoMap: TempoMap, untilSeconds: number): Click[] {
  const clicks: Click[] = [];
  const untilTick = tempoMap.secondsToTick(untilSeconds);
  for (let bar = 0; ; bar++) {
    const start = tempoMap.barStartTick(bar);
    if (start >= untilTick) return clicks;
    const beat = tempoMap.ticksPerBeatAt(start);
    const end = tempoMap.barStartTick(bar + 1);
    for (let tick = start; tick < end && tick < untilTick; tick += beat) {
      clicks.push({ seconds: tempoMap.tickToSeconds(tick), accent: tick === start });
    }
  }
}

/** A count-in of one bar at the song start's tempo and meter: seconds after it starts, accent on the first. */
export function countInClicks(tempoMap: TempoMap): Click[] {
  const beat = tempoMap.ticksPerBeatAt(0);
  const beats = Math.max(1, Math.round(tempoMap.ticksPerBarAt(0) / beat));
  const beatSeconds = tempoMap.tickToSeconds(beat) - tempoMap.tickToSeconds(0);
  return Array.from({ length: beats }, (_, i) => ({ seconds: i * beatSeconds, accent: i === 0 }));
}
