import { describe, expect, it } from 'vitest';
import { isAleaError } from '../../../src/core/errors.ts';
import { INFERNO } from '../../../src/app/lib/colour-map.ts';
import { axisLabels, rowCentreHz, rowOfHz, rowSources } from '../../../src/app/lib/log-frequency.ts';
import { CHUNK_FRAMES, chunkPlan, frameTotal, SpectrogramAnalyser, spectrogramSettings, type SpectrogramSettings } from '../../../src/app/lib/spectrogram-analysis.ts';
import { clipFrames, paintColumns, repaintColumns } from '../../../src/app/lib/spectrogram-image.ts';
import { formatSeconds, secondsStep, secondsTicks } from '../../../src/app/lib/seconds-ticks.ts';

const RATE = 48000;

/** The whole clip's levels, chunk by chunk as the worker computes them. */
function analyseAll(signal: Float32Array, settings: SpectrogramSettings): Uint8Array {
  const analyser = new SpectrogramAnalyser(settings);
  const rows = settings.axis.rows;
  const out = new Uint8Array(frameTotal(signal.length, settings.hop) * rows);
  for (const chunk of chunkPlan(signal.length, settings, 64)) {
    out.set(analyser.analyse([signal.slice(chunk.fromSample, chunk.toSample)], chunk, 'test.wav'), chunk.firstFrame * rows);
  }
  return out;
}

const frameOf = (levels: Uint8Array, rows: number, t: number): Uint8Array => levels.subarray(t * rows, (t + 1) * rows);
const loudestRow = (column: Uint8Array): number => column.indexOf(Math.max(...column));
const luminance = (level: number): number => 0.2126 * INFERNO[level * 4] + 0.7152 * INFERNO[level * 4 + 1] + 0.0722 * INFERNO[level * 4 + 2];

describe('log-frequency axis', () => {
  const axis = { minHz: 20, maxHz: 20000, rows: 160 };

  it('puts each octave on the same number of rows and labels in Hz', () => {
    expect(rowOfHz(axis, 2000) - rowOfHz(axis, 1000)).toBe(rowOfHz(axis, 200) - rowOfHz(axis, 100));
    expect(rowOfHz(axis, 20)).toBe(0);
    expect(rowOfHz(axis, 19999)).toBe(159);
    expect(axisLabels(axis).map((l) => l.text)).toEqual(['20', '50', '100', '200', '500', '1k', '2k', '5k', '10k', '20k']);
  });

  it('gives every row a source: bins where it is wider than a bin, an interpolation where narrower', () => {
    const sources = rowSources(axis, 4096, RATE);
    expect(sources).toHaveLength(160);
    expect(sources[0].kind).toBe('between');
    const top = sources[159];
    expect(top.kind === 'bins' && top.to - top.from > 10).toBe(true);
  });
});

describe('spectrogram levels', () => {
  const settings = spectrogramSettings(RATE);
  const rows = settings.axis.rows;

  it('lights the 1 kHz row for a 1 kHz sine and leaves rows a third of an octave away dark', () => {
    const sine = new Float32Array(RATE / 2).map((_, n) => 0.5 * Math.sin((2 * Math.PI * 1000 * n) / RATE));
    const levels = analyseAll(sine, settings);
    const column = frameOf(levels, rows, 20);
    const row = rowOfHz(settings.axis, 1000);
    expect(loudestRow(column)).toBe(row);
    expect(column[row]).toBeGreaterThan(230); // −6 dBFS: near the top of the scale
    column.forEach((level, r) => {
      const octaves = Math.abs(Math.log2(rowCentreHz(settings.axis, r) / 1000));
      if (octaves > 1 / 3) expect(level, `row ${r} (${rowCentreHz(settings.axis, r).toFixed(0)} Hz)`).toBeLessThan(40);
    });
  });

  it('shows silence as the floor level everywhere', () => {
    const levels = analyseAll(new Float32Array(RATE / 4), settings);
    expect(levels.every((l) => l === 0)).toBe(true);
  });

  it("follows a chirp: the loudest row rises over time", () => {
    // 100 Hz → 8 kHz, exponential sweep over 2 s
    const seconds = 2;
    const [f0, f1] = [100, 8000];
    const k = Math.log(f1 / f0) / seconds;
    const chirp = new Float32Array(RATE * seconds).map((_, n) => 0.5 * Math.sin(((2 * Math.PI * f0) / k) * (Math.exp((k * n) / RATE) - 1)));
    const levels = analyseAll(chirp, settings);
    const frames = frameTotal(chirp.length, settings.hop);
    const peaks = [0.1, 0.3, 0.5, 0.7, 0.9].map((t) => loudestRow(frameOf(levels, rows, Math.round(t * (frames - 1)))));
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThan(peaks[i - 1]);
    // halfway through the sweep the tone is at the geometric mean, ~894 Hz
    expect(Math.abs(peaks[2] - rowOfHz(settings.axis, Math.sqrt(f0 * f1)))).toBeLessThanOrEqual(2);
  });

  it('plans a 10-minute clip at 48 kHz as chunks of bounded size that cover every frame once', () => {
    const length = 10 * 60 * RATE;
    const chunks = chunkPlan(length, settings);
    expect(chunks.length).toBeGreaterThan(50);
    let next = 0;
    for (const chunk of chunks) {
      expect(chunk.firstFrame).toBe(next);
      expect(chunk.frames).toBeLessThanOrEqual(CHUNK_FRAMES);
      expect(chunk.toSample - chunk.fromSample).toBeLessThanOrEqual(CHUNK_FRAMES * settings.hop + settings.nFft);
      next += chunk.frames;
    }
    expect(next).toBe(frameTotal(length, settings.hop));
  });

  it('gives chunk by chunk the levels of the whole clip at once', () => {
    const noise = new Float32Array(RATE * 2).map((_, n) => Math.sin(n * 0.37) * Math.sin(n * 0.0011));
    const chunked = analyseAll(noise, settings);
    const analyser = new SpectrogramAnalyser(settings);
    const [whole] = chunkPlan(noise.length, settings, 1_000_000);
    expect(analyser.analyse([noise], whole, 'test.wav')).toEqual(chunked);
  });

  it('refuses NaN samples with one line naming the clip and the sample', () => {
    const signal = new Float32Array(4096);
    signal[1234] = Number.NaN;
    const analyser = new SpectrogramAnalyser(settings);
    const [chunk] = chunkPlan(signal.length, settings);
    let caught: unknown = null;
    try {
      analyser.analyse([signal], chunk, 'broken.wav');
    } catch (error) {
      caught = error;
    }
    expect(isAleaError(caught)).toBe(true);
    const line = isAleaError(caught) ? caught.toLine() : '';
    expect(line).toContain('broken.wav');
    expect(line).toContain('sample 1234');
    expect(line).not.toContain('\n');
  });
});

describe('colour map and image', () => {
  it('is perceptually ordered: lightness rises with level, the floor is near black', () => {
    expect(luminance(0)).toBeLessThan(5);
    for (let level = 8; level < 256; level += 8) expect(luminance(level)).toBeGreaterThan(luminance(level - 8));
  });

  it('paints one column per pixel, loudest frame per row, highest band on top, nothing where no clip is', () => {
    const rows = 4;
    // 4 frames: frame 2 loud in the top band
    const levels = new Uint8Array(4 * rows);
    levels[2 * rows + 3] = 255;
    const data = { rows, ready: 4, levels, frameSeconds: 0.01 };
    const pixels = paintColumns(data, 3, (x) => (x === 0 ? [0, 2] : x === 1 ? [2, 4] : null), INFERNO);
    const at = (x: number, y: number): number[] => [...pixels.subarray((y * 3 + x) * 4, (y * 3 + x) * 4 + 4)];
    expect(at(1, 0)).toEqual([...INFERNO.subarray(255 * 4, 256 * 4)]); // top row, column over frames 2–3
    expect(at(0, 0)).toEqual([...INFERNO.subarray(0, 4)]); // frames 0–1: the floor
    expect(at(1, 3)).toEqual([...INFERNO.subarray(0, 4)]); // lowest band
    expect(at(2, 0)[3]).toBe(0); // no clip: transparent
  });

  it('leaves frames not yet computed transparent', () => {
    const data = { rows: 2, ready: 1, levels: new Uint8Array(8).fill(200), frameSeconds: 0.01 };
    const pixels = paintColumns(data, 2, (x) => [x * 2, x * 2 + 2], INFERNO);
    expect(pixels[3]).toBe(255);
    expect(pixels[7]).toBe(0);
  });

  it('repaints only the columns over frames that landed since the last paint', () => {
    const rows = 2;
    const levels = new Uint8Array(6 * rows).fill(100);
    const data = { rows, ready: 2, levels, frameSeconds: 0.01 };
    const framesAtX = (x: number): readonly [number, number] => [x * 2, x * 2 + 2];
    const image = { pixels: paintColumns(data, 3, framesAtX, INFERNO), width: 3 };
    expect(image.pixels[3]).toBe(255); // column 0 painted
    expect(image.pixels[7]).toBe(0); // column 1 not computed yet
    image.pixels[0] = 1; // a mark: column 0 must not be painted again
    levels.fill(200, 2 * rows, 4 * rows);
    expect(repaintColumns({ ...data, ready: 4 }, image, framesAtX, INFERNO, 2)).toEqual([1, 2]);
    expect(image.pixels[0]).toBe(1);
    expect([...image.pixels.subarray(4, 8)]).toEqual([...INFERNO.subarray(200 * 4, 201 * 4)]);
    expect(image.pixels[11]).toBe(0); // column 2: still to come
    expect(repaintColumns({ ...data, ready: 4 }, image, framesAtX, INFERNO, 4)).toBeNull(); // nothing new
  });

  it('repaints a column that was half computed, with its loudest frame', () => {
    const rows = 1;
    const levels = Uint8Array.from([10, 250]);
    const image = { pixels: paintColumns({ rows, ready: 1, levels, frameSeconds: 0.01 }, 1, () => [0, 2], INFERNO), width: 1 };
    expect(image.pixels[0]).toBe(INFERNO[10 * 4]);
    expect(repaintColumns({ rows, ready: 2, levels, frameSeconds: 0.01 }, image, () => [0, 2], INFERNO, 1)).toEqual([0, 1]);
    expect(image.pixels[0]).toBe(INFERNO[250 * 4]);
  });

  it("maps a placed clip's columns to its stretch of the source", () => {
    const clips = [{ source: 'row', startSeconds: 2, lengthSeconds: 1, offsetSeconds: 0.5, gainDb: 0 }];
    const frames = clipFrames(clips, (x) => x * 0.1, 0.01); // 10 px per second
    expect(frames(19)).toBeNull();
    expect(frames(20)).toEqual([50, 60]); // timeline 2.0 s = source 0.5 s
    expect(frames(30)).toBeNull();
  });
});

describe('seconds ruler', () => {
  it('spaces labels at least the minimum apart and prints them plainly', () => {
    expect(secondsStep(100)).toBe(1); // 100 px per second: a label each second
    expect(secondsStep(1000)).toBe(0.1);
    expect(secondsStep(2)).toBe(30);
    expect(secondsTicks(0.25, 0.75, 0.1)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(formatSeconds(0.3, 0.1)).toBe('0.3 s');
    expect(formatSeconds(125, 5)).toBe('2:05');
  });
});
