import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeStyleSetAudio, isValidationSong, parseStyleSetManifest, styleSetRender } from '../../../src/core/soundfont/style-set.ts';
import { chromaCorrelation } from '../../../src/core/dsp/chroma.ts';
import { logSpectralDistance } from '../../../src/core/dsp/audio-metrics.ts';
import { runCli } from '../cli/run-cli.ts';

// CI installs Debian's timgm6mb-soundfont; without it there is nothing to render.
const BANK = '/usr/share/sounds/sf2/TimGM6mb.sf2';
const MIDI = join(import.meta.dirname, '../../../../shared/data/nottingham');

describe('style-set manifest', () => {
  const good = {
    format: 'alea-styles', version: 1, sampleRate: 16000, segmentSeconds: 1, gain: 1,
    soundfont: { file: 'x.sf2', sha256: 'a'.repeat(64) },
    styles: [{ name: 'piano', melody: 0, accompaniment: 0 }, { name: 'strings', melody: 40, accompaniment: 48 }],
    segments: [{ source: 'n/a.mid', split: 'train', startSeconds: 0, notes: 8 }],
  };

  it('names the bad field in one line', () => {
    expect(parseStyleSetManifest(JSON.stringify(good), 'styles.json').segments.length).toBe(1);
    expect(() => parseStyleSetManifest(JSON.stringify({ ...good, styles: [good.styles[0], good.styles[0]] }), 'styles.json')).toThrow(/'piano' is listed twice/);
    expect(() => parseStyleSetManifest(JSON.stringify({ ...good, segments: [{ ...good.segments[0], split: 'test' }] }), 'styles.json')).toThrow(/segments\[0\]\.split/);
    expect(() => parseStyleSetManifest('{', 'styles.json')).toThrow(/not valid JSON/);
  });

  it('refuses audio of the wrong size', () => {
    const manifest = parseStyleSetManifest(JSON.stringify(good), 'styles.json');
    expect(() => decodeStyleSetAudio(new Uint8Array(10), manifest, 'audio.pcm16')).toThrow(/holds 10 bytes.*need 64000/);
  });

  it('holds out about a tenth of songs, by name, stably', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `song${i}.mid`);
    const share = names.filter((n) => isValidationSong(n)).length / names.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
    expect(isValidationSong('song1.mid')).toBe(isValidationSong('song1.mid'));
  });
});

describe('alea dataset styles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-styles-'));

  it.skipIf(!existsSync(BANK) || !existsSync(MIDI))(`renders paired segments, the same selection for --split validation (needs ${BANK})`, () => {
    const out = join(dir, 'set');
    const args = ['dataset', 'styles', '--soundfont', BANK, '--midi', MIDI, '--out', out, '--segments', '8', '--seconds', '1.5', '--styles', 'piano,strings', '--validation-share', '0.25', '--json'];
    const result = runCli(args);
    expect(result.stderr).not.toContain('alea:');
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ segments: 8, train: 6, validation: 2, styles: 2, clippedSamples: 0 });
    const manifest = parseStyleSetManifest(readFileSync(join(out, 'styles.json'), 'utf8'), 'styles.json');
    expect(manifest.styles.map((s) => s.name)).toEqual(['piano', 'strings']);
    for (const s of manifest.segments) expect(isValidationSong(s.source.split('/')[1])).toBe(s.split === 'validation');
    const pcm = decodeStyleSetAudio(new Uint8Array(readFileSync(join(out, 'audio.pcm16'))), manifest, 'audio.pcm16');
    // paired: the same notes (chroma) in another timbre (spectrum)
    const piano = styleSetRender(pcm, manifest, 0, 0);
    const strings = styleSetRender(pcm, manifest, 0, 1);
    expect(chromaCorrelation(piano, strings, 16000)).toBeGreaterThan(0.6);
    expect(logSpectralDistance(piano, strings, 16000)).toBeGreaterThan(3);

    const valid = join(dir, 'valid');
    expect(runCli([...args.map((a) => (a === out ? valid : a)), '--split', 'validation']).status).toBe(0);
    const validManifest = parseStyleSetManifest(readFileSync(join(valid, 'styles.json'), 'utf8'), 'styles.json');
    expect(validManifest.segments).toEqual(manifest.segments.filter((s) => s.split === 'validation'));
  });

  it('refuses an unknown style (exit 2) and a folder without MIDI files (exit 1)', () => {
    const unknown = runCli(['dataset', 'styles', '--soundfont', BANK, '--midi', dir, '--out', join(dir, 'x'), '--styles', 'piano,polka']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown style 'polka'");
    if (!existsSync(BANK)) return;
    // A folder of its own (not the other test's output), so this test does not depend on the order or on the corpus.
    const noMidi = join(dir, 'no-midi');
    mkdirSync(noMidi, { recursive: true });
    writeFileSync(join(noMidi, 'notes.txt'), 'not a MIDI file');
    const empty = runCli(['dataset', 'styles', '--soundfont', BANK, '--midi', noMidi, '--out', join(dir, 'y')]);
    expect(empty.status).toBe(1);
    expect(empty.stderr.trim().split('\n').length).toBe(1);
    expect(empty.stderr).toContain('no .mid files');
  });
});
