// Stand-in for src/plugins/builtin/continue/index.ts until it lands: same names and types.
import type { Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import { appendSong, trimSong } from '../../core/music/song-edit.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import { songEndTick } from '../../core/music/song.ts';
import type { ParamValues } from '../../plugins/types.ts';

export interface ContinueModel {
  name: string;
  dispose(): void;
}

export interface ContinueResult {
  variations: Song[];
  continuationStartTick: number;
  provenance: Provenance[];
}

export async function loadContinueModelFromUrl(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<ContinueModel> {
  const response = await fetchFn(`${baseUrl}card.json`);
  if (!response.ok) throw new Error(`no model at ${baseUrl}`);
  return { name: baseUrl.split('/').filter(Boolean).pop() ?? 'model', dispose: () => {} };
}

export async function generateContinuations(
  model: ContinueModel,
  song: Song,
  params: ParamValues,
  onProgress?: (fraction: number) => void,
): Promise<ContinueResult> {
  const map = TempoMap.fromSong(song);
  const end = songEndTick(song);
  const start = map.nextBarStart(end);
  const lastBar = map.barStartTick(Math.max(0, map.barIndexAt(end - 1)));
  const count = Number(params.variations);
  const variations: Song[] = [];
  for (let v = 0; v < count; v++) {
    let part = trimSong(song, lastBar, start);
    part = { ...part, tracks: part.tracks.map((t) => ({ ...t, notes: t.notes.map((n) => ({ ...n, pitch: n.pitch + v + 1 })) })) };
    let out = song;
    for (let b = 0; b < Number(params.bars); b++) out = appendSong(out, part, start + b * (start - lastBar));
    variations.push(out);
    await new Promise((resolve) => setTimeout(resolve, 200));
    onProgress?.((v + 1) / count);
  }
  const provenance = variations.map((_, v) => ({
    generator: 'Alea 0.1.0 continue',
    model: { name: model.name, sha256: 'stub' },
    params: { bars: Number(params.bars), variation: v + 1 },
    seed: Number(params.seed),
  }));
  return { variations, continuationStartTick: start, provenance };
}
