// Audio tracks' views in the browser: a shipped sample opened from the Samples menu, its lane
// switched to Spectrogram, its clip editor opened (waveform, spectrogram, frequency axis): every
// canvas drawn (non-blank pixels) with no main-thread task over 100 ms while drawing. Then a
// 10-minute 48 kHz clip: the spectrogram fills in from the worker, and the figures are reported
// (worker time, longest main-thread task while it computes and draws).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcm16Wav } from './test-files.mjs';

const LONG_TASK_LIMIT_MS = 100;

/** Main-thread tasks over 50 ms from now on (PerformanceObserver 'longtask'). */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__viewTasks = [];
    window.__viewObserver?.disconnect();
    window.__viewObserver = new PerformanceObserver((list) => window.__viewTasks.push(...list.getEntries().map((e) => e.duration)));
    window.__viewObserver.observe({ type: 'longtask' });
  });
const longestTask = (page) => page.evaluate(() => Math.round(Math.max(0, ...window.__viewTasks)));

/** Pixels of a canvas that are not transparent, and how many distinct colours they have. */
const drawnPixels = (page, selector) =>
  page.$eval(selector, (canvas) => {
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let opaque = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      opaque++;
      if (colours.size < 64) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { opaque, colours: colours.size };
  });

/** `minutes` of a slow sine sweep over noise, 16-bit mono 48 kHz. */
function makeLongWav(minutes) {
  const sampleRate = 48000;
  const length = Math.round(minutes * 60 * sampleRate);
  const data = Buffer.alloc(length * 2);
  let phase = 0;
  let seed = 1;
  for (let i = 0; i < length; i++) {
    const hz = 100 * Math.pow(80, (i % (10 * sampleRate)) / (10 * sampleRate)); // 100 Hz → 8 kHz every 10 s
    phase += (2 * Math.PI * hz) / sampleRate;
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data.writeInt16LE(Math.round((Math.sin(phase) * 0.4 + (seed / 0x7fffffff - 0.5) * 0.02) * 32767), i * 2);
  }
  return pcm16Wav(data, sampleRate, 1);
}

const spectrogramDone = (page) =>
  page.waitForFunction(
    () => {
      const c = document.querySelector('[data-testid="clip-spectrogram"]');
      return c !== null && Number(c.dataset.frames) > 0 && c.dataset.readyFrames === c.dataset.frames;
    },
    undefined,
    { timeout: 120_000 },
  );

/** `t`: the runner's check, expect and recordConsoleErrors. */
export async function audioViewChecks(t, { context, server, consoleErrors }) {
  const page = await context.newPage();
  const errors = [];
  t.recordConsoleErrors(page, errors);
  page.setDefaultTimeout(30_000);
  try {
    await t.check('an audio sample switches to Spectrogram and opens in the clip editor, all drawn, no task over 100 ms', async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.waitForTimeout(1500); // past the page's own start-up work
      await page.click('[data-testid="samples"]');
      const wav = page.locator('[data-testid="samples-list"] [role="menuitem"]').filter({ hasText: /\.wav/i }).first();
      t.expect((await wav.count()) === 1, 'the Samples menu lists no WAV');
      const name = (await wav.textContent())?.trim();
      await wav.click();
      await page.waitForSelector('[data-testid="waveform-lane"][data-drawn="1"]');
      await watchLongTasks(page);
      const undoBefore = await page.getAttribute('[data-testid="undo"]', 'title');
      const toggle = page.locator('[data-testid="lane-view-spectrogram"]');
      await toggle.focus(); // focusable and labelled: Enter switches it
      await page.keyboard.press('Enter');
      t.expect((await toggle.getAttribute('aria-pressed')) === 'true', 'the Spectrogram button is not pressed');
      t.expect((await page.getAttribute('[data-testid="undo"]', 'title')) === undoBefore, 'switching the view became an undo step');
      await page.waitForSelector('[data-testid="waveform-lane"][data-lane-mode="spectrogram"]:not([data-drawn="0"])');
      await page.dblclick('[data-testid="waveform-lane"] [data-testid="clip"]');
      await page.waitForSelector('[data-testid="audio-editor"]');
      await spectrogramDone(page);
      await page.waitForTimeout(200);
      await page.screenshot({ path: '/tmp/alea-shot-spectrogram.png' });
      const lane = await drawnPixels(page, '[data-testid="waveform-lane"] canvas');
      const wave = await drawnPixels(page, '[data-testid="clip-waveform"]');
      const spec = await drawnPixels(page, '[data-testid="clip-spectrogram"]');
      const axis = await drawnPixels(page, '[data-testid="frequency-axis"]');
      t.expect(lane.colours > 8, `the lane's spectrogram has ${lane.colours} colours`);
      t.expect(wave.opaque > 500, `the clip waveform has ${wave.opaque} drawn pixels`);
      t.expect(spec.colours > 8 && spec.opaque > 5000, `the clip spectrogram has ${spec.opaque} drawn pixels in ${spec.colours} colours`);
      t.expect(axis.opaque > 50, 'the frequency axis is blank');
      const longest = await longestTask(page);
      t.expect(longest <= LONG_TASK_LIMIT_MS, `a main-thread task took ${longest} ms while drawing`);
      return `${name}: ${spec.opaque} spectrogram pixels in ${spec.colours}+ colours, longest task ${longest} ms`;
    });

    await t.check('a 10-minute 48 kHz clip: the spectrogram fills in from the worker, no task over 100 ms meanwhile', async () => {
      // 57.6 MB: over what Playwright passes as a buffer, so through a file
      const folder = await mkdtemp(join(tmpdir(), 'alea-long-'));
      const path = join(folder, 'ten-minutes.wav');
      await writeFile(path, makeLongWav(10));
      await page.setInputFiles('[data-testid="import-input"]', path).finally(() => rm(folder, { recursive: true, force: true }));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="waveform-lane"]').length === 2, undefined, { timeout: 60_000 });
      // the import runs its own main-thread work (WAV decode, peaks, engine: one ~8 s task for this
      // clip, measured) and a trailing ~100 ms task: the views are measured after it
      await page.waitForTimeout(3000);
      await watchLongTasks(page);
      const started = Date.now();
      await page.locator('[data-testid="track"]').last().locator('[data-testid="lane-view-spectrogram"]').click();
      await page.locator('[data-testid="track"]').last().locator('[data-testid="track-name"]').click();
      await page.waitForSelector('[data-testid="audio-editor"] [data-testid="editor-track"]:has-text("ten-minutes")');
      const firstDrawn = await page.waitForFunction(() => Number(document.querySelector('[data-testid="clip-spectrogram"]')?.dataset.readyFrames) > 0).then(() => Date.now() - started);
      await spectrogramDone(page);
      const total = Date.now() - started;
      const workerMs = Number(await page.getAttribute('[data-testid="clip-spectrogram"]', 'data-worker-ms'));
      const longest = await longestTask(page);
      const spec = await drawnPixels(page, '[data-testid="clip-spectrogram"]');
      t.expect(spec.colours > 8, 'the long clip shows no spectrogram');
      t.expect(longest <= LONG_TASK_LIMIT_MS, `a main-thread task took ${longest} ms while the spectrogram computed`);
      return `first columns after ${firstDrawn} ms, all in ${total} ms (worker ${workerMs} ms), longest main-thread task ${longest} ms`;
    });
  } finally {
    consoleErrors.push(...errors);
    await page.close();
  }
}
