// The longest main-thread task (PerformanceObserver 'longtask') for what a user does most: load
// the page, open a sample, edit a note, move a clip, import a long WAV (1 minute by default, 48 kHz stereo:
// decoded, resampled and measured in the audio-prep worker), open the project saved with it (its
// clip resampled and measured there too). Each figure is reported; page load in a fresh browser
// (median of 3), opening a sample and the cases made worker-backed are held under 100 ms (the
// issue's bar while a model runs; single loads are too noisy on two cores to hold to its 50 ms goal).
// Alone: `node tests/browser/long-task-checks.mjs [--no-build] [--minutes N]`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BAR, drag, roll, waitAttr } from './editing-helpers.mjs';
import { pcm16Wav } from './test-files.mjs';

const LIMIT_MS = 100;
const SETTLE_MS = 1500; // trailing work (engine rebuild, autosave) counts too

const STARTED = 'long-task-checks: start-up done';

/**
 * Records every long task from the first script on, so page load is measured too, and says on the
 * console when the piano roll is there and the page's deferred start-up work is done too (the ML
 * worker's backend ready, the audio engine's code loaded): the check waits for that without
 * running Playwright's selector engine in the page, whose injection is a long task of its own
 * (30–300 ms measured) that is the harness's, not the app's.
 */
const RECORDER = (started) => {
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  const poll = setInterval(() => {
    if (document.querySelector('[data-testid="piano-roll"]') === null) return;
    const backendUp = document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend');
    const engineLoaded = performance.getEntriesByType('resource').some((entry) => /\/engine-session-[^/]*\.js$/.test(entry.name));
    if (!backendUp || !engineLoaded) return;
    clearInterval(poll);
    console.log(started);
  }, 50);
};
const resetTasks = (page) => page.evaluate(() => (window.__longTasks = []));
const longest = (page) => page.evaluate(() => Math.round(Math.max(0, ...window.__longTasks)));

/** The loaded page as static HTML: its DOM and stylesheets, no script (what the browser alone costs to show). */
const staticCopy = (page) =>
  page.evaluate(() => {
    const root = document.documentElement.cloneNode(true);
    for (const node of root.querySelectorAll('script, link[rel="modulepreload"], meta[http-equiv]')) node.remove();
    return `<!doctype html>${root.outerHTML}`;
  });

/** A new page of `context` that records long tasks from its first script on. */
async function recordingPage(context) {
  const page = await context.newPage();
  await page.addInitScript(RECORDER, STARTED);
  return page;
}

/**
 * Loads the app (copy null) or `copy`, served as a page of the app's origin, in a recording page
 * and returns its long tasks (ms) until SETTLE_MS after it has started: for the app, after its
 * piano roll shows and its deferred start-up work (the ML worker, the audio engine) is done.
 */
async function loadTasks(page, server, copy = null) {
  if (copy === null) {
    const started = page.waitForEvent('console', { predicate: (message) => message.text() === STARTED, timeout: 60_000 });
    await page.goto(`${server.url}/?backend=wasm`);
    await started;
  } else {
    await page.route(`${server.url}/static-copy.html`, (route) => route.fulfill({ body: copy, contentType: 'text/html' }));
    await page.goto(`${server.url}/static-copy.html`);
  }
  await page.waitForTimeout(SETTLE_MS);
  return page.evaluate(() => window.__longTasks.map(Math.round));
}

/** The longest task of the first page a freshly started browser shows (see loadTasks), so the app and a copy pay the browser's start-up alike. */
async function firstPageLongest(browserType, server, copy) {
  const browser = await browserType.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const page = await recordingPage(await browser.newContext({ viewport: { width: 1400, height: 820 } }));
    return Math.max(0, ...(await loadTasks(page, server, copy)));
  } finally {
    await browser.close();
  }
}

/** `minutes` of 48 kHz 16-bit stereo: a sweep left, a slower one right. */
export function makeStereoWav(minutes) {
  const rate = 48000;
  const frames = Math.round(minutes * 60 * rate);
  const data = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i++) {
    data.writeInt16LE(Math.round(Math.sin((i % 480000) ** 2 / 2e8) * 12000), i * 4);
    data.writeInt16LE(Math.round(Math.sin(i / 21) * 9000), i * 4 + 2);
  }
  return pcm16Wav(data, rate, 2);
}

/** `t`: the runner's check and expect; `minutes`: the imported WAV's length. */
export async function longTaskChecks(t, { context, server, minutes = 1 }) {
  const page = await recordingPage(context);
  page.setDefaultTimeout(60_000);
  const figures = {};
  try {
    await t.check('page load: longest main-thread task (reported)', async () => {
      const all = await loadTasks(page, server);
      figures.load = Math.max(0, ...all);
      // Playwright's selector engine goes into the page now, outside every measured window
      await page.waitForSelector('[data-testid="piano-roll"]');
      await page.waitForTimeout(300);
      return `${figures.load} ms; tasks over 50 ms: ${all.join(', ') || 'none'}`;
    });

    // A user opens Alea in a browser already running, which a new context of the same browser
    // stands for (nothing cached); the first page of a freshly started browser is measured below.
    await t.check('page load in a browser already running (new context, nothing cached): longest main-thread task (reported)', async () => {
      const fresh = await context.browser().newContext({ viewport: { width: 1400, height: 820 } });
      try {
        const all = await loadTasks(await recordingPage(fresh), server);
        figures.loadWarmBrowser = Math.max(0, ...all);
        return `${figures.loadWarmBrowser} ms; tasks over 50 ms: ${all.join(', ') || 'none'}`;
      } finally {
        await fresh.close();
      }
    });

    // A static copy of the loaded page (its DOM and CSS, no script) costs the browser 55–100 ms in
    // one task there, laid out at once; the app mounts in steps and defers its ML worker and audio
    // engine until the page has opened, which on two cores had doubled its start-up tasks.
    await t.check(`page load in a freshly started browser: median of 3 no main-thread task over ${LIMIT_MS} ms (reported against a static copy of the page)`, async () => {
      const copy = await staticCopy(page);
      const browserType = context.browser().browserType();
      const app = [];
      const still = [];
      for (let run = 0; run < 3; run++) {
        still.push(await firstPageLongest(browserType, server, copy));
        app.push(await firstPageLongest(browserType, server, null));
      }
      const median = (values) => [...values].sort((a, b) => a - b)[1];
      figures.freshBrowserLoad = median(app);
      figures.freshBrowserStaticCopy = median(still);
      t.expect(figures.freshBrowserLoad <= LIMIT_MS, `the page's longest start-up task was ${figures.freshBrowserLoad} ms (median of ${app.join(', ')})`);
      return `median of 3: the app ${figures.freshBrowserLoad} ms (${app.join(', ')}), a static copy of its DOM and CSS ${figures.freshBrowserStaticCopy} ms (${still.join(', ')})`;
    });

    // its tracks' GM voices are rendered in the ML worker once the rows are shown: rendering them
    // while the rows mounted had stretched that mount past 50 ms on two cores (12 of 16 loads)
    await t.check(`opening a MIDI sample: no main-thread task over ${LIMIT_MS} ms`, async () => {
      await resetTasks(page);
      await page.click('[data-testid="samples"]');
      const item = page.locator('[data-testid="samples-list"] [role="menuitem"]').filter({ hasText: /\.mid/i }).first();
      const name = (await item.textContent())?.trim();
      await item.click();
      const ok = page.locator('[data-testid="confirm-ok"]');
      await ok.waitFor({ timeout: 2000 }).then(() => ok.click(), () => {});
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length > 0);
      await page.waitForTimeout(SETTLE_MS);
      figures.sample = await longest(page);
      t.expect(figures.sample <= LIMIT_MS, `a main-thread task took ${figures.sample} ms while ${name} opened`);
      return `${name}: ${figures.sample} ms`;
    });

    // edits on the opened sample (several tracks, each with its GM instrument): what a rebuild costs
    await t.check('a note edit (ArrowUp on a selected note): longest main-thread task (reported)', async () => {
      const r = await roll(page);
      const at = r.at(130, r.top - 3);
      await page.mouse.dblclick(at.x, at.y);
      await waitAttr(page, '[data-testid="piano-roll"]', 'data-track-notes', r.notes + 1);
      await page.waitForTimeout(SETTLE_MS);
      await resetTasks(page);
      await page.keyboard.press('ArrowUp');
      await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Move 1 note'));
      await page.waitForTimeout(SETTLE_MS);
      figures.note = await longest(page);
      return `${figures.note} ms`;
    });

    await t.check('a clip move (drag two bars): longest main-thread task (reported)', async () => {
      const { px } = await roll(page);
      const first = page.locator('[data-testid="midi-lane"] [data-testid="clip"]').first();
      const before = await first.getAttribute('data-start-tick');
      const box = await first.boundingBox();
      const from = { x: box.x + 30, y: box.y + box.height / 2 };
      await resetTasks(page);
      await drag(page, from, { x: from.x + 2 * BAR * px, y: from.y });
      await page.waitForFunction((tick) => document.querySelector('[data-testid="midi-lane"] [data-testid="clip"]')?.getAttribute('data-start-tick') !== tick, before);
      await page.waitForTimeout(SETTLE_MS);
      figures.clip = await longest(page);
      return `${figures.clip} ms`;
    });

    await t.check(`importing a ${minutes}-minute 48 kHz stereo WAV: the track appears, no main-thread task over ${LIMIT_MS} ms`, async () => {
      // over what Playwright passes as a buffer: through a file
      const folder = await mkdtemp(join(tmpdir(), 'alea-long-'));
      const path = join(folder, `long-${minutes}min.wav`);
      await writeFile(path, makeStereoWav(minutes));
      const lanes = await page.locator('[data-testid="waveform-lane"]').count();
      const autosaved = () => page.getAttribute('[data-testid="project-menu"]', 'data-autosaved-at');
      const savedBefore = await autosaved();
      await resetTasks(page);
      const started = Date.now();
      await page.setInputFiles('[data-testid="import-input"]', path).finally(() => rm(folder, { recursive: true, force: true }));
      await page
        .waitForFunction((n) => document.querySelectorAll('[data-testid="waveform-lane"]').length === n, lanes + 1, { timeout: 120_000 })
        .catch(async () => {
          throw new Error(`no new audio track; the page says "${await page.locator('[data-testid="status"]').textContent({ timeout: 500 }).catch(() => '')}"`);
        });
      const seconds = (Date.now() - started) / 1000;
      // the autosave that follows writes the new audio too: it counts (none runs while an earlier
      // autosave is still offered for recovery, as in the full suite's shared profile)
      const saved = await page
        .waitForFunction((before) => document.querySelector('[data-testid="project-menu"]')?.getAttribute('data-autosaved-at') !== before, savedBefore, { timeout: 15_000 })
        .then(() => 'with', () => 'without');
      await page.waitForTimeout(SETTLE_MS);
      figures.wav = await longest(page);
      t.expect(figures.wav <= LIMIT_MS, `a main-thread task took ${figures.wav} ms during the import`);
      return `${figures.wav} ms ${saved} its autosave; the track appeared after ${seconds.toFixed(1)} s`;
    });

    await t.check(`a note drawn with the ${minutes}-minute clip in the project: no main-thread task over ${LIMIT_MS} ms (the clip is not resampled or copied again)`, async () => {
      await page.locator('[data-testid="track"]').first().locator('[data-testid="track-name"]').click();
      await page.waitForTimeout(SETTLE_MS);
      const r = await roll(page);
      const at = r.at(130 + 480, r.top - 5);
      await resetTasks(page);
      await page.mouse.dblclick(at.x, at.y);
      await waitAttr(page, '[data-testid="piano-roll"]', 'data-track-notes', r.notes + 1);
      await page.waitForTimeout(SETTLE_MS);
      figures.noteWithAudio = await longest(page);
      t.expect(figures.noteWithAudio <= LIMIT_MS, `a main-thread task took ${figures.noteWithAudio} ms after the edit`);
      return `${figures.noteWithAudio} ms`;
    });

    await t.check(`opening the project saved with the ${minutes}-minute clip: no main-thread task over ${LIMIT_MS} ms (its clips are resampled and measured in the worker)`, async () => {
      await page.locator('[data-testid="piano-roll"]').click({ position: { x: 5, y: 5 } });
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.keyboard.press('Control+s')]);
      const name = file.suggestedFilename();
      const folder = await mkdtemp(join(tmpdir(), 'alea-project-'));
      const path = join(folder, name); // the page names what it opened by the file's own name
      await file.saveAs(path);
      await page.waitForFunction(() => document.querySelector('[data-testid="project-menu"]')?.getAttribute('data-dirty') === 'false');
      await resetTasks(page);
      const started = Date.now();
      await page.setInputFiles('[data-testid="project-open-input"]', path).finally(() => rm(folder, { recursive: true, force: true }));
      await page
        .waitForFunction((opened) => document.querySelector('[data-testid="status"]')?.textContent?.includes(opened) === true, `Opened ${name}`, { timeout: 120_000 })
        .catch(async () => {
          throw new Error(`${name} did not open; the page says "${await page.locator('[data-testid="status"]').textContent({ timeout: 500 }).catch(() => '')}"`);
        });
      const seconds = (Date.now() - started) / 1000;
      await page.waitForTimeout(SETTLE_MS);
      figures.projectOpen = await longest(page);
      t.expect(figures.projectOpen <= LIMIT_MS, `a main-thread task took ${figures.projectOpen} ms while the project opened`);
      return `${figures.projectOpen} ms; opened after ${seconds.toFixed(1)} s`;
    });
  } finally {
    await page.close();
  }
  return figures;
}

async function main() {
  const repoRoot = resolve(import.meta.dirname, '../..');
  const { build } = await import('vite');
  const { chromium } = await import('playwright-core');
  const { serveFolder } = await import('./static-server.mjs');
  if (!process.argv.includes('--no-build')) await build({ root: join(repoRoot, 'src/app'), configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'error' });
  const minutesAt = process.argv.indexOf('--minutes');
  const minutes = minutesAt > 0 ? Number(process.argv[minutesAt + 1]) : 1;
  const server = await serveFolder(join(repoRoot, 'dist'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
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
    expect(condition, message) {
      if (!condition) throw new Error(message);
    },
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
    await longTaskChecks(t, { context, server, minutes });
  } finally {
    await browser.close();
    await server.close();
  }
  process.exit(failed > 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
