import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNoteSetAudio, noteSamples, parseNoteSetManifest } from '../../../src/core/soundfont/note-set.ts';
import { detectPitch } from '../../../src/core/dsp/pitch.ts';
import { runCli } from './run-cli.ts';

// CI installs Debian's timgm6mb-soundfont; without it there is nothing to render.
const BANK = '/usr/share/sounds/sf2/TimGM6mb.sf2';

describe('alea dataset notes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alea-dataset-'));

  it.skipIf(!existsSync(BANK))(`renders a small note set the reader accepts (needs ${BANK}: apt-get install timgm6mb-soundfont)`, () => {
    const out = join(dir, 'set');
    const args = ['dataset', 'notes', '--soundfont', BANK, '--out', out, '--programs', '0,73', '--pitch-step', '12', '--velocities', '60,110', '--hold', '0.5', '--release', '0.25', '--json'];
    const result = runCli(args);
    expect(result.stderr).not.toContain('alea:');
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    // piano 21..108 every 12 → 8 pitches, flute 60..96 → 4; two velocities each
    expect(summary.notes + summary.droppedSilent).toBe(24);
    expect(summary.clippedSamples).toBe(0);

    const manifest = parseNoteSetManifest(readFileSync(join(out, 'notes.json'), 'utf8'), 'notes.json');
    expect(manifest.notes.length).toBe(summary.notes);
    expect(manifest.sampleRate).toBe(16000);
    expect(manifest.noteSeconds).toBe(0.75);
    expect(manifest.soundfont.file).toBe('TimGM6mb.sf2');
    const pcm = decodeNoteSetAudio(new Uint8Array(readFileSync(join(out, 'audio.pcm16'))), manifest, 'audio.pcm16');
    const index = manifest.notes.findIndex((n) => n.program === 73 && n.pitch === 72);
    expect(manifest.notes[index].name).toBe('Flute');
    expect(detectPitch(noteSamples(pcm, manifest, index), 16000)?.midi).toBe(72);

    // deterministic: the same command writes the same bytes
    const again = join(dir, 'again');
    expect(runCli(args.map((a) => (a === out ? again : a))).status).toBe(0);
    expect(Buffer.compare(readFileSync(join(out, 'audio.pcm16')), readFileSync(join(again, 'audio.pcm16')))).toBe(0);
  });

  it('refuses a missing or corrupt SoundFont and an unwritable folder with one line and exit 1', () => {
    const missing = runCli(['dataset', 'notes', '--soundfont', join(dir, 'nope.sf2'), '--out', join(dir, 'x')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`alea: ${join(dir, 'nope.sf2')}: no such file`);

    const corrupt = join(dir, 'corrupt.sf2');
    writeFileSync(corrupt, 'RIFF....sfbk but not really a SoundFont');
    const bad = runCli(['dataset', 'notes', '--soundfont', corrupt, '--out', join(dir, 'y')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`${corrupt}: is not a readable SoundFont`);

    if (existsSync(BANK)) {
      const file = join(dir, 'a-file');
      writeFileSync(file, 'x');
      const unwritable = runCli(['dataset', 'notes', '--soundfont', BANK, '--out', join(file, 'sub'), '--programs', '0']);
      expect(unwritable.status).toBe(1);
      expect(unwritable.stderr.trim()).toBe(`alea: ${join(file, 'sub')}: output folder is not a folder`);
    }
  });

  it('treats bad option values as usage errors (exit 2)', () => {
    for (const [flag, value] of [['--programs', '0-200'], ['--velocities', '0'], ['--pitch-step', '0'], ['--programs', 'piano']]) {
      const result = runCli(['dataset', 'notes', '--soundfont', BANK, '--out', join(dir, 'z'), flag, value]);
      expect(result.status, `${flag} ${value}`).toBe(2);
      expect(result.stderr).toContain(flag);
    }
  });
});
