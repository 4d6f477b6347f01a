// Remix in the browser: the panel on an imported WAV; with a style GAN installed, the ML worker
// remixes the clip onto a new track (progress shown), Strength and A/B then change the mix with
// no new model run (the WAV export renders what is set), and Undo takes the track away again.
// The runs are skipped (with a line saying why) when models/index.json lists no style GAN.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectWav } from './inspect-exports.mjs';
import { makeSineWav } from './test-files.mjs';

const NAMES = [
  'the Remix panel opens on an imported WAV with its styles (or says no style model is installed)',
  'Remix plays the clip as strings on a new track in the ML worker',
  'Strength and A/B move the remix track\'s mix with no model run, and the WAV export renders it',
  'Undo removes the remix track and leaves the original as it was',
];

/** The style GANs models/index.json lists for Remix. */
export async function remixModels(repoRoot) {
  try {
    const index = JSON.parse(await readFile(join(repoRoot, 'models', 'index.json'), 'utf8'));
    return index.models.filter((m) => m.plugins.includes('remix')).map((m) => m.name);
  } catch {
    return [];
  }
}

/** `t`: the runner's check, skip, expect, download and recordConsoleErrors. */
export async function remixChecks(t, { context, server, consoleErrors, models }) {
  const page = await context.newPage();
  t.recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(30_000);
  const tracks = () => page.locator('[data-testid="track"]').count();
  const exportWav = async () => {
    await page.selectOption('[data-testid="wav-depth"]', { label: '16-bit' });
    const { bytes } = await t.download(page, () => page.click('[data-testid="export-wav"]'));
    return { bytes: Buffer.from(bytes), info: inspectWav(bytes) };
  };
  /** Whether two exports sound different: their peaks in 50 ms windows. */
  const differs = (x, y) => {
    const windows = Math.ceil(Math.max(x.info.seconds, y.info.seconds) / 0.05);
    return Array.from({ length: windows }, (_, i) => Math.abs(x.info.peakBetween(i * 0.05, (i + 1) * 0.05) - y.info.peakBetween(i * 0.05, (i + 1) * 0.05))).some((d) => d > 0.01);
  };
  try {
    await t.check(NAMES[0], async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.setInputFiles('[data-testid="import-input"]', { name: 'sine.wav', mimeType: 'audio/wav', buffer: makeSineWav() });
      await page.waitForSelector('[data-testid="waveform-lane"]');
      await page.click('[data-testid="remix-button"]');
      await page.waitForSelector('[data-testid="remix-source"]');
      const styles = await page.locator('[data-testid="remix-style"] option').allTextContents();
      t.expect(styles.includes('strings'), `styles: ${styles.join(', ')}`);
      if (models.length === 0) {
        await page.waitForSelector('[data-testid="remix-no-model"]');
        t.expect(await page.isDisabled('[data-testid="remix-run"]'), 'Remix can be started with no model installed');
        return 'no style model installed, and the panel says so';
      }
      return styles.join(', ');
    });
    if (models.length === 0) {
      for (const name of NAMES.slice(1)) t.skip(name, 'models/index.json lists no style GAN (models/style-gan)');
      return;
    }
    let before = 0;
    let original = null;
    await t.check(NAMES[1], async () => {
      before = await tracks();
      original = await exportWav();
      await page.selectOption('[data-testid="remix-style"]', 'strings');
      await page.click('[data-testid="remix-run"]');
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="track"]').length === n + 1 || document.querySelector('[data-testid="remix-problem"]'),
        before,
        { timeout: 120_000 },
      );
      const problem = await page.locator('[data-testid="remix-problem"]').textContent({ timeout: 100 }).catch(() => null);
      t.expect(problem === null, `remix failed: ${problem}`);
      t.expect((await page.locator('[data-testid="waveform-lane"]').count()) === 2, 'the remix has no waveform lane');
      await page.waitForSelector('[data-testid="remix-mix"]');
      return `${before + 1} tracks after the remix`;
    });

    await t.check(NAMES[2], async () => {
      const strength = async (value) => {
        await page.fill('[data-testid="remix-strength"]', String(value));
        t.expect((await page.inputValue('[data-testid="remix-strength"]')) === String(value), `the slider did not move to ${value}`);
      };
      const full = await exportWav();
      await strength(0.4);
      const partway = await exportWav();
      await strength(0);
      const none = await exportWav();
      await strength(0.4);
      await page.click('[data-testid="remix-listen-original"]');
      t.expect((await page.getAttribute('[data-testid="remix-listen-original"]', 'aria-pressed')) === 'true', 'A is not shown as pressed');
      const a = await exportWav();
      await page.click('[data-testid="remix-listen-remix"]');
      const b = await exportWav();
      t.expect(differs(full, partway), 'the export at strength 0.4 sounds as it did at 1');
      t.expect(differs(partway, none), 'the export at strength 0 sounds as it did at 0.4');
      t.expect(Buffer.compare(none.bytes, a.bytes) === 0, 'A (the original) does not export as strength 0 does');
      t.expect(Buffer.compare(partway.bytes, b.bytes) === 0, 'B does not export the mix at its strength again');
      t.expect(differs(original, a), 'with A the remix track is silent: the export matches the one before the remix');
      t.expect((await page.locator('[data-testid="remix-progress"]').count()) === 0, 'moving the mix ran the model again');
      t.expect((await tracks()) === before + 1, 'moving the mix added or removed a track');
      return `peak ${full.info.peak.toFixed(3)} at strength 1, ${partway.info.peak.toFixed(3)} at 0.4, ${none.info.peak.toFixed(3)} at 0 (= A)`;
    });

    await t.check(NAMES[3], async () => {
      await page.click('[data-testid="undo"]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, before);
      const after = await exportWav();
      t.expect(Buffer.compare(after.bytes, original.bytes) === 0, 'the export after Undo differs from the one before the remix');
      return `${before} tracks after Undo; the export is the one before the remix, byte for byte`;
    });
  } finally {
    await page.close();
  }
}
