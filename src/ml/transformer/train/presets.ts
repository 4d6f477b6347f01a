import type { LearningRateSchedule } from '../../runtime/lr-schedule.ts';
import { DEFAULT_GRID_CONFIG } from '../tokenizers/grid-tokenizer.ts';
import { DEFAULT_REMI_CONFIG } from '../tokenizers/remi-vocab.ts';
import type { TrainingData, TransformerTrainingConfig } from './training-task.ts';

/**
 * Training recipes for the shipped Continue models, sized so that all three train in about 90 minutes
 * on two CPU cores with the wasm backend (see the measured step times in the model cards).
 * Hyperparameters live here, not in the training code.
 */

export type PresetName = 'melody-pop909' | 'folk-nottingham' | 'chorale-jsb' | 'arrangement-pop909';
export const PRESET_NAMES: readonly PresetName[] = ['melody-pop909', 'folk-nottingham', 'chorale-jsb', 'arrangement-pop909'];

export interface TransformerPreset {
  name: PresetName;
  description: string;
  trainedOn: string;
  /** default data location, relative to the project root */
  defaultDataDir: string;
  /** the training config, with the data location left to fill in */
  config: Omit<TransformerTrainingConfig, 'data'> & { data: DataTemplate };
  steps: number;
  learningRate: LearningRateSchedule;
  weightDecay: number;
  clipNorm: number;
  evalEvery: number;
  /** published figures to read this model's metrics against (written into its card) */
  references?: string[];
}

type DataTemplate = { kind: 'midi'; selection: Extract<TrainingData, { kind: 'midi' }>['selection']; validFraction: number } | { kind: 'jsb' };

const REMI_MODEL = { dModel: 128, heads: 4, layers: 4, dFF: 512, dropout: 0.1, contextLength: 256, positional: 'alibi' } as const;
const REMI_MODEL_WIDE = { dModel: 192, heads: 4, layers: 4, dFF: 768, dropout: 0.1, contextLength: 256, positional: 'alibi' } as const;

export const PRESETS: Record<PresetName, TransformerPreset> = {
  'melody-pop909': {
    name: 'melody-pop909',
    description: 'Continues a pop melody (one track) bar by bar.',
    trainedOn: 'POP909 MELODY tracks (90% of the songs, split by file-name hash)',
    defaultDataDir: '../shared/data/pop909',
    config: {
      data: { kind: 'midi', selection: 'melody', validFraction: 0.1 },
      tokenizer: DEFAULT_REMI_CONFIG,
      model: REMI_MODEL_WIDE,
      batchSize: 16,
      maxTranspose: 5,
      seed: 909,
      evalTokens: 6144,
    },
    steps: 700,
    learningRate: { peak: 1.5e-3, warmupSteps: 40, final: 5e-5 },
    weightDecay: 0.05,
    clipNorm: 1,
    evalEvery: 175,
  },
  'folk-nottingham': {
    name: 'folk-nottingham',
    description: 'Continues a folk tune with its chords (melody and accompaniment tracks).',
    trainedOn: 'Nottingham Music Database, melody + chord tracks (90% of the tunes, split by file-name hash)',
    defaultDataDir: '../shared/data/nottingham',
    config: {
      data: { kind: 'midi', selection: 'all', validFraction: 0.1 },
      tokenizer: DEFAULT_REMI_CONFIG,
      model: REMI_MODEL,
      batchSize: 16,
      maxTranspose: 5,
      seed: 1949,
      evalTokens: 6144,
    },
    steps: 600,
    learningRate: { peak: 1.5e-3, warmupSteps: 40, final: 5e-5 },
    weightDecay: 0.05,
    clipNorm: 1,
    evalEvery: 200,
  },
  'arrangement-pop909': {
    name: 'arrangement-pop909',
    description: 'Continues or fills in a pop arrangement: melody, bridge and piano, each note on its track.',
    trainedOn: 'POP909 MELODY, BRIDGE and PIANO tracks (90% of the songs, split by file-name hash)',
    defaultDataDir: '../shared/data/pop909',
    config: {
      data: { kind: 'midi', selection: 'all', validFraction: 0.1 },
      // a bar of three parts is ~100 tokens: 512 holds about five bars of context
      tokenizer: { ...DEFAULT_REMI_CONFIG, infill: true },
      model: { ...REMI_MODEL, contextLength: 512 },
      batchSize: 8,
      maxTranspose: 5,
      seed: 1909,
      evalTokens: 8192,
      infillRate: 0.5,
    },
    steps: 800,
    learningRate: { peak: 1.5e-3, warmupSteps: 60, final: 5e-5 },
    weightDecay: 0.05,
    clipNorm: 1,
    evalEvery: 200,
  },
  'chorale-jsb': {
    name: 'chorale-jsb',
    description: 'Continues a four-part chorale on a quarter-note grid.',
    trainedOn: 'JSB chorales, Boulanger-Lewandowski train split (229 pieces); validated on the valid split',
    defaultDataDir: '../shared/data/jsb',
    config: {
      data: { kind: 'jsb' },
      // soprano first: the melody is the most predictable voice from the last step, and the lower
      // voices then read it. Not yet measured to the end: the shipped chorale-jsb is bass first
      // (its card's recipe); a run of this recipe reached 5.46 nats/step at step 1000 of 2000.
      tokenizer: { ...DEFAULT_GRID_CONFIG, pitchOrder: 'descending' },
      model: { dModel: 192, heads: 4, layers: 4, dFF: 768, dropout: 0.25, contextLength: 256, positional: 'alibi' },
      batchSize: 12,
      maxTranspose: 6,
      seed: 1724,
      evalTokens: 30000,
    },
    steps: 2000,
    learningRate: { peak: 1.5e-3, warmupSteps: 60, final: 5e-5 },
    weightDecay: 0.1,
    clipNorm: 1,
    evalEvery: 250,
    references: [
      'valNllPerStep is frame-level NLL in nats per quarter-note step on the JSB valid split (published figures are on the test split)',
      'LSTM 8.45, TCN 8.10 (Bai et al. 2018); RNN-NADE 5.19 (Boulanger-Lewandowski et al. 2012); SRNN 4.74 (Fraccaro et al. 2016)',
    ],
  },
};

/** A preset's training config with its data location filled in. */
export function presetTrainingConfig(preset: TransformerPreset, dataDir: string, cacheDir?: string): TransformerTrainingConfig {
  const t = preset.config.data;
  const data: TrainingData = t.kind === 'jsb' ? { kind: 'jsb', path: dataDir } : { ...t, dir: dataDir, ...(cacheDir ? { cacheDir } : {}) };
  return { ...preset.config, data };
}
