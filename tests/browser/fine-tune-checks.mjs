// Fine-tune on your own MIDI in the Continue panel: two fixture MIDI files, 20 steps at batch 1
// (the loss plot grows while it trains and names the backend), the model saved in the browser and
// picked under Your models; Continue writes with it and the exported MIDI names it and its weight
// hash; the ML worker holds as many tensors after as before; after a reload it is still listed;
// Delete removes it; Cancel stops a run mid-way and saves nothing.
// Run alone: node tests/browser/fine-tune-checks.mjs (builds the app first).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspectMidi } from './inspect-exports.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
const NAME = 'test-tunes';
const SHOT = '/tmp/alea-shot-fine-tune.png';
const REF = `user:${NAME}`;
const NAMES = [
  'Fine-tune 20 steps on two MIDI files: the loss plot grows live, the backend is named, the model is saved and picked',
  'Continue writes with the fine-tuned model, and the exported MIDI names it and its weight hash',
  'The fine-tuned model is still listed after a reload, and Delete removes it',
  'Cancel stops a fine-tune mid-run, saves nothing and leaves no tensors in the ML worker',
];

async function fixtures() {
  const folder = join(repoRoot, 'tests/fixtures/good/midi');
  return Promise.all(['tune-a.mid', 'tune-b.mid'].map(async (name) => ({ name, mimeType: 'audio/midi', buffer: await readFile(join(folder, name)) })));
}

/** `t`: the runner's check, skip, expect, download and recordConsoleErrors. */
export async function fineTuneChecks(t, { context, server, consoleErrors, song, models }) {
  const base = ['folk-nottingham', 'melody-pop909'].find((m) => models.includes(m)) ?? models[0];
  if (base === undefined) {
    for (const name of NAMES) t.skip(name, 'no Continue model in models/');
    return;
  }
  const page = await context.newPage();
  t.recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(20_000);
  let saved = false;
  try {
    await t.check(NAMES[0], async () => {
      await page.goto(`${server.url}/?backend=wasm&test-hooks`);
      await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
      await page.click('[data-testid="continue-button"]');
      await page.selectOption('[data-testid="continue-model"]', base);
      await page.click('[data-testid="fine-tune"] summary');
      await page.setInputFiles('[data-testid="fine-tune-files"]', await fixtures());
      await page.fill('[data-testid="fine-tune-steps"]', '20');
      await page.fill('[data-testid="fine-tune-batch"]', '1');
      await page.fill('[data-testid="fine-tune-name"]', NAME);
      const tensors = () => page.evaluate(async () => (await window.__aleaTest.mlMemory()).numTensors);
      const before = await tensors();
      const started = Date.now();
      await page.click('[data-testid="fine-tune-start"]');
      // the plot shows some steps before the run ends
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="fine-tune-plot"]')?.getAttribute('data-points')) >= 1, undefined, { timeout: 60_000 });
      const midway = Number(await page.getAttribute('[data-testid="fine-tune-plot"]', 'data-points'));
      await page.waitForFunction(
        () => document.querySelector('[data-testid="fine-tune-finished"]') || document.querySelector('[data-testid="fine-tune-problem"]'),
        undefined,
        { timeout: 90_000 },
      );
      const seconds = (Date.now() - started) / 1000;
      const problem = await page.locator('[data-testid="fine-tune-problem"]').textContent({ timeout: 100 }).catch(() => null);
      t.expect(problem === null, `fine-tune failed: ${problem}`);
      const points = Number(await page.getAttribute('[data-testid="fine-tune-plot"]', 'data-points'));
      t.expect(midway < 20 && points === 20, `the plot had ${midway} then ${points} points (expected it to grow to 20)`);
      const backend = await page.getAttribute('[data-testid="fine-tune-status"]', 'data-backend');
      t.expect(backend === 'wasm', `trained on ${backend}`);
      t.expect((await page.inputValue('[data-testid="continue-model"]')) === REF, 'the new model is not picked');
      t.expect((await page.locator(`[data-testid="user-model"][data-model="${REF}"]`).count()) === 1, 'not listed under Your models');
      saved = true;
      await page.locator('[data-testid="fine-tune-plot"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: SHOT });
      const after = await tensors();
      t.expect(after === before, `the ML worker holds ${after} tensors after the fine-tune, ${before} before`);
      const status = (await page.textContent('[data-testid="fine-tune-status"]'))?.trim();
      return `${base} → ${REF} in ${seconds.toFixed(1)} s: ${status}; worker tensors ${before} → ${after}`;
    });

    await t.check(NAMES[1], async () => {
      t.expect(saved, 'no fine-tuned model');
      for (const [id, value] of [['bars', '2'], ['variations', '1']]) {
        await page.fill(`[data-testid="continue-${id}"]`, value);
        await page.press(`[data-testid="continue-${id}"]`, 'Tab');
      }
      await page.click('[data-testid="continue-generate"]');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="variation"]').length > 0 || document.querySelector('[data-testid="continue-problem"]'),
        undefined,
        { timeout: 60_000 },
      );
      const problem = await page.locator('[data-testid="continue-problem"]').textContent({ timeout: 100 }).catch(() => null);
      t.expect(problem === null, `Continue failed: ${problem}`);
      await page.locator('[data-testid="variation"] [data-testid="accept"]').first().click();
      const file = await t.download(page, () => page.click('[data-testid="export-midi"]'));
      const provenance = inspectMidi(file.bytes).texts.find((text) => text.includes('generator=Alea')) ?? '';
      t.expect(provenance.includes(`model=${NAME}`) && /model_sha256=[0-9a-f]{8,}/.test(provenance), `provenance: ${provenance}`);
      return provenance;
    });

    await t.check(NAMES[2], async () => {
      t.expect(saved, 'no fine-tuned model');
      await page.reload();
      const ok = page.locator('[data-testid="confirm-ok"]');
      await ok.waitFor({ timeout: 3000 }).then(() => ok.click(), () => {});
      await page.click('[data-testid="continue-button"]');
      await page.waitForSelector(`[data-testid="user-model"][data-model="${REF}"]`);
      await page.click(`[data-testid="user-model"][data-model="${REF}"] [data-testid="user-model-delete"]`);
      await page.waitForFunction((ref) => !document.querySelector(`[data-testid="user-model"][data-model="${ref}"]`), REF);
      const options = await page.locator('[data-testid="continue-model"] option').evaluateAll((els) => els.map((el) => el.getAttribute('value')));
      t.expect(!options.includes(REF), 'still in the model picker after Delete');
      return `${options.length} models left`;
    });

    await t.check(NAMES[3], async () => {
      await page.selectOption('[data-testid="continue-model"]', base);
      await page.click('[data-testid="fine-tune"] summary');
      await page.setInputFiles('[data-testid="fine-tune-files"]', await fixtures());
      await page.fill('[data-testid="fine-tune-steps"]', '500');
      await page.fill('[data-testid="fine-tune-batch"]', '1');
      await page.fill('[data-testid="fine-tune-name"]', 'never-saved');
      const tensors = () => page.evaluate(async () => (await window.__aleaTest.mlMemory()).numTensors);
      const before = await tensors();
      await page.click('[data-testid="fine-tune-start"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="fine-tune-plot"]')?.getAttribute('data-points')) >= 2, undefined, { timeout: 60_000 });
      await page.click('[data-testid="fine-tune-cancel"]');
      await page.waitForSelector('[data-testid="fine-tune-finished"]:has-text("Cancelled")', { timeout: 10_000 });
      const steps = Number(await page.getAttribute('[data-testid="fine-tune-plot"]', 'data-points'));
      t.expect(steps < 500, `ran all ${steps} steps`);
      t.expect((await page.locator('[data-testid="user-model"]').count()) === 0, 'a cancelled fine-tune was saved');
      // the page hears "cancelled" at once; the worker frees the run once its current step ends
      let after = await tensors();
      for (let i = 0; i < 40 && after !== before; i++) {
        await page.waitForTimeout(250);
        after = await tensors();
      }
      t.expect(after === before, `the ML worker holds ${after} tensors after the cancel, ${before} before`);
      return `stopped after ${steps} of 500 steps; worker tensors ${before} → ${after}`;
    });
  } finally {
    await page.close();
  }
}

/** Alone: build the app, serve it, run these checks in Debian's Chromium. */
async function main() {
  const { build } = await import('vite');
  const { chromium } = await import('playwright-core');
  const { serveFolder } = await import('./static-server.mjs');
  const { makeTestMidi } = await import('./test-files.mjs');
  await build({ root: join(repoRoot, 'src/app'), configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'error' });
  const server = await serveFolder(join(repoRoot, 'dist'));
  const profile = await mkdtemp(join(tmpdir(), 'alea-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    acceptDownloads: true,
    viewport: { width: 1400, height: 820 },
  });
  let failed = 0;
  const t = {
    async check(name, body) {
      try {
        const detail = await body();
        console.log(`ok   ${name}${detail ? ` (${detail})` : ''}`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${name}: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
      }
    },
    skip: (name, why) => console.log(`skip ${name}: ${why}`),
    expect(condition, message) {
      if (!condition) throw new Error(message);
    },
    async download(page, click) {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
      return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(await file.path())) };
    },
    recordConsoleErrors(page, errors) {
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
    },
  };
  const consoleErrors = [];
  let models = [];
  try {
    const index = JSON.parse(await readFile(join(repoRoot, 'models', 'index.json'), 'utf8'));
    models = index.models.filter((m) => m.plugins.includes('continue')).map((m) => m.name);
  } catch {
    // none installed
  }
  try {
    await fineTuneChecks(t, { context, server, consoleErrors, song: makeTestMidi(), models });
    if (consoleErrors.length > 0) console.log(`console errors: ${consoleErrors.join(' | ')}`);
  } finally {
    await context.close();
    await server.close();
  }
  process.exit(failed > 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
