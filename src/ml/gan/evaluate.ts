/**
 * The Remix figures (issue "Remix"), per target style and overall, on the held-out songs of a
 * style set: the remix of the plain-piano render against the true render in the target style,
 * against the doing-nothing floor (the piano itself) and the other-bank ceiling (the target style
 * rendered from another SoundFont), plus style accuracy, chroma kept and speed.
 */
import { chromaCorrelation } from '../../core/dsp/chroma.ts';
import { logSpectralDistance, multiScaleSpectralDistance } from '../../core/dsp/audio-metrics.ts';
import { AleaError } from '../../core/errors.ts';
import { styleSetRender } from '../../core/soundfont/style-set.ts';
import { StyleClassifier, styleFeature } from './style-classifier.ts';
import type { StyleRemixer } from './remix.ts';
import { styleColumns, type LoadedStyleSet } from './style-set-node.ts';

export interface GanEvalOptions {
  remixer: StyleRemixer;
  /** the style set the model was trained on (its validation segments are scored; train ones fit the classifier) */
  data: LoadedStyleSet;
  /** the validation segments rendered from another SoundFont (`--split validation`) */
  otherBank?: LoadedStyleSet;
  /** score at most this many validation segments */
  maxSegments?: number;
  /** training segments per style for the style classifier */
  classifierSegments?: number;
  griffinLimIterations?: number;
  onProgress?: (stage: string, fraction: number) => void;
}

export interface GanEvalResult {
  figures: Record<string, number>;
  perStyle: Record<string, Record<string, number>>;
}

const SOURCE_STYLE = 0;

export function evaluateGan(options: GanEvalOptions): GanEvalResult {
  const { remixer, data } = options;
  const config = remixer.config;
  const sr = config.sampleRate;
  const columns = styleColumns(data, config);
  const validation = data.manifest.segments.flatMap((s, i) => (s.split === 'validation' ? [i] : []));
  if (validation.length === 0) throw new AleaError('bad-input', 'has no validation segments to score', data.dir);
  const limit = Math.min(validation.length, options.maxSegments ?? validation.length);
  const segments = Array.from({ length: limit }, (_, i) => validation[Math.floor((i * validation.length) / limit)]);
  const other = options.otherBank ? pairOtherBank(options.otherBank, data, config.styles.map((s) => s.name)) : undefined;

  // the style classifier, from training renders
  const trainSegments = data.manifest.segments.flatMap((s, i) => (s.split === 'train' ? [i] : []));
  const perStyle = Math.min(trainSegments.length, options.classifierSegments ?? 120);
  const classifier = StyleClassifier.train(
    columns.map((column, j) => {
      options.onProgress?.('fitting the style classifier', j / columns.length);
      return Array.from({ length: perStyle }, (_, i) => styleFeature(styleSetRender(data.pcm, data.manifest, trainSegments[Math.floor((i * trainSegments.length) / perStyle)], column), sr));
    }),
  );

  const sums = new Map<string, Map<string, { total: number; count: number }>>();
  const add = (style: string, name: string, value: number): void => {
    for (const key of [style, 'overall']) {
      const table = sums.get(key) ?? new Map<string, { total: number; count: number }>();
      sums.set(key, table);
      const entry = table.get(name) ?? { total: 0, count: 0 };
      entry.total += value;
      entry.count++;
      table.set(name, entry);
    }
  };
  let remixSeconds = 0;
  let audioSeconds = 0;
  const targets = config.styles.map((_, j) => j).filter((j) => j !== SOURCE_STYLE);
  segments.forEach((segment, k) => {
    options.onProgress?.('remixing held-out segments', k / segments.length);
    const input = styleSetRender(data.pcm, data.manifest, segment, columns[SOURCE_STYLE]);
    const otherSegment = other?.segmentOf.get(segment);
    for (const j of targets) {
      const name = config.styles[j].name;
      const target = styleSetRender(data.pcm, data.manifest, segment, columns[j]);
      const started = performance.now();
      const remix = remixer.remix(input, j, { griffinLimIterations: options.griffinLimIterations });
      remixSeconds += (performance.now() - started) / 1000;
      audioSeconds += input.length / sr;
      add(name, 'lsdRemixToTarget', logSpectralDistance(target, remix, sr));
      add(name, 'lsdInputToTarget', logSpectralDistance(target, input, sr));
      add(name, 'mssRemixToTarget', multiScaleSpectralDistance(target, remix));
      add(name, 'mssInputToTarget', multiScaleSpectralDistance(target, input));
      add(name, 'chromaCorrelation', chromaCorrelation(input, remix, sr));
      add(name, 'chromaCorrelationOfTargets', chromaCorrelation(input, target, sr));
      add(name, 'styleAccuracy', classifier.classify(styleFeature(remix, sr)) === j ? 1 : 0);
      add(name, 'styleAccuracyOfTargets', classifier.classify(styleFeature(target, sr)) === j ? 1 : 0);
      add(name, 'styleAccuracyOfInputs', classifier.classify(styleFeature(input, sr)) === j ? 1 : 0);
      if (other !== undefined && otherSegment !== undefined) {
        const otherTarget = styleSetRender(other.set.pcm, other.set.manifest, otherSegment, other.columns[j]);
        const otherInput = styleSetRender(other.set.pcm, other.set.manifest, otherSegment, other.columns[SOURCE_STYLE]);
        add(name, 'lsdOtherBank', logSpectralDistance(target, otherTarget, sr));
        add(name, 'lsdOtherBankInputToTarget', logSpectralDistance(target, otherInput, sr));
        add(name, 'lsdRemixOfOtherBankToTarget', logSpectralDistance(target, remixer.remix(otherInput, j, { griffinLimIterations: options.griffinLimIterations }), sr));
      }
    }
  });
  options.onProgress?.('remixing held-out segments', 1);
  const means = (key: string): Record<string, number> =>
    Object.fromEntries([...(sums.get(key)?.entries() ?? [])].map(([name, e]) => [name, e.total / e.count]));
  const figures = means('overall');
  figures.lsdRatio = figures.lsdRemixToTarget / figures.lsdInputToTarget;
  figures.realTimeFactor = audioSeconds / Math.max(1e-9, remixSeconds);
  figures.segments = segments.length;
  const byStyle = Object.fromEntries(targets.map((j) => {
    const f = means(config.styles[j].name);
    f.lsdRatio = f.lsdRemixToTarget / f.lsdInputToTarget;
    return [config.styles[j].name, f];
  }));
  return { figures, perStyle: byStyle };
}

/** The other bank's segment index for each segment of `data` (same song and start), and its style columns. */
function pairOtherBank(set: LoadedStyleSet, data: LoadedStyleSet, styles: readonly string[]): { set: LoadedStyleSet; columns: number[]; segmentOf: Map<number, number> } {
  if (set.manifest.sampleRate !== data.manifest.sampleRate || set.manifest.segmentSeconds !== data.manifest.segmentSeconds) {
    throw new AleaError('bad-input', `renders differ from ${data.dir}'s (sample rate or segment length)`, set.dir);
  }
  const columns = styles.map((name) => {
    const column = set.manifest.styles.findIndex((s) => s.name === name);
    if (column < 0) throw new AleaError('bad-input', `has no style '${name}'`, set.dir);
    return column;
  });
  const index = new Map(set.manifest.segments.map((s, i) => [`${s.source}@${s.startSeconds}`, i]));
  const segmentOf = new Map<number, number>();
  data.manifest.segments.forEach((s, i) => {
    const j = index.get(`${s.source}@${s.startSeconds}`);
    if (j !== undefined) segmentOf.set(i, j);
  });
  if (segmentOf.size === 0) throw new AleaError('bad-input', `shares no segment with ${data.dir} (render it with the same --midi, --segments and --seconds, and --split validation)`, set.dir);
  return { set, columns, segmentOf };
}
