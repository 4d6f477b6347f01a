import seedrandom from 'seedrandom';

/**
 * Seeded randomness for everything that must repeat: weight initialisation, batch order,
 * dropout masks, sampling. Built on seedrandom's Alea generator, whose whole state is four
 * numbers, so a training checkpoint can carry it.
 */

export type RngState = seedrandom.State.Alea;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** An independent generator derived from this one's seed and a label (not its position). */
  fork(label: string): Rng;
  /** Everything needed to continue this exact sequence later (see `restoreRng`). */
  state(): RngState;
}

function seedText(seed: number | string): string {
  return typeof seed === 'number' ? `alea:${seed}` : seed;
}

function wrap(prng: seedrandom.StatefulPRNG<RngState>, seed: string): Rng {
  const rng: Rng = {
    next: () => prng(),
    int: (n) => {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`rng.int needs a positive integer, got ${n}`);
      return Math.floor(prng() * n);
    },
    normal: () => {
      // 1 - u keeps the logarithm finite (u can be 0, never 1).
      const u = 1 - prng();
      const v = prng();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(prng() * (i + 1));
        const held = items[i];
        items[i] = items[j];
        items[j] = held;
      }
      return items;
    },
    fork: (label) => createRng(`${seed}/${label}`),
    state: () => prng.state(),
  };
  return rng;
}

/** A generator that yields the same sequence for the same seed, in Node and in browsers. */
export function createRng(seed: number | string): Rng {
  const text = seedText(seed);
  return wrap(seedrandom.alea(text, { state: true }), text);
}

/** Continues a sequence from `rng.state()`; `seed` is kept only for `fork`. */
export function restoreRng(seed: number | string, state: RngState): Rng {
  const text = seedText(seed);
  return wrap(seedrandom.alea('', { state: { ...state } }), text);
}

/**
 * A 31-bit integer seed for one random draw inside a training step (e.g. the k-th dropout
 * layer at `step`): depends only on its arguments, so a resumed run draws the same masks.
 */
export function seedFor(seed: number, step: number, k = 0): number {
  return seedrandom.alea(`alea:${seed}:${step}:${k}`).int32() >>> 1;
}
