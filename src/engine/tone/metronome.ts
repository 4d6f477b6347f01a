/**
 * The metronome: a short click on every beat of the song, a higher one on bar lines, on Tone's
 * transport (so it follows play, seek and loop like the tracks), and a one-bar count-in played
 * straight away before recording. Straight to the speakers: never in an export.
 */
import * as Tone from 'tone';
import { TempoMap } from '../../core/music/tempo-map.ts';
import type { Song } from '../../core/music/types.ts';
import { clickTimes, countInClicks, type Click } from '../metronome-clicks.ts';

/** how far past the song's end the clicks go (recording carries on past it) */
const EXTRA_SECONDS = 600;
const ACCENT_HZ = 1760;
const BEAT_HZ = 1320;

export class Metronome {
  private readonly synth: Tone.Synth;
  private part: Tone.Part<Click & { time: number }> | null = null;
  private tempoMap: TempoMap | null = null;
  private songSeconds = 0;
  private on = false;

  constructor() {
    this.synth = new Tone.Synth({ oscillator: { type: 'square' }, envelope: { attack: 0.001, decay: 0.03, sustain: 0, release: 0.01 }, volume: -14 }).toDestination();
  }

  get enabled(): boolean {
    return this.on;
  }

  /** The song whose beats it clicks (call on every load; tempo and meter may have changed). */
  setSong(song: Song, songSeconds: number): void {
    this.tempoMap = TempoMap.fromSong(song);
    this.songSeconds = songSeconds;
    if (this.on) this.build();
  }

  setEnabled(on: boolean): void {
    this.on = on;
    if (on) this.build();
    else this.clear();
  }

  /** Plays one bar of clicks from now; resolves to the seconds it lasts (0 without a song). */
  countIn(): number {
    if (this.tempoMap === null) return 0;
    const clicks = countInClicks(this.tempoMap);
    const now = Tone.now() + 0.05;
    for (const click of clicks) this.click(now + click.seconds, click.accent);
    const beat = clicks.length > 1 ? clicks[1].seconds : 0.5;
    return 0.05 + clicks.length * beat;
  }

  private click(time: number, accent: boolean): void {
    this.synth.triggerAttackRelease(accent ? ACCENT_HZ : BEAT_HZ, 0.03, time, accent ? 1 : 0.6);
  }

  private build(): void {
    this.clear();
    if (this.tempoMap === null) return;
    const clicks = clickTimes(this.tempoMap, this.songSeconds + EXTRA_SECONDS);
    this.part = new Tone.Part<Click & { time: number }>((time, click) => this.click(time, click.accent), clicks.map((c) => ({ ...c, time: c.seconds })));
    this.part.start(0);
  }

  private clear(): void {
    this.part?.dispose();
    this.part = null;
  }

  dispose(): void {
    this.clear();
    this.synth.dispose();
  }
}
