// Latent Synth in the browser: sounds in, a point between them, the voice built in the ML worker
// (progress, cancel), heard from a MIDI track and in the WAV export, a WAV of the sound, a preset.
// Skipped (with a line saying why) when models/index.json lists no timbre VAE.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectWav } from './inspect-exports.mjs';

const NAMES = [
  'Latent Synth encodes four of Alea samples (typicality or why not) and the pad moves the point',
  'Latent Synth builds its voice in the worker with progress, and Cancel stops a build',
  'a MIDI track plays Latent Synth, and the WAV export changes with it',
  'Latent Synth exports its sound as a WAV with provenance and saves a preset with its sounds',
  'Surprise me draws a sound from the flow prior, scored like the others (when a flow is installed)',
];
const SHOT = '/tmp/alea-shot-latent.png';
const SOUNDS = ['flute-g4.wav', 'pluck-c4.wav', 'bass-c2.wav', 'pad-a3.wav'];

/** The timbre VAEs models/index.json lists for Latent Synth. */
export async function latentModels(repoRoot) {
  try {
    const index = JSON.parse(await readFile(join(repoRoot, 'models', 'index.json'), 'utf8'));
    return index.models.filter((m) => m.plugins.includes('latent-synth')).map((m) => m.name);
  } catch {
    return [];
  }
}

/** `t`: the runner's check, skip, expect, download and recordConsoleErrors. */
export async function latentSynthChecks(t, { context, server, song, consoleErrors, models }) {
  if (models.length === 0) {
    for (const name of NAMES) t.skip(name, 'models/index.json lists no timbre VAE (models/timbre-vae)');
    return;
  }
  const page = await context.newPage();
  t.recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(30_000);
  const problem = () => page.locator('[data-testid="latent-problem"]').textContent({ timeout: 100 }).catch(() => null);
  const fresh = () => page.getAttribute('[data-testid="latent-voice-state"]', 'data-fresh');
  const exportSoloed = async () => {
    await page.selectOption('[data-testid="wav-depth"]', { label: '16-bit' });
    return inspectWav((await t.download(page, () => page.click('[data-testid="export-wav"]'))).bytes);
  };
  let built = false;
  try {
    await t.check(NAMES[0], async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
      await page.click('[data-testid="latent-synth-button"]');
      await page.waitForSelector('[data-testid="latent-model"]');
      for (const [i, name] of SOUNDS.entries()) {
        await page.selectOption('[data-testid="latent-add-sample"]', name);
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="latent-sound"]').length === n || document.querySelector('[data-testid="latent-problem"]'), i + 1, { timeout: 60_000 });
        t.expect((await problem()) === null, `adding ${name}: ${await problem()}`);
        if (i === 1) {
          await page.fill('[data-testid="latent-slider"]', '0.3');
          t.expect((await page.inputValue('[data-testid="latent-slider"]')) === '0.3', 'the slider did not move');
        }
      }
      const pad = page.locator('[data-testid="latent-pad"]');
      const box = await pad.boundingBox();
      t.expect(box !== null, 'no pad for four sounds');
      await pad.click({ position: { x: box.width * 0.25, y: box.height * 0.25 } });
      const [x, y] = [Number(await pad.getAttribute('data-x')), Number(await pad.getAttribute('data-y'))];
      t.expect(Math.abs(x - 0.25) < 0.02 && Math.abs(y - 0.75) < 0.02, `the pad point is (${x}, ${y})`);
      const meters = await page.locator('[data-testid="latent-sound"] [data-testid="typicality"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-percentile'))));
      const note = await page.locator('[data-testid="latent-flow-note"]').textContent({ timeout: 100 }).catch(() => null);
      t.expect(meters.length === 4 || note !== null, `${meters.length} typicality meters and no word on the flow`);
      t.expect(meters.every((p) => p >= 0 && p <= 100), `percentiles ${meters.join(', ')}`);
      const mapPoints = await page.locator('[data-testid="latent-map"]').getAttribute('data-points', { timeout: 100 }).catch(() => null);
      return `pad (${x}, ${y}); map ${mapPoints === null ? 'not shipped' : `of ${mapPoints} sounds`}; ${meters.length === 4 ? `typicality ${meters.map((p) => p.toFixed(0)).join('/')}%` : note}`;
    });

    await t.check(NAMES[1], async () => {
      await page.click('[data-testid="latent-build"]');
      await page.waitForSelector('[data-testid="latent-progress"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="latent-progress"]')?.getAttribute('data-fraction')) > 0, undefined, { timeout: 60_000 });
      await page.click('[data-testid="latent-cancel"]');
      await page.waitForSelector('[data-testid="latent-progress"]', { state: 'detached' });
      t.expect((await problem()) === null, `cancel showed a problem: ${await problem()}`);
      t.expect((await fresh()) === 'false', 'a cancelled build left a voice');
      const started = Date.now();
      await page.click('[data-testid="latent-build"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="latent-voice-state"]')?.getAttribute('data-fresh') === 'true' || document.querySelector('[data-testid="latent-problem"]'), undefined, { timeout: 120_000 });
      t.expect((await problem()) === null, `build failed: ${await problem()}`);
      built = true;
      await page.screenshot({ path: SHOT });
      await page.click('[data-testid="latent-audition"]');
      await page.keyboard.press('KeyA');
      return `16 zones × 2 layers in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    });

    await t.check(NAMES[2], async () => {
      t.expect(built, 'no voice');
      const row = page.locator('[data-testid="track"][data-kind="midi"]').first();
      await row.getByTitle('Solo').click();
      const before = await exportSoloed();
      const trackId = await page.locator('[data-testid="latent-track"] option').nth(1).getAttribute('value');
      await page.selectOption('[data-testid="latent-track"]', trackId);
      await page.waitForFunction(() => document.querySelector('[data-testid="status"] .text')?.textContent?.includes('now plays Latent Synth'), undefined, { timeout: 60_000 });
      const label = (await row.textContent()) ?? '';
      const after = await exportSoloed();
      await row.getByTitle('Solo').click();
      t.expect(label.includes('Latent Synth'), `the track row reads "${label.trim()}"`);
      t.expect(after.peak > 0.01, `the Latent Synth track is silent (peak ${after.peak})`);
      const envelope = (wav) => Array.from({ length: 40 }, (_, i) => wav.peakBetween(i * 0.1, (i + 1) * 0.1));
      const [a, b] = [envelope(before), envelope(after)];
      const differs = a.some((v, i) => Math.abs(v - b[i]) > 0.01);
      t.expect(differs, 'the export sounds as it did with the default instrument');
      return `peak ${before.peak.toFixed(3)} → ${after.peak.toFixed(3)}`;
    });

    await t.check(NAMES[3], async () => {
      t.expect(built, 'no voice');
      const wavFile = await t.download(page, () => page.click('[data-testid="latent-export-wav"]'));
      const wav = inspectWav(wavFile.bytes);
      t.expect(wav.peak > 0.1 && wav.seconds > 0.5, `${wav.seconds.toFixed(2)} s, peak ${wav.peak}`);
      t.expect(wav.metadata.includes('latent-synth'), 'no Latent Synth provenance');
      const presetFile = await t.download(page, () => page.click('[data-testid="latent-save-preset"]'));
      const preset = JSON.parse(new TextDecoder().decode(presetFile.bytes));
      t.expect(preset.plugin === 'latent-synth' && preset.data?.sounds?.length === 4, `preset: ${JSON.stringify(preset).slice(0, 120)}`);
      t.expect(Math.abs(preset.params.x - 0.25) < 0.02, `preset x ${preset.params.x}`);
      return `${wavFile.name} (${wav.sampleRate} Hz, ${wav.seconds.toFixed(2)} s), ${presetFile.name}`;
    });

    await t.check(NAMES[4], async () => {
      if (!(await page.isEnabled('[data-testid="latent-surprise"]'))) return 'no flow installed: the button is off';
      await page.click('[data-testid="latent-surprise"]');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="latent-sound"] .name')].some((el) => el.textContent?.startsWith('surprise')) || document.querySelector('[data-testid="latent-problem"]'));
      t.expect((await problem()) === null, `surprise failed: ${await problem()}`);
      const count = await page.locator('[data-testid="latent-sound"]').count();
      const meters = await page.locator('[data-testid="latent-sound"] [data-testid="typicality"]').count();
      t.expect(count === 4 && meters === 4, `${count} sounds, ${meters} meters`);
      return `${count} sounds, the last drawn from the flow`;
    });
  } finally {
    await page.close();
  }
}
