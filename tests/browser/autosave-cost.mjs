// How long an autosave takes with long audio in the project, and the longest main-thread task it
// causes: `npm run build && node tests/browser/autosave-cost.mjs [seconds]` (default 60). Imports a
// stereo 44.1 kHz WAV of that length into the built app, lets the first autosave happen, then
// times three more through the page's test hooks with a PerformanceObserver on long tasks.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveFolder } from './static-server.mjs';
import { pcm16Wav } from './test-files.mjs';

const seconds = Number(process.argv[2] ?? 60);
const rate = 44100;
const frames = seconds * rate;

function stereoWav() {
  const data = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i++) {
    data.writeInt16LE(Math.round(Math.sin(i / 20) * 12000), i * 4);
    data.writeInt16LE(Math.round(Math.sin(i / 21) * 12000), i * 4 + 2);
  }
  return pcm16Wav(data, rate, 2);
}

const folder = await mkdtemp(join(tmpdir(), 'alea-autosave-'));
const wav = join(folder, `${seconds}s.wav`);
await writeFile(wav, stereoWav());
const server = await serveFolder(resolve(import.meta.dirname, '../../dist'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?test-hooks`);
  await page.waitForSelector('[data-testid="piano-roll"]');
  await page.setInputFiles('[data-testid="import-input"]', wav);
  await page.waitForSelector('[data-testid="waveform-lane"]', { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="project-menu"]')?.getAttribute('data-autosaved-at') !== '', undefined, { timeout: 120_000 });
  const result = await page.evaluate(async () => {
    const tasks = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)));
    observer.observe({ type: 'longtask' });
    const times = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await window.__aleaTest.autosaveNow();
      times.push(performance.now() - started);
    }
    await new Promise((done) => setTimeout(done, 200));
    observer.disconnect();
    return { times, longest: Math.max(0, ...tasks), problem: document.querySelector('[data-testid="project-menu"]')?.getAttribute('data-autosave-problem') };
  });
  const mib = (frames * 2 * 4) / 2 ** 20;
  console.log(
    `${seconds} s stereo 44.1 kHz (${mib.toFixed(1)} MiB of float32): autosave ${result.times.map((t) => t.toFixed(0)).join(' / ')} ms, ` +
      `longest main-thread task ${result.longest.toFixed(0)} ms${result.problem ? `, problem: ${result.problem}` : ''}`,
  );
} finally {
  await browser.close();
  await server.close();
  await rm(folder, { recursive: true, force: true });
}
