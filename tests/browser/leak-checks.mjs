// Leak runs in the browser: 20 Continue runs (each previewed in the piano roll, so a Tone graph is
// built and dropped), 20 Latent Synth voice builds (each one the computer keyboard's voice) and 20
// remixes (each added as a track, then undone). After every run the ML worker's tensors and the
// page's live Tone.js nodes must be back where they were after a first, warm-up run (models
// loaded). Runs whose model is not installed are skipped with a line saying so.
import { makeSineWav } from './test-files.mjs';

const RUNS = 20;

async function waitBackend(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'), undefined, { timeout: 60_000 });
}

/** Tensors in the ML worker and live Tone nodes, once the node count has held still for 300 ms. */
async function counts(page) {
  return page.evaluate(async () => {
    const hooks = window.__aleaTest;
    let nodes = hooks.toneNodes();
    for (let still = 0; still < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = hooks.toneNodes();
      still = now === nodes ? still + 1 : 0;
      nodes = now;
    }
    const { numTensors, numBytes } = await hooks.mlMemory();
    return { tensors: numTensors, bytes: numBytes, nodes };
  });
}

/** Clicks `selector` and resolves once `busy` has appeared and gone again. */
function clickAndWait(page, selector, busy) {
  return page.evaluate(
    ([button, progress]) =>
      new Promise((resolve, reject) => {
        let started = false;
        const timer = setTimeout(() => reject(new Error(`${button}: not done in 120 s`)), 120_000);
        const observer = new MutationObserver(() => {
          if (document.querySelector(progress) !== null) started = true;
          else if (started) {
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        document.querySelector(button)?.click();
      }),
    [selector, busy],
  );
}

/** Live Tone nodes now (while a run's graph plays its part). */
const nodesNow = (page) => page.evaluate(() => window.__aleaTest.toneNodes());

/**
 * Runs `once` 1 + RUNS times; checks the counts after each run against those after the first.
 * `once` may return the Tone nodes it saw mid-run (its own graph up), to show they are counted.
 */
async function repeat(t, page, once, problem) {
  await once(0);
  const base = await counts(page);
  let last = base;
  let most = base.nodes;
  let mostTensors = base.tensors;
  let during = 0;
  for (let i = 1; i <= RUNS; i++) {
    during = Math.max(during, (await once(i)) ?? 0);
    const failed = await problem();
    t.expect(failed === null, `run ${i}: ${failed}`);
    last = await counts(page);
    most = Math.max(most, last.nodes);
    mostTensors = Math.max(mostTensors, last.tensors);
  }
  t.expect(last.tensors === base.tensors && last.bytes === base.bytes, `tensors ${base.tensors} (${base.bytes} B) → ${last.tensors} (${last.bytes} B)`);
  t.expect(last.nodes === base.nodes, `Tone nodes ${base.nodes} → ${last.nodes}`);
  const mid = during > 0 ? `, up to ${during} mid-run` : '';
  return `${RUNS} runs: tensors ${base.tensors} → ${last.tensors} (most ${mostTensors}), Tone nodes ${base.nodes} → ${last.nodes} (most ${most} after a run${mid})`;
}

const textOf = (page, selector) => page.textContent(selector, { timeout: 100 }).catch(() => null);

export async function leakChecks(t, { open, server, song, models }) {
  const names = [
    `${RUNS} Continue runs, each previewed: ML tensors and Tone nodes back to where they were`,
    `${RUNS} Latent Synth voice builds: ML tensors and Tone nodes back to where they were`,
    `${RUNS} remixes, each undone: ML tensors and Tone nodes back to where they were`,
  ];

  if (models.continue.length === 0) t.skip(names[0], 'no Continue model in models/');
  else {
    await t.check(names[0], async () => {
      const page = await open(`${server.url}/?backend=wasm&test-hooks`);
      await waitBackend(page);
      await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
      const model = models.continue.includes('folk-nottingham') ? 'folk-nottingham' : models.continue[0];
      await page.click('[data-testid="continue-button"]');
      await page.selectOption('[data-testid="continue-model"]', model);
      for (const [id, value] of [['bars', '1'], ['variations', '1']]) {
        await page.fill(`[data-testid="continue-${id}"]`, value);
        await page.press(`[data-testid="continue-${id}"]`, 'Tab');
      }
      const once = async () => {
        await clickAndWait(page, '[data-testid="continue-generate"]', '[data-testid="continue-progress"]');
        if ((await textOf(page, '[data-testid="continue-problem"]')) !== null) return;
        await page.locator('[data-testid="variation"] .pick').first().click();
        await page.waitForSelector('[data-testid="end-preview"]');
        await page.waitForTimeout(200); // the preview's graph loads
        const seen = await nodesNow(page);
        await page.click('[data-testid="end-preview"]');
        await page.waitForSelector('[data-testid="end-preview"]', { state: 'detached' });
        return seen;
      };
      const detail = await repeat(t, page, once, () => textOf(page, '[data-testid="continue-problem"]'));
      await page.close();
      return `${model}, ${detail}`;
    });
  }

  if (models.latent.length === 0) t.skip(names[1], 'no timbre VAE in models/');
  else {
    await t.check(names[1], async () => {
      const page = await open(`${server.url}/?backend=wasm&test-hooks`);
      await waitBackend(page);
      await page.click('[data-testid="latent-synth-button"]');
      await page.waitForSelector('[data-testid="latent-model"]');
      for (const [i, name] of ['flute-g4.wav', 'pluck-c4.wav'].entries()) {
        await page.selectOption('[data-testid="latent-add-sample"]', name);
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="latent-sound"]').length === n || document.querySelector('[data-testid="latent-problem"]'), i + 1, { timeout: 60_000 });
      }
      for (const [id, value] of [['zones', '2'], ['velocityLayers', '1']]) {
        await page.fill(`[data-testid="latent-${id}"]`, value);
        await page.press(`[data-testid="latent-${id}"]`, 'Tab');
      }
      const once = async (i) => {
        await page.fill('[data-testid="latent-slider"]', (0.2 + i * 0.02).toFixed(2));
        await clickAndWait(page, '[data-testid="latent-build"]', '[data-testid="latent-progress"]');
      };
      const detail = await repeat(t, page, once, async () => {
        const problem = await textOf(page, '[data-testid="latent-problem"]');
        if (problem !== null) return problem;
        return (await page.getAttribute('[data-testid="latent-voice-state"]', 'data-fresh')) === 'true' ? null : 'no voice was built';
      });
      await page.close();
      return `2 zones, ${detail}`;
    });
  }

  if (models.remix.length === 0) t.skip(names[2], 'no style GAN in models/');
  else {
    await t.check(names[2], async () => {
      const page = await open(`${server.url}/?backend=wasm&test-hooks`);
      await waitBackend(page);
      await page.setInputFiles('[data-testid="import-input"]', { name: 'sine.wav', mimeType: 'audio/wav', buffer: makeSineWav() });
      await page.waitForSelector('[data-testid="waveform-lane"]');
      await page.click('[data-testid="remix-button"]');
      await page.selectOption('[data-testid="remix-style"]', 'strings');
      const tracks = () => page.locator('[data-testid="track"]').count();
      const before = await tracks();
      const once = async () => {
        await page.click('[data-testid="remix-run"]');
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid="track"]').length === n + 1 || document.querySelector('[data-testid="remix-problem"]'),
          before,
          { timeout: 120_000 },
        );
        if ((await textOf(page, '[data-testid="remix-problem"]')) !== null) return;
        await page.waitForTimeout(200); // the graph with the new track loads
        const seen = await nodesNow(page);
        await page.click('[data-testid="undo"]');
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, before);
        return seen;
      };
      const detail = await repeat(t, page, once, () => textOf(page, '[data-testid="remix-problem"]'));
      await page.close();
      return `${models.remix[0]}, ${detail}`;
    });
  }
}
