/** Reads a style set written by `alea dataset styles` (Node: files on disk) and computes its features. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AleaError, badInput } from '../../core/errors.ts';
import { decodeStyleSetAudio, parseStyleSetManifest, STYLE_SET_AUDIO, STYLE_SET_MANIFEST, styleSetRender, type StyleSetManifest } from '../../core/soundfont/style-set.ts';
import type { GanConfig } from './config.ts';
import { audioFeatures } from './features.ts';

export interface LoadedStyleSet {
  dir: string;
  manifest: StyleSetManifest;
  pcm: Int16Array;
}

export async function loadStyleSet(dir: string): Promise<LoadedStyleSet> {
  const manifestPath = join(dir, STYLE_SET_MANIFEST);
  const audioPath = join(dir, STYLE_SET_AUDIO);
  const text = await readFile(manifestPath, 'utf8').catch(() => {
    throw badInput(`no ${STYLE_SET_MANIFEST} here (make one with 'alea dataset styles')`, dir);
  });
  const manifest = parseStyleSetManifest(text, manifestPath);
  if (manifest.segments.length === 0) throw badInput('holds no segments', manifestPath);
  const bytes = await readFile(audioPath).catch(() => {
    throw badInput('is missing (the style set is incomplete)', audioPath);
  });
  return { dir, manifest, pcm: decodeStyleSetAudio(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), manifest, audioPath) };
}

/** Features of the chosen segments in every style of the model, in the model's style order. */
export interface StyleFeatures {
  config: GanConfig;
  /** segment indices in the set */
  segments: number[];
  frames: number;
  /** [segment k][model style j] → frames × nMels */
  features: Float32Array[][];
}

/** Maps the model's styles onto the set's; a style the set lacks is one clear error. */
export function styleColumns(set: LoadedStyleSet, config: GanConfig): number[] {
  return config.styles.map((style) => {
    const column = set.manifest.styles.findIndex((s) => s.name === style.name);
    if (column < 0) throw new AleaError('bad-input', `has no style '${style.name}' (it has ${set.manifest.styles.map((s) => s.name).join(', ')})`, set.dir);
    return column;
  });
}

export function styleSetFeatures(set: LoadedStyleSet, config: GanConfig, split: 'train' | 'validation', options: { limit?: number } = {}): StyleFeatures {
  if (set.manifest.sampleRate !== config.sampleRate) {
    throw new AleaError('bad-input', `renders are at ${set.manifest.sampleRate} Hz, the model works at ${config.sampleRate} Hz`, set.dir);
  }
  const columns = styleColumns(set, config);
  const all = set.manifest.segments.flatMap((s, i) => (s.split === split ? [i] : []));
  const limit = options.limit ?? all.length;
  const segments = limit >= all.length ? all : Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)]);
  let frames = 0;
  const features = segments.map((segment) =>
    columns.map((column) => {
      const f = audioFeatures(styleSetRender(set.pcm, set.manifest, segment, column), config);
      frames = f.frames;
      return f.data;
    }),
  );
  return { config, segments, frames, features };
}
