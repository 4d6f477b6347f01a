import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '../../../src/core/audio/wav-read.ts';
import { logMelMean } from '../../../src/core/dsp/audio-metrics.ts';
import { repoRoot, runCli } from './run-cli.ts';

const MODEL = join(repoRoot, 'models/timbre-vae');
const FLOW = join(repoRoot, 'models/timbre-flow');
const shipped = existsSync(join(MODEL, 'card.json'));
const A = 'samples/flute-g4.wav';
const B = 'samples/pluck-c4.wav';

function wav(path: string): ReturnType<typeof readWav> {
  return readWav(new Uint8Array(readFileSync(path)), path);
}

function distance(x: Float32Array, y: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - y[i]) ** 2;
  return Math.sqrt(s);
}

describe('alea morph: usage and bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-morph-'));

  it('needs two sounds or --sample, and --t or --steps, not both (exit 2)', () => {
    expect(runCli(['morph', A, '-o', join(dir, 'x.wav')]).status).toBe(2);
    expect(runCli(['morph', A, B, '--t', '0.5', '--steps', '3', '-o', dir]).status).toBe(2);
    expect(runCli(['morph', A, B, '--sample', '-o', join(dir, 'x.wav')]).status).toBe(2);
    expect(runCli(['morph', A, B, '--t', '1.5', '-o', join(dir, 'x.wav')]).status).toBe(2);
  });

  it('refuses a broken WAV in one line naming it, and writes nothing (exit 1)', () => {
    const bad = join(dir, 'bad.wav');
    writeFileSync(bad, 'RIFF....WAVEnope');
    const out = join(dir, 'never.wav');
    const result = runCli(['morph', bad, B, '-o', out]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('bad.wav');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite one of its inputs (exit 2)', () => {
    const result = runCli(['morph', A, B, '-o', join(repoRoot, A), '--model', MODEL]);
    expect(result.status).toBe(2);
  });
});

describe.skipIf(!shipped)('alea morph with the shipped timbre VAE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-morph-'));

  it('writes 5 WAVs whose spectra move from the first sound towards the second, with provenance', () => {
    const out = join(dir, 'm');
    const result = runCli(['morph', A, B, '-o', `${out}/`, '--steps', '5', '--json'], 240_000);
    expect(result.stderr).not.toContain('alea: internal');
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as { written: { file: string; t: number }[]; pitch: number };
    expect(summary.written.map((w) => w.t)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(summary.pitch).toBe(67); // the flute's G4
    const features = summary.written.map((w) => {
      const { audio, provenance } = wav(w.file);
      expect(audio.sampleRate).toBe(44100);
      expect(audio.channels[0].every(Number.isFinite)).toBe(true);
      expect(provenance?.model?.name).toBe('timbre-vae');
      expect(provenance?.params?.t).toBe(w.t);
      return logMelMean(audio.channels[0], audio.sampleRate);
    });
    // Heard through the same feature, the ends lie nearer their own sound than the other's.
    const a = wav(join(repoRoot, A)).audio;
    const b = wav(join(repoRoot, B)).audio;
    const fa = logMelMean(a.channels[0], a.sampleRate);
    const fb = logMelMean(b.channels[0], b.sampleRate);
    expect(distance(features[0], fa) - distance(features[0], fb)).toBeLessThan(distance(features[4], fa) - distance(features[4], fb));
    // and every step moves away from the first sound
    const fromFirst = features.map((f) => distance(f, features[0]));
    expect(fromFirst[4]).toBeGreaterThan(fromFirst[1]);
  });

  it.skipIf(!existsSync(join(FLOW, 'card.json')))('the same seed gives the same bytes; --sample draws from the flow prior', () => {
    const x = join(dir, 's1.wav');
    const y = join(dir, 's2.wav');
    const z = join(dir, 's3.wav');
    expect(runCli(['morph', '--sample', '--seed', '4', '-o', x]).status).toBe(0);
    expect(runCli(['morph', '--sample', '--seed', '4', '-o', y]).status).toBe(0);
    expect(runCli(['morph', '--sample', '--seed', '5', '-o', z]).status).toBe(0);
    expect(readFileSync(x).equals(readFileSync(y))).toBe(true);
    expect(readFileSync(x).equals(readFileSync(z))).toBe(false);
    expect(wav(x).provenance?.params?.sample).toBe(true);
  });
});
