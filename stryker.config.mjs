// Mutation testing (`npm run mutate`): StrykerJS changes the code in small ways (a flipped
// comparison, a dropped branch, a constant) and reruns the tests; a mutant the tests do not notice
// is a blind spot. Scoped to the modules whose mistakes a user hears but a green suite may miss.
// One set at a time: ALEA_MUTATE=sampling npm run mutate (several: ALEA_MUTATE=sampling,params).
// Not part of `npm test`: it reruns the tests once per mutant (minutes to an hour per set).

/** Each set: the modules mutated and the test files that guard them. */
const SETS = {
  sampling: {
    mutate: ['src/ml/transformer/decode/sampling.ts', 'src/ml/transformer/decode/constraints.ts'],
    tests: ['tests/unit/transformer/sampling.test.ts', 'tests/unit/transformer/constraints.test.ts', 'tests/unit/transformer/generate.test.ts'],
  },
  params: {
    mutate: ['src/plugins/params.ts', 'src/plugins/state.ts', 'src/plugins/presets.ts'],
    tests: ['tests/unit/plugins/*.test.ts', 'tests/unit/cli/param-options.test.ts', 'tests/unit/cli/plugin-presets.test.ts', 'tests/unit/app/param-input.test.ts'],
  },
  mixer: {
    mutate: ['src/engine/mixer-rules.ts'],
    tests: ['tests/unit/engine/mixer-rules.test.ts', 'tests/unit/engine/render-offline.test.ts', 'tests/unit/engine/audio-tracks.test.ts'],
  },
  io: {
    mutate: [
      'src/core/music/midi-io.ts',
      'src/core/music/midi-write.ts',
      'src/core/music/midi-container.ts',
      'src/core/audio/wav-read.ts',
      'src/core/audio/wav-write.ts',
      'src/core/audio/wav-format.ts',
      'src/core/audio/riff.ts',
    ],
    tests: [
      'tests/unit/core-music/midi-io.test.ts',
      'tests/unit/core-music/midi-read.test.ts',
      'tests/unit/core-music/bad-midi.test.ts',
      'tests/unit/core-audio/wav-*.test.ts',
    ],
  },
  sustain: {
    mutate: ['src/core/dsp/sustain-loop.ts', 'src/engine/offline/sampler-track.ts', 'src/app/lib/undo-stack.ts'],
    tests: ['tests/unit/dsp/sustain-loop.test.ts', 'tests/unit/engine/held-notes.test.ts', 'tests/unit/engine/instrument-voices.test.ts', 'tests/unit/app/undo-stack.test.ts'],
  },
  startup: {
    mutate: ['src/app/lib/when-idle.ts', 'src/app/state/backend-status.svelte.ts', 'src/app/state/gm-instruments.svelte.ts'],
    tests: ['tests/unit/app/when-idle.test.ts', 'tests/unit/app/backend-start.test.ts', 'tests/unit/app/instruments-settled.test.ts'],
  },
};

const names = (process.env.ALEA_MUTATE ?? Object.keys(SETS).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const name of names) {
  if (!(name in SETS)) throw new Error(`ALEA_MUTATE: no set '${name}' (sets: ${Object.keys(SETS).join(', ')})`);
}
const chosen = names.map((name) => SETS[name]);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: false },
  mutate: chosen.flatMap((s) => s.mutate),
  testFiles: chosen.flatMap((s) => s.tests),
  coverageAnalysis: 'perTest',
  // the machine is shared with training runs: one test process unless asked for more
  concurrency: Number(process.env.ALEA_MUTATE_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  ignorePatterns: ['dist', 'runs', '.cache', 'reports', 'test-results'],
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `reports/mutation/${names.join('-')}.json` },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
