/**
 * Converts between ticks, seconds and bars for one song. Built once from the song's tempo and
 * time-signature lists; every lookup is a binary search over precomputed segments.
 */
import { AleaError } from '../errors.ts';
import type { Song, TempoChange, TimeSignatureChange } from './types.ts';

export const DEFAULT_BPM = 120;

export interface BarBeat {
  /** 0-based bar index */
  bar: number;
  /** 0-based beat within the bar (a beat is one denominator note: an eighth in 6/8) */
  beat: number;
  /** ticks past the start of that beat (may be fractional for fractional ticks) */
  tickInBeat: number;
}

interface TempoSegment {
  tick: number;
  bpm: number;
  /** seconds at `tick` */
  seconds: number;
}

interface MeterSegment {
  tick: number;
  numerator: number;
  denominator: number;
  ticksPerBar: number;
  /** index of the bar that starts at `tick` */
  bar: number;
}

/** Last index i with key(items[i]) <= value (0 when value precedes everything). */
function lastAtOrBefore<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (key(items[mid]) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Sorted by tick, one entry per tick (the later one wins), with a default at tick 0. */
function normalise<T extends { tick: number }>(changes: readonly T[], fallback: T): T[] {
  const sorted = [...changes].sort((a, b) => a.tick - b.tick);
  const result: T[] = [];
  for (const change of sorted) {
    if (result.length > 0 && result[result.length - 1].tick === change.tick) result[result.length - 1] = change;
    else result.push(change);
  }
  if (result.length === 0 || result[0].tick > 0) result.unshift(fallback);
  return result;
}

export class TempoMap {
  readonly ppq: number;
  private readonly tempoSegments: TempoSegment[];
  private readonly meterSegments: MeterSegment[];

  constructor(ppq: number, tempos: readonly TempoChange[], timeSignatures: readonly TimeSignatureChange[]) {
    if (!(Number.isInteger(ppq) && ppq > 0)) throw new AleaError('bad-input', `ppq must be a positive integer, got ${ppq}`);
    this.ppq = ppq;

    this.tempoSegments = [];
    for (const change of normalise(tempos, { tick: 0, bpm: DEFAULT_BPM })) {
      if (!(change.bpm > 0 && Number.isFinite(change.bpm))) {
        throw new AleaError('bad-input', `tempo at tick ${change.tick} must be a positive bpm, got ${change.bpm}`);
      }
      const previous = this.tempoSegments[this.tempoSegments.length - 1];
      const seconds = previous === undefined ? 0 : previous.seconds + this.spanSeconds(previous.bpm, change.tick - previous.tick);
      this.tempoSegments.push({ tick: change.tick, bpm: change.bpm, seconds });
    }

    this.meterSegments = [];
    for (const change of normalise(timeSignatures, { tick: 0, numerator: 4, denominator: 4 })) {
      const ticksPerBar = (change.numerator * ppq * 4) / change.denominator;
      if (!(ticksPerBar > 0 && Number.isFinite(ticksPerBar))) {
        throw new AleaError('bad-input', `time signature at tick ${change.tick} is ${change.numerator}/${change.denominator}`);
      }
      const previous = this.meterSegments[this.meterSegments.length - 1];
      // A change in the middle of a bar starts a new bar there: the partial bar still counts as one.
      const bar = previous === undefined ? 0 : previous.bar + Math.ceil((change.tick - previous.tick) / previous.ticksPerBar);
      this.meterSegments.push({ ...change, ticksPerBar, bar });
    }
  }

  static fromSong(song: Pick<Song, 'ppq' | 'tempos' | 'timeSignatures'>): TempoMap {
    return new TempoMap(song.ppq, song.tempos, song.timeSignatures);
  }

  private spanSeconds(bpm: number, ticks: number): number {
    return (ticks * 60) / (bpm * this.ppq);
  }

  /** Tempo in force at a tick. */
  bpmAt(tick: number): number {
    return this.tempoSegments[lastAtOrBefore(this.tempoSegments, tick, (s) => s.tick)].bpm;
  }

  tickToSeconds(tick: number): number {
    const segment = this.tempoSegments[lastAtOrBefore(this.tempoSegments, tick, (s) => s.tick)];
    return segment.seconds + this.spanSeconds(segment.bpm, tick - segment.tick);
  }

  /** Exact inverse of tickToSeconds; returns fractional ticks (round where an integer is needed). */
  secondsToTick(seconds: number): number {
    const segment = this.tempoSegments[lastAtOrBefore(this.tempoSegments, seconds, (s) => s.seconds)];
    return segment.tick + ((seconds - segment.seconds) * segment.bpm * this.ppq) / 60;
  }

  private meterAt(tick: number): MeterSegment {
    return this.meterSegments[lastAtOrBefore(this.meterSegments, tick, (s) => s.tick)];
  }

  /** Time signature in force at a tick. */
  timeSignatureAt(tick: number): TimeSignatureChange {
    const { tick: changeTick, numerator, denominator } = this.meterAt(tick);
    return { tick: changeTick, numerator, denominator };
  }

  ticksPerBarAt(tick: number): number {
    return this.meterAt(tick).ticksPerBar;
  }

  /** Ticks per beat at a tick (one denominator note). */
  ticksPerBeatAt(tick: number): number {
    return (this.ppq * 4) / this.meterAt(tick).denominator;
  }

  /** 0-based index of the bar holding `tick` (negative ticks count as bar 0). */
  barIndexAt(tick: number): number {
    const meter = this.meterAt(tick);
    return meter.bar + Math.max(0, Math.floor((tick - meter.tick) / meter.ticksPerBar));
  }

  /** Tick where the bar with this 0-based index begins. */
  barStartTick(bar: number): number {
    const index = lastAtOrBefore(this.meterSegments, bar, (s) => s.bar);
    const meter = this.meterSegments[index];
    return meter.tick + (bar - meter.bar) * meter.ticksPerBar;
  }

  tickToBarBeat(tick: number): BarBeat {
    const bar = this.barIndexAt(tick);
    const intoBar = tick - this.barStartTick(bar);
    const ticksPerBeat = this.ticksPerBeatAt(tick);
    const beat = Math.floor(intoBar / ticksPerBeat);
    return { bar, beat, tickInBeat: intoBar - beat * ticksPerBeat };
  }

  /** Number of bars needed to hold [0, endTick): 0 for an empty span, 1 for a single tick. */
  barCount(endTick: number): number {
    return endTick <= 0 ? 0 : this.barIndexAt(endTick - 1) + 1;
  }

  /** Start ticks of the bars that begin before `endTick` (length === barCount(endTick)). */
  barStartTicks(endTick: number): number[] {
    const count = this.barCount(endTick);
    const starts: number[] = [];
    for (let bar = 0; bar < count; bar++) starts.push(this.barStartTick(bar));
    return starts;
  }

  /** First bar start at or after `tick`: where appended material should begin. */
  nextBarStart(tick: number): number {
    const bar = this.barIndexAt(tick);
    const start = this.barStartTick(bar);
    return start >= tick ? start : this.barStartTick(bar + 1);
  }
}
