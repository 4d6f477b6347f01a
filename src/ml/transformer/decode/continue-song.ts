import { badInput } from '../../../core/errors.ts';
import type { Key } from '../../../core/music/key.ts';
import { retimeToPpq, trimSong } from '../../../core/music/song-edit.ts';
import type { Song, Track } from '../../../core/music/types.ts';
import { GridGrammar, RemiGrammar, type MusicConstraints } from './constraints.ts';
import { decodeSteps } from './generate.ts';
import { seedRegister } from './register.ts';
import { runSteps, runStepsYielding, type Steps, type YieldingOptions } from './steps.ts';
import { GridTokenizer } from '../tokenizers/grid-tokenizer.ts';
import { makeTokenizer } from '../tokenizers/make-tokenizer.ts';
import type { TransformerModel } from '../model/model.ts';
import { planBars } from '../tokenizers/remi-encode.ts';
import { RemiTokenizer } from '../tokenizers/remi-tokenizer.ts';
import { TIME_SIGNATURES, barSixteenths } from '../tokenizers/remi-vocab.ts';
import { boundaries } from '../tokenizers/tokenizer.ts';
import { assignRoles, selectTracks, type TrackSelection } from '../tokenizers/track-selection.ts';

/** The Continue plugin's inference: a seed song in, new bars out. */

/** The most bars and variations one call writes (the Continue plugin's params say the same; a test checks). */
export const MAX_CONTINUE_BARS = 64;
export const MAX_CONTINUE_VARIATIONS = 16;

export interface ContinueOptions {
  bars: number;
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  variations?: number;
  key?: Key;
  pitchRange?: [number, number];
  /**
   * Keep each part within this many semitones of the range it used over the seed's last bars
   * (see register.ts); undefined: the model may go anywhere.
   */
  registerMargin?: number;
  /** start no earlier than the bar line at or after this tick (default: where the seed's notes end) */
  fromTick?: number;
  /** seed tracks to read (default: what the model was trained on) */
  track?: TrackSelection;
  /** longest prompt in tokens (default: the model's context length); older bars are dropped */
  maxPromptTokens?: number;
  useCache?: boolean;
  onProgress?: (fraction: number) => void;
}

/** Where a continuation of `seed` starts: the first bar line at or after the end of its last note. */
export function continuationStartTick(seed: Song, track: TrackSelection = 'all', fromTick = 0): number {
  return seedBars(seed, track, fromTick).endTick;
}

function seedBars(seed: Song, track: TrackSelection, fromTick = 0): { count: number; endTick: number; lastTimeSig: number; lastTempo: number } {
  const notes = selectTracks(seed, track).flatMap((t) => t.notes);
  const end = notes.reduce((m, n) => Math.max(m, n.endTick), fromTick);
  const sixteenth = seed.ppq / 4;
  const bars = planBars(seed.ppq, seed.timeSignatures, seed.tempos, Math.ceil(end / sixteenth - 1e-9));
  const last = bars.at(-1);
  const endSixteenth = last === undefined ? 0 : last.start + last.length;
  return { count: bars.length, endTick: Math.round(endSixteenth * sixteenth), lastTimeSig: last?.timeSig ?? 0, lastTempo: last?.tempo ?? 0 };
}

/** The prompt cut to at most `max` tokens, starting at a bar (step) line and stating its context. */
function fitPrompt(tokenizer: RemiTokenizer | GridTokenizer, ids: number[], max: number): number[] {
  if (ids.length <= max) return ids;
  const lines = boundaries(tokenizer, ids);
  for (const b of lines) {
    // A crop keeps everything from its boundary on: earlier boundaries cannot fit, and trying
    // each of them made a long seed quadratic (a 200k-note seed took minutes).
    if (ids.length - b > max) continue;
    const crop = tokenizer.cropAt(ids, b);
    if (crop.length <= max) return crop;
  }
  return ids.slice(ids.length - max);
}

/** Names, channels and programs of the seed's tracks by role, so that callers can append by name. */
export function nameLikeSeed(song: Song, seed: Song, track: TrackSelection, roleOf: (t: Track) => number): Song {
  const chosen = selectTracks(seed, track);
  const roles = assignRoles(chosen);
  const tracks = song.tracks.map((t) => {
    const i = roles.indexOf(roleOf(t));
    const like = i >= 0 ? chosen[i] : undefined;
    return like ? { ...t, name: like.name, channel: like.channel, program: like.program } : t;
  });
  return { ...song, tracks, name: seed.name };
}

/**
 * Continues `seed` by `bars` bars, `variations` times. Each result holds only the new bars, its
 * ticks counted from the bar after the seed (see `continuationStartTick`), in the seed's ppq,
 * tempo and meter, with tracks named like the seed's; append it with core's `appendSong`.
 */
export function continueSong(model: TransformerModel, seed: Song, options: ContinueOptions): Song[] {
  return runSteps(continueSteps(model, seed, options));
}

/** `continueSong` that gives the event loop a turn between slices and stops when `signal` aborts. */
export function continueSongAsync(model: TransformerModel, seed: Song, options: ContinueOptions & YieldingOptions): Promise<Song[]> {
  return runStepsYielding(continueSteps(model, seed, options), options);
}

function* continueSteps(model: TransformerModel, seed: Song, options: ContinueOptions): Steps<Song[]> {
  if (!Number.isInteger(options.bars) || options.bars < 1 || options.bars > MAX_CONTINUE_BARS) {
    throw badInput(`bars must be a whole number from 1 to ${MAX_CONTINUE_BARS}, got ${options.bars}`);
  }
  const variations = options.variations ?? 1;
  if (!Number.isInteger(variations) || variations < 1 || variations > MAX_CONTINUE_VARIATIONS) {
    throw badInput(`variations must be 1 to ${MAX_CONTINUE_VARIATIONS}, got ${variations}`);
  }
  const tokenizer = makeTokenizer(model.config.tokenizer);
  const track = options.track ?? model.config.trackSelection;
  const maxPrompt = options.maxPromptTokens ?? model.config.contextLength;
  const constraints: MusicConstraints = { bars: options.bars, key: options.key, pitchRange: options.pitchRange };
  const sampling = {
    temperature: options.temperature ?? 1,
    topK: options.topK,
    topP: options.topP,
    seed: options.seed ?? 0,
    variations,
    useCache: options.useCache,
    onProgress: options.onProgress,
  };
  const start = seedBars(seed, track, options.fromTick ?? 0);
  // An empty seed (start from nothing): the new bars start at 0 in the meter and tempo of its first bar.
  const empty = start.count === 0;
  const first = empty ? planBars(seed.ppq, seed.timeSignatures, seed.tempos, 0, 1)[0] : undefined;
  const timeSig = first?.timeSig ?? start.lastTimeSig;
  const tempo = first?.tempo ?? start.lastTempo;
  const barTicks = (barSixteenths(...TIME_SIGNATURES[timeSig]) * seed.ppq) / 4;
  const register = options.registerMargin === undefined ? undefined : seedRegister(seed, track, start.endTick, barTicks, options.registerMargin);

  if (tokenizer instanceof GridTokenizer) {
    const stepsPerBar = Math.round(barSixteenths(...TIME_SIGNATURES[timeSig]) / 4) * tokenizer.config.stepsPerQuarter;
    if (register !== undefined) constraints.pitchRange = intersect(constraints.pitchRange, register.all);
    const steps = tokenizer.songToSteps(seed, track);
    while (steps.length < Math.round((start.endTick / seed.ppq) * tokenizer.config.stepsPerQuarter)) steps.push([]);
    const prompt = fitPrompt(tokenizer, tokenizer.encodeSteps(steps), maxPrompt);
    const outputs = yield* decodeSteps(model, prompt, {
      ...sampling,
      maxNewTokens: options.bars * stepsPerBar * 7,
      grammar: () => new GridGrammar(tokenizer, constraints, stepsPerBar),
    });
    return outputs.map((ids) => {
      const song = retimeToPpq(tokenizer.decode([tokenizer.bos, ...ids]), seed.ppq);
      const timed = { ...song, tempos: seedTempoAt(seed, start.endTick), timeSignatures: seedMeterAt(seed, start.endTick) };
      return nameLikeSeed(timed, seed, track, () => 0);
    });
  }

  const remi = tokenizer as RemiTokenizer;
  refuseUncountableMeters(seed);
  // write the parts the seed has (a melody model writes its melody only); any part for an empty seed
  const seedRoles = assignRoles(selectTracks(seed, track));
  constraints.roles = seedRoles.length > 0 ? seedRoles : track === 'all' ? undefined : [0];
  if (register !== undefined) constraints.rolePitchRanges = register.byRole;
  if (empty) constraints.startWithNote = true;
  const encoded = remi.encode(seed, track, { minBars: start.count });
  const body = encoded.slice(0, -1); // without EOS
  const bar = remi.vocab.id('Bar');
  // from nothing the prompt is BOS and a bar that states the meter and tempo
  const header = empty ? [bar, remi.vocab.id('TimeSig', timeSig), remi.vocab.id('Tempo', tempo)] : [bar];
  const prompt = [...fitPrompt(remi, body, Math.max(8, maxPrompt - header.length)), ...header];
  const state = remi.stateBefore(body, body.length);
  const barLength = barSixteenths(...TIME_SIGNATURES[timeSig]);
  const grammar = (): RemiGrammar => new RemiGrammar(remi, constraints, barLength, maxTokensPerBar(constraints.roles));
  const outputs = yield* decodeSteps(model, prompt, { ...sampling, maxNewTokens: options.bars * (grammar().maxTokensPerBar + 4), grammar });
  return outputs.map((ids) => {
    const head = [bar, state.timeSig ?? remi.vocab.id('TimeSig', timeSig), state.tempo ?? remi.vocab.id('Tempo', tempo)];
    const decoded = remi.decodeWithBars([...head, ...ids]);
    const endTick = (options.bars * barLength * decoded.song.ppq) / 4;
    const song = retimeToPpq(trimSong(decoded.song, 0, endTick), seed.ppq);
    const timed = { ...song, tempos: seedTempoAt(seed, start.endTick), timeSignatures: seedMeterAt(seed, start.endTick) };
    return nameLikeSeed(timed, seed, track, (t) => t.channel); // decoded REMI tracks carry their role as channel
  });
}

/**
 * The grammar closes a bar past this many tokens (so an untrained model still ends): a bar of one
 * part rarely needs 96, a bar of melody, bridge and piano together about three times that.
 */
export function maxTokensPerBar(roles: readonly number[] | undefined): number {
  return 96 * Math.max(1, Math.min(4, roles?.length ?? 4));
}

/** Two pitch ranges' overlap (the second when the first is absent; the first alone when they miss). */
function intersect(a: [number, number] | undefined, b: [number, number]): [number, number] {
  if (a === undefined) return b;
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : a;
}

/**
 * A meter whose bar length no REMI time signature has (13/16, 11/8…) would be read as 4/4: the
 * seed's bars and the asked --bars would not line up (8 bars of 13/16 came out as about 10.5).
 * Refused in one line until such meters can be written. One-beat meters (1/4, 1/8) are the
 * exception: POP909 and many DAW exports write 1/4 where no meter was set, the models were
 * trained reading them as 4/4, and the continuation says 4/4 (see `seedMeterAt`).
 */
export function refuseUncountableMeters(seed: Song): void {
  for (const { numerator, denominator } of seed.timeSignatures) {
    if (countable(numerator, denominator) || isPlaceholderMeter(numerator)) continue;
    const meters = TIME_SIGNATURES.map(([n, d]) => `${n}/${d}`).join(', ');
    throw badInput(`the seed is in ${numerator}/${denominator}, a meter Continue cannot count bars in (it writes ${meters}); change the seed's time signature first`);
  }
}

function countable(numerator: number, denominator: number): boolean {
  const length = barSixteenths(numerator, denominator);
  return TIME_SIGNATURES.some(([n, d]) => barSixteenths(n, d) === length);
}

/** A one-beat "meter": what files without a real meter carry. */
function isPlaceholderMeter(numerator: number): boolean {
  return numerator === 1;
}

function seedTempoAt(seed: Song, tick: number): Song['tempos'] {
  const inForce = seed.tempos.filter((t) => t.tick <= tick).pop() ?? { tick: 0, bpm: 120 };
  return [{ tick: 0, bpm: inForce.bpm }];
}

/** The meter the continuation is written in: the seed's, with a one-beat placeholder read as 4/4. */
function seedMeterAt(seed: Song, tick: number): Song['timeSignatures'] {
  const inForce = seed.timeSignatures.filter((t) => t.tick <= tick).pop() ?? { tick: 0, numerator: 4, denominator: 4 };
  if (isPlaceholderMeter(inForce.numerator) && !countable(inForce.numerator, inForce.denominator)) return [{ tick: 0, numerator: 4, denominator: 4 }];
  return [{ ...inForce, tick: 0 }];
}
