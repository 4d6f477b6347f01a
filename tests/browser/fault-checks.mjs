// The app under faults, in a browser of its own (each check a fresh context, so storage starts
// empty): the ML worker crashing, its WebGL context lost, storage full on autosave, an
// AudioContext that cannot start — the user is told and keeps the project. Then what the page
// may reach (its Content-Security-Policy, no request but for its own files) and, with
// project-checks.mjs and leak-checks.mjs, projects and repeated runs. Pages that need them load
// with ?test-hooks (src/app/lib/test-hooks.ts).
import { chromium } from 'playwright-core';
import { inspectMidi } from './inspect-exports.mjs';
import { leakChecks } from './leak-checks.mjs';
import { projectChecks } from './project-checks.mjs';

const OWN_PATHS = /^\/(|index\.html|assets\/.+|models\/.+|samples\/.+|presets\/.+)$/;
/** a fetch the policy must refuse (another origin); left out of the request check */
const REFUSED_URL = 'http://127.0.0.1:9/refused-by-policy';

const status = (page) => page.textContent('[data-testid="status"] .text', { timeout: 100 }).catch(() => '');
const trackCount = (page) => page.locator('[data-testid="track"]').count();

async function waitBackend(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'), undefined, { timeout: 60_000 });
  return page.getAttribute('[data-testid="backend-badge"]', 'data-backend');
}

async function importSong(page, song) {
  await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
}

/** Opens the Continue panel set to write one variation of one bar with `model`. */
async function continueOneBar(page, model) {
  await page.click('[data-testid="continue-button"]');
  await page.selectOption('[data-testid="continue-model"]', model);
  for (const [id, value] of [['bars', '1'], ['variations', '1']]) {
    await page.fill(`[data-testid="continue-${id}"]`, value);
    await page.press(`[data-testid="continue-${id}"]`, 'Tab');
  }
}

async function generated(page) {
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="variation"]') && !document.querySelector('[data-testid="continue-progress"]')) || document.querySelector('[data-testid="continue-problem"]'),
    undefined,
    { timeout: 120_000 },
  );
  return page.textContent('[data-testid="continue-problem"]', { timeout: 100 }).catch(() => null);
}

async function workerChecks(t, { open, server, song, models }) {
  await t.check('the ML worker crashing: the user is told, the project is kept, the next job starts a fresh worker', async () => {
    const page = await open(`${server.url}/?backend=wasm&test-hooks`);
    await waitBackend(page);
    await importSong(page, song);
    if (models.continue.length === 0) {
      await page.evaluate(() => window.__aleaTest.crashMlWorker());
      await page.waitForFunction(() => document.querySelector('[data-testid="status"] .text')?.textContent?.includes('project is kept'));
      const memory = await page.evaluate(() => window.__aleaTest.mlMemory());
      t.expect(memory.numTensors >= 0, 'the fresh worker did not answer');
      await page.close();
      return 'no Continue model: crashed while idle; a fresh worker answered';
    }
    await continueOneBar(page, models.continue[0]);
    await page.click('[data-testid="continue-generate"]');
    await page.waitForSelector('[data-testid="continue-progress"]');
    await page.evaluate(() => window.__aleaTest.crashMlWorker());
    await page.waitForSelector('[data-testid="continue-problem"]');
    const problem = (await page.textContent('[data-testid="continue-problem"]')) ?? '';
    const banner = await status(page);
    t.expect(banner.includes('project is kept'), `banner: "${banner}"`);
    t.expect((await trackCount(page)) === song.trackCount, 'the project lost tracks');
    await page.click('[data-testid="continue-generate"]');
    const again = await generated(page);
    t.expect(again === null, `the next job failed: ${again}`);
    await page.close();
    return `"${problem}"; the next job wrote a variation`;
  });

  await t.check('the WebGL context lost: the ML worker moves to wasm, says so, and keeps working', async () => {
    const page = await open(`${server.url}/?backend=webgl&test-hooks`);
    const name = await waitBackend(page);
    if (name !== 'webgl') {
      await page.close();
      return `skipped: this browser gives the worker ${name}, not webgl`;
    }
    await importSong(page, song);
    t.expect(await page.evaluate(() => window.__aleaTest.loseWebglContext()), 'the context could not be lost');
    await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend') === 'wasm', undefined, { timeout: 60_000 });
    // the badge can change a moment before the message shows: wait for it (the check below still decides)
    await page.waitForFunction(() => document.querySelector('[data-testid="status"] .text')?.textContent?.includes('WebGL'), undefined, { timeout: 10_000 }).catch(() => {});
    const banner = await status(page);
    t.expect(banner.includes('WebGL') && banner.includes('wasm'), `banner: "${banner}"`);
    let work = 'no Continue model to run';
    if (models.continue.length > 0) {
      await continueOneBar(page, models.continue[0]);
      await page.click('[data-testid="continue-generate"]');
      const problem = await generated(page);
      t.expect(problem === null, `Continue after the loss: ${problem}`);
      work = 'Continue wrote a variation after it';
    }
    t.expect((await trackCount(page)) === song.trackCount, 'the project lost tracks');
    await page.close();
    return `"${banner}"; ${work}`;
  });
}

async function storageAndAudioChecks(t, { open, newContext, server, song }) {
  await t.check('storage full on autosave: a message, and the project stays open, editable and savable', async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function put_(...args) {
        if (this.name === 'snapshots') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    const page = await open(`${server.url}/?test-hooks`, context);
    await importSong(page, song);
    await page.evaluate(() => window.__aleaTest.autosaveNow());
    await page.waitForSelector('[data-testid="status"][data-tone="error"]');
    const banner = await status(page);
    t.expect(/storage .*full/.test(banner) && banner.includes('Ctrl+S'), `banner: "${banner}"`);
    t.expect((await page.getAttribute('[data-testid="project-menu"]', 'data-autosave-problem')) !== '', 'the menu does not say autosave is off');
    t.expect((await trackCount(page)) === song.trackCount, 'the project lost tracks');
    const file = await t.download(page, () => page.keyboard.press('Control+s'));
    t.expect(file.name.endsWith('.alea') && file.bytes.length > 100, `saving: ${file.name}`);
    await page.close();
    return banner;
  });

  await t.check('an AudioContext that cannot start: a message, and editing and export still work', async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      const Native = window.AudioContext;
      // the context stays suspended and refuses to start, as with no usable audio device
      window.AudioContext = class extends Native {
        constructor(options) {
          super(options);
          void Native.prototype.suspend.call(this);
        }
      };
      Native.prototype.resume = () => Promise.reject(new DOMException('no audio output device', 'NotAllowedError'));
    });
    const page = await open(server.url, context);
    await importSong(page, song);
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="status"] .text')?.textContent?.includes('Audio could not start'), undefined, { timeout: 10_000 });
    const banner = await status(page);
    await page.fill('[data-testid="tempo"]', '90');
    await page.press('[data-testid="tempo"]', 'Enter');
    const midi = inspectMidi((await t.download(page, () => page.click('[data-testid="export-midi"]'))).bytes);
    t.expect(Math.abs(midi.bpm - 90) < 0.01 && midi.noteCount === song.noteCount, `export after the failure: ${midi.bpm} bpm, ${midi.noteCount} notes`);
    await page.close();
    return banner;
  });
}

async function reachChecks(t, { open, server, requests }) {
  await t.check('the built page carries a Content-Security-Policy that lets nothing remote in', async () => {
    const page = await open(server.url);
    const policy = (await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')) ?? '';
    t.expect(policy.includes("'wasm-unsafe-eval'") && policy.includes("default-src 'self'"), `policy: ${policy}`);
    t.expect(!/https?:|\*|'unsafe-eval'/.test(policy), `the policy lets more in: ${policy}`);
    const refused = await page.evaluate(async (url) => {
      const seen = [];
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.effectiveDirective));
      // text as code (what a project or preset file must never become): an inline script is refused
      const script = document.createElement('script');
      script.textContent = 'window.__aleaInline = true;';
      document.head.append(script);
      await fetch(url).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { evaluated: 'window.__aleaInline' in window, seen };
    }, REFUSED_URL);
    t.expect(!refused.evaluated, 'the page ran an inline script');
    t.expect(refused.seen.includes('connect-src') && refused.seen.includes('script-src-elem'), `violations seen: ${refused.seen.join(', ')}`);
    await page.close();
    return policy.split('; ').slice(0, 3).join('; ') + '; …';
  });

  await t.check('after load the pages asked only their own server, for the app, its models, samples and presets', async () => {
    const mine = requests.filter((url) => url !== REFUSED_URL && !/^(blob|data):/.test(url));
    const stray = mine.filter((url) => !url.startsWith(`${server.url}/`) || !OWN_PATHS.test(new URL(url).pathname));
    t.expect(mine.length > 0, 'no requests were recorded');
    t.expect(stray.length === 0, stray.slice(0, 5).join(', '));
    const kinds = new Set(mine.map((url) => new URL(url).pathname.split('/')[1] || 'page'));
    return `${mine.length} requests: ${[...kinds].join(', ')}`;
  });
}

/**
 * `t`: the runner's check, skip, expect, download, recordConsoleErrors.
 * `models`: installed model names per plugin ({ continue, latent, remix }).
 */
export async function faultChecks(t, { server, song, models, launchOptions, viewport }) {
  const browser = await chromium.launch(launchOptions);
  const requests = [];
  const newContext = async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport });
    context.on('request', (request) => requests.push(request.url()));
    return context;
  };
  const open = async (url, context) => {
    const page = await (context ?? (await newContext())).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    await page.waitForSelector('[data-testid="piano-roll"]');
    return page;
  };
  const env = { open, newContext, server, song, models, requests };
  try {
    await projectChecks(t, env);
    await storageAndAudioChecks(t, env);
    await workerChecks(t, env);
    await leakChecks(t, env);
    await reachChecks(t, env);
  } finally {
    await browser.close();
  }
}
