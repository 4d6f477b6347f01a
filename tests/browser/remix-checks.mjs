// Remix in the browser: the panel on an imported WAV; with a style GAN installed, the ML worker
// remixes the clip onto a new track (progress shown) and Undo takes it away again.
// The run is skipped (with a line saying why) when models/index.json lists no style GAN.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeSineWav } from './test-files.mjs';

const NAMES = [
  'the Remix panel opens on an imported WAV with its styles (or says no style model is installed)',
  'Remix plays the clip as strings on a new track in the ML worker, and Undo removes it',
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

/** `t`: the runner's check, skip, expect and recordConsoleErrors. */
export async function remixChecks(t, { context, server, consoleErrors, models }) {
  const page = await context.newPage();
  t.recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(30_000);
  const tracks = () => page.locator('[data-testid="track"]').count();
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
      t.skip(NAMES[1], 'models/index.json lists no style GAN (models/style-gan)');
      return;
    }
    await t.check(NAMES[1], async () => {
      const before = await tracks();
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
      await page.click('[data-testid="undo"]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, before);
      return `${before + 1} tracks after the remix, ${before} after Undo`;
    });
  } finally {
    await page.close();
  }
}
