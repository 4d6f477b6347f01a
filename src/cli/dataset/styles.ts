import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { AleaError, isAleaError } from '../../core/errors.ts';
import { readMidi } from '../../core/music/midi-io.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import type { Note, Song, Track } from '../../core/music/types.ts';
import { loadSoundBank, type SoundBank } from '../../core/soundfont/bank.ts';
import { encodeNoteSamples } from '../../core/soundfont/note-set.ts';
import { renderSong } from '../../core/soundfont/render-song.ts';
import { isValidationSong, STYLE_SET_AUDIO, STYLE_SET_MANIFEST, type StyleSetManifest, type StyleSetSegment } from '../../core/soundfont/style-set.ts';
import type { StyleDefinition } from '../../core/soundfont/styles.ts';
import { readInputFile } from '../file-io.ts';
import { ProgressBar } from '../progress.ts';

export interface StyleSetBuildOptions {
  soundfontPath: string;
  midiDirs: readonly string[];
  outDir: string;
  styles: readonly StyleDefinition[];
  /** segments in all (train + validation), before `split` filters them */
  segments: number;
  segmentSeconds: number;
  sampleRate: number;
  /** share of the segments taken from held-out songs */
  validationShare: number;
  /** which segments to render: the same selection either way, so sets from two banks pair up */
  split: 'all' | 'train' | 'validation';
  gain: number;
}

export interface StyleSetSummary {
  out: string;
  segments: number;
  train: number;
  validation: number;
  styles: number;
  unreadableFiles: number;
  audioSeconds: number;
  megabytes: number;
  peak: number;
  clippedSamples: number;
  timesRealTime: number;
}

const MIN_NOTES = 6;
const TICKS_PER_SECOND = 960; // ppq 480 at 120 bpm

/** Renders every selected segment once per style into `outDir` (audio first, the manifest last). */
export async function buildStyleSet(options: StyleSetBuildOptions): Promise<StyleSetSummary> {
  const started = performance.now();
  const bytes = await readInputFile(options.soundfontPath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const bank = await loadSoundBank(bytes, options.soundfontPath);
  for (const style of options.styles) {
    for (const program of [style.melody, style.accompaniment]) {
      if (!bank.programs.has(program)) throw new AleaError('bad-input', `the bank has no GM program ${program} (style '${style.name}')`, options.soundfontPath);
    }
  }
  const { picks, unreadable } = await selectSegments(options);
  const chosen = picks.filter((p) => options.split === 'all' || p.segment.split === options.split);

  await mkdir(options.outDir, { recursive: true }).catch((error: unknown) => {
    throw new AleaError('failure', `output folder cannot be created (${error instanceof Error ? error.message : String(error)})`, options.outDir);
  });
  const audioPath = join(options.outDir, STYLE_SET_AUDIO);
  const partPath = `${audioPath}.part`;
  const file = await open(partPath, 'w');
  const length = Math.round(options.segmentSeconds * options.sampleRate);
  let peak = 0;
  let clippedSamples = 0;
  const progress = new ProgressBar(`rendering ${chosen.length} segments × ${options.styles.length} styles`);
  try {
    for (let i = 0; i < chosen.length; i++) {
      for (const style of options.styles) {
        const mono = renderStyle(bank, chosen[i], style, options.sampleRate, length);
        for (const s of mono) peak = Math.max(peak, Math.abs(s));
        const encoded = encodeNoteSamples(mono, options.gain);
        clippedSamples += encoded.clipped;
        await file.write(encoded.bytes);
      }
      progress.update((i + 1) / chosen.length);
    }
  } catch (error) {
    await file.close();
    await rm(partPath, { force: true });
    throw error;
  }
  progress.done();
  await file.close();
  const manifest: StyleSetManifest = {
    format: 'alea-styles',
    version: 1,
    sampleRate: options.sampleRate,
    segmentSeconds: options.segmentSeconds,
    gain: options.gain,
    soundfont: { file: basename(options.soundfontPath), sha256 },
    styles: options.styles.map((s) => ({ ...s })),
    segments: chosen.map((p) => p.segment),
  };
  await rename(partPath, audioPath);
  await writeFile(join(options.outDir, STYLE_SET_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  const audioSeconds = (chosen.length * options.styles.length * length) / options.sampleRate;
  return {
    out: options.outDir,
    segments: chosen.length,
    train: chosen.filter((p) => p.segment.split === 'train').length,
    validation: chosen.filter((p) => p.segment.split === 'validation').length,
    styles: options.styles.length,
    unreadableFiles: unreadable,
    audioSeconds: Math.round(audioSeconds),
    megabytes: Math.round((audioSeconds * options.sampleRate * 2) / 1e4) / 100,
    peak: Math.round(peak * 1e4) / 1e4,
    clippedSamples,
    timesRealTime: Math.round(audioSeconds / ((performance.now() - started) / 1000)),
  };
}

interface PickedSegment {
  segment: StyleSetSegment;
  /** the segment's notes at 120 bpm from tick 0; track 0 is the melody */
  song: Song;
}

/**
 * The same options give the same segments whatever the bank: songs in a fixed pseudo-random
 * order, one segment per song, until each split has its share.
 */
async function selectSegments(options: StyleSetBuildOptions): Promise<{ picks: PickedSegment[]; unreadable: number }> {
  const sources: { source: string; path: string }[] = [];
  for (const dir of options.midiDirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      throw new AleaError('bad-input', 'is not a readable folder of MIDI files', dir);
    }
    for (const name of names.filter((n) => /\.midi?$/i.test(n)).sort()) sources.push({ source: `${basename(resolve(dir))}/${name}`, path: join(dir, name) });
  }
  if (sources.length === 0) throw new AleaError('bad-input', 'no .mid files in the MIDI folder(s)', options.midiDirs.join(', '));
  sources.sort((a, b) => hash(`order:${a.source}`) - hash(`order:${b.source}`) || (a.source < b.source ? -1 : 1));
  const validationWanted = Math.round(options.segments * options.validationShare);
  const wanted = { train: options.segments - validationWanted, validation: validationWanted };
  const have = { train: 0, validation: 0 };
  const picks: PickedSegment[] = [];
  let unreadable = 0;
  for (const { source, path } of sources) {
    if (have.train >= wanted.train && have.validation >= wanted.validation) break;
    const split = isValidationSong(basename(source)) ? 'validation' : 'train';
    if (have[split] >= wanted[split]) continue;
    let song: Song;
    try {
      song = readMidi(await readInputFile(path), path);
    } catch (error) {
      if (!isAleaError(error)) throw error;
      unreadable++;
      continue;
    }
    const cut = cutSegment(song, options.segmentSeconds, hash(`segment:${source}`));
    if (cut === undefined) continue;
    have[split]++;
    picks.push({ segment: { source, split, startSeconds: cut.startSeconds, notes: cut.notes }, song: cut.song });
  }
  return { picks, unreadable };
}

/** The melody: a track named MELODY, else the melodic track with the highest mean pitch. */
function melodyIndex(tracks: readonly Track[]): number {
  const named = tracks.findIndex((t) => !t.isDrum && t.notes.length > 0 && /melody/i.test(t.name));
  if (named >= 0) return named;
  let best = -1;
  let bestPitch = -1;
  tracks.forEach((t, i) => {
    if (t.isDrum || t.notes.length === 0) return;
    const mean = t.notes.reduce((s, n) => s + n.pitch, 0) / t.notes.length;
    if (mean > bestPitch) [best, bestPitch] = [i, mean];
  });
  return best;
}

/** A window of `seconds` starting at a melody onset, re-timed to 120 bpm; undefined when none has enough notes. */
export function cutSegment(song: Song, seconds: number, seed: number): { song: Song; startSeconds: number; notes: number } | undefined {
  const melody = melodyIndex(song.tracks);
  if (melody < 0) return undefined;
  const map = TempoMap.fromSong(song);
  const timed = song.tracks.map((t) => ({ t, notes: t.notes.map((n) => ({ n, on: map.tickToSeconds(n.startTick), off: map.tickToSeconds(n.endTick) })) }));
  const end = Math.max(...timed.flatMap((t) => t.notes.map((n) => n.off)));
  const onsets = timed[melody].notes.map((n) => n.on).filter((on) => on + seconds <= end);
  let state = seed >>> 0;
  for (let attempt = 0; attempt < 8 && onsets.length > 0; attempt++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const start = Math.round(onsets[state % onsets.length] * 1000) / 1000;
    const tracks: Track[] = [];
    let count = 0;
    let melodyNotes = 0;
    for (const [index, { t, notes }] of timed.entries()) {
      if (t.isDrum) continue;
      const kept: Note[] = [];
      for (const { n, on, off } of notes) {
        if (on < start || on >= start + seconds) continue;
        const startTick = Math.round((on - start) * TICKS_PER_SECOND);
        const endTick = Math.max(startTick + 1, Math.round((Math.min(off, start + seconds) - start) * TICKS_PER_SECOND));
        kept.push({ pitch: n.pitch, velocity: n.velocity, startTick, endTick });
      }
      if (kept.length === 0) continue;
      count += kept.length;
      if (index === melody) melodyNotes = kept.length;
      const track: Track = { name: index === melody ? 'melody' : t.name, channel: 0, program: 0, isDrum: false, notes: kept };
      if (index === melody) tracks.unshift(track);
      else tracks.push(track);
    }
    if (count >= MIN_NOTES && melodyNotes >= 2) {
      const segment: Song = {
        name: song.name,
        ppq: 480,
        tracks,
        tempos: [{ tick: 0, bpm: 120 }],
        timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
        keySignatures: [],
        texts: [],
      };
      return { song: segment, startSeconds: start, notes: count };
    }
  }
  return undefined;
}

/** Track 0 (the melody) in the style's melody program, the others in its accompaniment; mono, exactly `length` samples. */
function renderStyle(bank: SoundBank, pick: PickedSegment, style: StyleDefinition, sampleRate: number, length: number): Float32Array {
  const overrides: Record<number, number> = {};
  pick.song.tracks.forEach((_, i) => (overrides[i] = i === 0 ? style.melody : style.accompaniment));
  const audio = renderSong(bank, pick.song, { sampleRate, programOverrides: overrides, tailSeconds: 0 });
  const out = new Float32Array(length);
  const [left, right] = [audio.channels[0], audio.channels[1] ?? audio.channels[0]];
  const n = Math.min(length, left.length);
  for (let i = 0; i < n; i++) out[i] = 0.5 * (left[i] + right[i]);
  return out;
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
