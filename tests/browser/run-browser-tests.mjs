// Browser test of the workstation: builds the app, serves dist/ and drives Debian's Chromium
// through the things a user does (open, import, play, export, a broken import, Continue, undo).
// One line per check, then "N passed, N failed"; exit 1 if any check failed. Checks that need a
// trained model print a "skip" line (counted as neither) when models/ holds none.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, createServer } from 'vite';
import { chromium } from 'playwright-core';
import { serveFolder } from './static-server.mjs';
import { makeBrokenMidi, makeSineWav, makeTestMidi } from './test-files.mjs';
import { inspectMidi, inspectWav, notesAdded } from './inspect-exports.mjs';
import { latentModels, latentSynthChecks } from './latent-synth-checks.mjs';
import { remixChecks, remixModels } from './remix-checks.mjs';
import { faultChecks } from './fault-checks.mjs';
import { transcribeChecks } from './transcribe-checks.mjs';
import { infillChecks } from './infill-checks.mjs';
import { fineTuneChecks } from './fine-tune-checks.mjs';
import { editingChecks } from './editing-checks.mjs';
import { trackRow } from './editing-helpers.mjs';
import { rackChecks } from './rack-checks.mjs';
import { instrumentChecks } from './instrument-checks.mjs';
import { audioViewChecks } from './audio-view-checks.mjs';
import { longTaskChecks } from './long-task-checks.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
const distDir = join(repoRoot, 'dist');
const SHOT = '/tmp/alea-shot.png';
const SHOT_EMPTY = '/tmp/alea-shot-empty.png';
const SHOT_CONTINUE = '/tmp/alea-shot-continue.png';
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];
const VIEWPORT = { width: 1400, height: 820 };
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--autoplay-policy=no-user-gesture-required',
  ],
};

let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    const detail = await body();
    passed++;
    console.log(`ok   ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function shippedSamples() {
  try {
    return (await readdir(join(repoRoot, 'samples'))).filter((n) => /\.(mid|midi|wav)$/i.test(n)).sort();
  } catch {
    return [];
  }
}

async function brokenMidiFixture() {
  const folder = join(repoRoot, 'tests/fixtures/bad/midi');
  try {
    const names = (await readdir(folder)).filter((n) => /\.(mid|midi)$/i.test(n)).sort();
    if (names.length > 0) return { name: names[0], buffer: await readFile(join(folder, names[0])) };
  } catch {
    // no fixtures yet: use bytes made here
  }
  return { name: 'broken.mid', buffer: makeBrokenMidi() };
}

/** The models Continue runs, as models/index.json lists them (written by `alea models index`). */
async function installedModels() {
  try {
    const index = JSON.parse(await readFile(join(repoRoot, 'models', 'index.json'), 'utf8'));
    return index.models.filter((m) => m.plugins.includes('continue')).map((m) => m.name);
  } catch {
    return []; // no index: nothing installed
  }
}

/** Console errors and uncaught page errors (the app probes nothing, so none is expected). */
function recordConsoleErrors(page, errors) {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

function skip(name, why) {
  console.log(`skip ${name}: ${why}`);
}

const trackCount = (page) => page.locator('[data-testid="track"]').count();
const noteCount = async (page) => Number(await page.getAttribute('[data-testid="piano-roll"]', 'data-note-count'));
const position = async (page) => Number(await page.getAttribute('[data-testid="position"]', 'data-seconds'));

/** Answers "Discard changes" when the app asks before replacing a project with unsaved changes. */
async function discardIfAsked(page) {
  const ok = page.locator('[data-testid="confirm-ok"]');
  await ok.waitFor({ timeout: 3000 }).then(() => ok.click(), () => {});
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

/** The built app on a static server (default), or the Vite dev server with `--dev`. */
async function startApp() {
  const config = { root: join(repoRoot, 'src/app'), configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'error' };
  if (process.argv.includes('--dev')) {
    const dev = await createServer({ ...config, server: { host: '127.0.0.1', port: 0 } });
    await dev.listen();
    const url = dev.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
    console.log(`dev server at ${url}`);
    return { url, close: () => dev.close() };
  }
  process.stdout.write('building the app… ');
  const started = Date.now();
  await build(config);
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  return serveFolder(distDir);
}

/**
 * Continue end to end on a page running tfjs on wasm (in headless Chromium, webgl is software GL:
 * about 25x slower for sampling). Seed: the test song; 2 variations of 2 bars.
 */
async function continueChecks(context, server, models, song, consoleErrors) {
  const names = [
    'Continue writes 2 variations of 2 bars whose new notes start after the seed',
    "Audition plays the variation from the seed's last bar, and stops",
    'Accept adds the new notes and keeps the mixer; Undo and Redo take them back and forth',
    'Export MIDI after Accept has the seed, the new notes and Continue provenance',
  ];
  if (models.length === 0) {
    for (const name of names) skip(name, 'no model folder in models/');
    return;
  }
  const model = models.includes('chorale-jsb') ? 'chorale-jsb' : models[0];
  const page = await context.newPage();
  recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(20_000);
  const seed = inspectMidi(song.bytes);
  const seedEnd = Math.max(...seed.notes.map((n) => n.endTick));
  const twoBars = 2 * 4 * seed.ppq; // the test song is in 4/4
  let added = 0;
  try {
    await check(names[0], async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
      await page.click('[data-testid="continue-button"]');
      await page.selectOption('[data-testid="continue-model"]', model);
      for (const [id, value] of [['bars', '2'], ['variations', '2']]) {
        await page.fill(`[data-testid="continue-${id}"]`, value);
        await page.press(`[data-testid="continue-${id}"]`, 'Tab');
      }
      await page.click('[data-testid="continue-generate"]');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="variation"]').length > 0 || document.querySelector('[data-testid="continue-problem"]'),
        undefined,
        { timeout: 120_000 },
      );
      const problem = await page.locator('[data-testid="continue-problem"]').textContent({ timeout: 100 }).catch(() => null);
      expect(problem === null, `Continue failed: ${problem}`);
      const rows = await page.locator('[data-testid="variation"]').evaluateAll((els) => els.map((el) => ({ ...el.dataset })));
      expect(rows.length === 2, `${rows.length} variations`);
      for (const row of rows) {
        const count = Number(row.addedNotes);
        const first = Number(row.firstAddedTick);
        expect(count > 0, 'a variation added no notes');
        expect(first >= seedEnd, `a new note starts at tick ${first}, before the seed ends (${seedEnd})`);
        expect(Number(row.startTick) < seedEnd + twoBars, `the continuation starts at ${row.startTick}, past the bar after the seed`);
      }
      added = Number(rows[0].addedNotes);
      await page.locator('[data-testid="variation"] .pick').first().click();
      await page.waitForFunction((n) => document.querySelector('[data-testid="piano-roll"]')?.getAttribute('data-proposed-notes') === String(n), added);
      await page.screenshot({ path: SHOT_CONTINUE });
      const seconds = Number(await page.getAttribute('[data-testid="continue-took"]', 'data-seconds'));
      return `${model}: ${rows.map((r) => r.addedNotes).join(' and ')} new notes in ${seconds.toFixed(1)} s, from tick ${rows[0].startTick}`;
    });

    await check(names[1], async () => {
      expect(added > 0, 'no variation to audition');
      const lastBarSeconds = 6; // the test song's last note is in bar 4 (4/4 at 120 bpm)
      const audition = page.locator('[data-testid="variation"] [data-testid="audition"]').first();
      await audition.click();
      await page.waitForFunction(
        (from) => Number(document.querySelector('[data-testid="position"]')?.getAttribute('data-seconds')) > from + 0.2,
        lastBarSeconds,
        { timeout: 10_000 },
      );
      const heardFrom = await position(page);
      expect(heardFrom < lastBarSeconds + 2, `playing at ${heardFrom.toFixed(2)} s, not from the seed's last bar`);
      expect(((await audition.textContent()) ?? '').includes('Stop'), 'the button does not offer Stop while auditioning');
      await audition.click();
      const stoppedAt = await position(page);
      await page.waitForTimeout(300);
      expect((await position(page)) === stoppedAt, 'still playing after Stop');
      return `playing at ${heardFrom.toFixed(2)} s, stopped at ${stoppedAt.toFixed(2)} s`;
    });

    await check(names[2], async () => {
      expect(added > 0, 'no variation to accept');
      const bassMute = trackRow(page, 'Bass').getByTitle('Mute');
      await bassMute.click();
      await page.locator('[data-testid="variation"] [data-testid="accept"]').first().click();
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="piano-roll"]')?.getAttribute('data-note-count')) === n, song.noteCount + added);
      expect((await bassMute.getAttribute('aria-pressed')) === 'true', 'the Bass track is no longer muted after Accept');
      await bassMute.click();
      await page.locator('[data-testid="piano-roll"]').click({ position: { x: 200, y: 10 } }); // focus leaves the panel
      await page.keyboard.press('Control+z');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="piano-roll"]')?.getAttribute('data-note-count')) === n, song.noteCount);
      expect((await bassMute.getAttribute('aria-pressed')) === 'false', 'Undo brought back an old mixer setting');
      await page.click('[data-testid="redo"]');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="piano-roll"]')?.getAttribute('data-note-count')) === n, song.noteCount + added);
      return `${song.noteCount} → ${song.noteCount + added} → ${song.noteCount} → ${song.noteCount + added} notes`;
    });

    await check(names[3], async () => {
      expect(added > 0, 'nothing was accepted');
      const file = await download(page, () => page.click('[data-testid="export-midi"]'));
      const midi = inspectMidi(file.bytes);
      const fresh = notesAdded(seed.notes, midi.notes);
      const provenance = midi.texts.find((t) => t.includes('generator=Alea 0.1.0 continue')) ?? '';
      expect(midi.noteCount === seed.noteCount + added, `${midi.noteCount} notes, expected ${seed.noteCount} + ${added}`);
      expect(fresh.length === added, `${fresh.length} notes differ from the seed, expected ${added}`);
      expect(fresh.every((n) => n.startTick >= seedEnd), 'a new note starts before the seed ends');
      expect(provenance.includes(`model=${model}`) && /model_sha256=[0-9a-f]{8,}/.test(provenance), `provenance: ${provenance || midi.texts.join(' | ')}`);
      expect(/seed=\d+/.test(provenance) && provenance.includes('bars=2'), `provenance lacks seed or params: ${provenance}`);
      return provenance;
    });
  } finally {
    await page.close();
  }
}

async function main() {
  const server = await startApp();
  const profile = await mkdtemp(join(tmpdir(), 'alea-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { ...LAUNCH, acceptDownloads: true, viewport: VIEWPORT });
  const consoleErrors = [];
  const outsideRequests = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !/^(blob|data):/.test(url)) outsideRequests.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(20_000);
  const song = makeTestMidi();

  try {
    await check('the page opens without console errors', async () => {
      await page.goto(server.url);
      await page.waitForSelector('[data-testid="piano-roll"]');
      await page.waitForTimeout(500);
      await page.screenshot({ path: SHOT_EMPTY });
      expect(consoleErrors.length === 0, consoleErrors.join(' | '));
    });

    await check('the backend badge names the tfjs backend', async () => {
      await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'));
      const name = await page.getAttribute('[data-testid="backend-badge"]', 'data-backend');
      const text = await page.textContent('[data-testid="backend-badge"]');
      expect(BACKENDS.includes(name ?? ''), `unexpected backend "${name}"`);
      expect(text?.includes(`tfjs: ${name}`), `badge reads "${text}"`);
      return text?.trim();
    });

    await check('importing a MIDI file shows its tracks and draws its notes', async () => {
      await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
      const notes = await noteCount(page);
      const drawn = Number(await page.getAttribute('[data-testid="piano-roll"]', 'data-drawn-notes'));
      expect(notes === song.noteCount, `piano roll has ${notes} notes, expected ${song.noteCount}`);
      expect(drawn > 0, 'no notes drawn');
      return `${song.trackCount} tracks, ${notes} notes, ${drawn} drawn`;
    });

    await check('play advances the position and stop halts it', async () => {
      const before = await position(page);
      await page.click('[data-testid="play"]');
      await page.waitForFunction(
        (start) => Number(document.querySelector('[data-testid="position"]')?.getAttribute('data-seconds')) > start + 0.3,
        before,
        { timeout: 10_000 },
      );
      await page.click('[data-testid="stop"]');
      const stoppedAt = await position(page);
      await page.waitForTimeout(400);
      const later = await position(page);
      expect(stoppedAt > before, 'position did not advance');
      expect(later === stoppedAt, `position moved after stop (${stoppedAt} → ${later})`);
      expect(await page.isEnabled('[data-testid="play"]'), 'play is still disabled after stop');
      expect(!(await page.getAttribute('[data-testid="play"]', 'class'))?.includes('active'), 'play still looks active after stop');
      return `stopped at ${stoppedAt.toFixed(2)} s`;
    });

    await check('Export MIDI downloads a file with the notes and Alea provenance', async () => {
      const file = await download(page, () => page.click('[data-testid="export-midi"]'));
      const midi = inspectMidi(file.bytes);
      expect(file.name.endsWith('.mid'), `file named ${file.name}`);
      expect(midi.noteCount === song.noteCount, `${midi.noteCount} notes, expected ${song.noteCount}`);
      expect(midi.texts.some((t) => t.includes('Alea 0.1.0 workstation')), `texts: ${midi.texts.join(' | ')}`);
      return `${file.name}, ${midi.noteCount} notes`;
    });

    await check('importing a WAV adds an audio track with a waveform', async () => {
      await page.setInputFiles('[data-testid="import-input"]', { name: 'sine.wav', mimeType: 'audio/wav', buffer: makeSineWav() });
      await page.waitForSelector('[data-testid="waveform-lane"]');
      const count = await trackCount(page);
      expect(count === song.trackCount + 1, `${count} tracks after adding a clip`);
      await page.screenshot({ path: SHOT });
    });

    await check('Export WAV (16-bit) downloads a non-silent WAV with provenance', async () => {
      await page.selectOption('[data-testid="wav-depth"]', { label: '16-bit' });
      const file = await download(page, () => page.click('[data-testid="export-wav"]'));
      const wav = inspectWav(file.bytes);
      expect(wav.bits === 16, `${wav.bits}-bit`);
      expect(wav.seconds > 7, `only ${wav.seconds.toFixed(2)} s long`);
      expect(wav.peak > 0.01, `silent (peak ${wav.peak})`);
      expect(wav.metadata.includes('Alea 0.1.0 workstation'), 'no Alea provenance in LIST/iXML');
      return `${file.name}, ${wav.channels} ch, ${wav.sampleRate} Hz, ${wav.seconds.toFixed(2)} s, peak ${wav.peak.toFixed(3)}`;
    });

    await check('a broken MIDI shows one error line and keeps the open tracks', async () => {
      const before = await trackCount(page);
      const notesBefore = await noteCount(page);
      const bad = await brokenMidiFixture();
      await page.setInputFiles('[data-testid="import-input"]', { name: bad.name, mimeType: 'audio/midi', buffer: bad.buffer });
      await page.waitForSelector('[data-testid="status"][data-tone="error"]');
      const text = (await page.textContent('[data-testid="status"] .text')) ?? '';
      expect(text.includes(bad.name), `error does not name the file: "${text}"`);
      expect(!text.includes('\n') && !/\bat .+:\d+:\d+/.test(text), `not one line: "${text}"`);
      expect((await trackCount(page)) === before, 'tracks changed');
      expect((await noteCount(page)) === notesBefore, 'notes changed');
      await page.click('[data-testid="dismiss"]');
      expect((await page.locator('[data-testid="status"]').count()) === 0, 'banner did not close');
      return text;
    });

    await check('soloing the audio clip leaves only the clip in a 32-bit float export', async () => {
      const clipRow = page.locator('[data-testid="track"][data-kind="audio"]').first();
      await clipRow.getByTitle('Solo').click();
      await page.selectOption('[data-testid="wav-depth"]', { label: '32-bit float' });
      const file = await download(page, () => page.click('[data-testid="export-wav"]'));
      await clipRow.getByTitle('Solo').click();
      const wav = inspectWav(file.bytes);
      const during = wav.peakBetween(0.1, 0.9);
      const after = wav.peakBetween(1.2, wav.seconds);
      expect(wav.bits === 32 && wav.format === 3, `format ${wav.format}, ${wav.bits}-bit`);
      expect(during > 0.1, `the clip is missing (peak ${during.toFixed(3)} in its first second)`);
      expect(after < 1e-4, `other tracks still sound after the clip ends (peak ${after.toFixed(4)})`);
      return `clip peak ${during.toFixed(3)}, rest ${after.toExponential(1)}`;
    });

    await check('dropping a MIDI file on the window opens it', async () => {
      await page.evaluate((bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.mid', { type: 'audio/midi' }));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }
      }, [...song.bytes]);
      await discardIfAsked(page); // the project has unsaved changes: opening a MIDI asks first
      await page.waitForFunction(() => document.querySelector('[data-testid="status"] .text')?.textContent?.includes('dropped.mid'));
      const count = await trackCount(page);
      expect(count === song.trackCount, `${count} tracks after the drop`);
    });

    await check('a new tempo is what Export MIDI writes', async () => {
      await page.fill('[data-testid="tempo"]', '90');
      await page.press('[data-testid="tempo"]', 'Enter');
      await page.waitForFunction(() => (document.querySelector('[data-testid="tempo"]') instanceof HTMLInputElement) && document.querySelector('[data-testid="tempo"]').value === '90');
      const file = await download(page, () => page.click('[data-testid="export-midi"]'));
      const midi = inspectMidi(file.bytes);
      expect(Math.abs(midi.bpm - 90) < 0.01, `the file says ${midi.bpm} bpm`);
      expect(midi.noteCount === song.noteCount, `${midi.noteCount} notes`);
      return `${midi.bpm.toFixed(1)} bpm`;
    });

    const samples = await shippedSamples();
    await check('the Samples menu lists the shipped samples and opens one', async () => {
      await page.click('[data-testid="samples"]');
      const items = page.locator('[data-testid="samples-list"] [role="menuitem"]');
      const count = await items.count();
      await page.screenshot({ path: '/tmp/alea-shot-samples.png' });
      expect(count === samples.length, `menu lists ${count}, samples/ has ${samples.length}`);
      if (count === 0) return 'no samples shipped yet';
      const midi = samples.find((n) => /\.midi?$/i.test(n));
      const pick = midi ?? samples[0];
      const lanesBefore = await page.locator('[data-testid="waveform-lane"]').count();
      await items.filter({ hasText: pick }).first().click();
      if (midi !== undefined) await discardIfAsked(page);
      await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-tone') === 'info');
      await page.screenshot({ path: '/tmp/alea-shot-sample.png' });
      if (midi !== undefined) expect((await noteCount(page)) > 0, `${pick} shows no notes`);
      else expect((await page.locator('[data-testid="waveform-lane"]').count()) === lanesBefore + 1, `${pick} added no lane`);
      return `${count} samples, opened ${pick}`;
    });

    const models = await installedModels();
    await check('the Continue button opens the panel, which lists the installed models', async () => {
      await page.click('[data-testid="continue-button"]');
      await page.waitForSelector('[data-testid="continue-panel"]');
      if (models.length === 0) {
        await page.waitForSelector('[data-testid="continue-no-models"]');
        return 'no model installed, and the panel says so';
      }
      await page.waitForSelector('[data-testid="continue-model"]');
      const listed = await page.locator('[data-testid="continue-model"] option').allTextContents();
      expect(listed.join() === models.join(), `lists ${listed.join(', ')}, models/ has ${models.join(', ')}`);
      expect(((await page.textContent('[data-testid="continue-model-info"]')) ?? '').includes('validation'), 'no validation figures shown');
      await page.click('[data-testid="continue-button"]');
      await page.waitForSelector('[data-testid="continue-panel"]', { state: 'detached' });
      return listed.join(', ');
    });

    await continueChecks(context, server, models, song, consoleErrors);

    await editingChecks({ check, skip, expect, download, recordConsoleErrors }, { context, server, song, consoleErrors, models, repoRoot });

    await rackChecks({ check, expect, download, recordConsoleErrors }, { context, server, song, consoleErrors });

    await instrumentChecks({ check, expect, download, recordConsoleErrors }, { context, server, consoleErrors });

    await audioViewChecks({ check, expect, recordConsoleErrors }, { context, server, consoleErrors });

    await longTaskChecks({ check, expect }, { context, server });

    await latentSynthChecks(
      { check, skip, expect, download, recordConsoleErrors },
      { context, server, song, consoleErrors, models: await latentModels(repoRoot) },
    );

    await remixChecks({ check, skip, expect, download, recordConsoleErrors }, { context, server, consoleErrors, models: await remixModels(repoRoot) });

    await transcribeChecks({ check, expect, recordConsoleErrors }, { context, server, consoleErrors });

    await infillChecks({ check, skip, expect, recordConsoleErrors }, { context, server, consoleErrors, song, models });

    await fineTuneChecks({ check, skip, expect, download, recordConsoleErrors }, { context, server, consoleErrors, song, models });

    await faultChecks(
      { check, skip, expect, download },
      {
        server,
        song,
        launchOptions: LAUNCH,
        viewport: VIEWPORT,
        models: { continue: models, latent: await latentModels(repoRoot), remix: await remixModels(repoRoot) },
      },
    );

    await check('the wasm backend starts from the app\'s own wasm files', async () => {
      const wasmPage = await context.newPage();
      const wasmRequests = [];
      wasmPage.on('request', (request) => request.url().endsWith('.wasm') && wasmRequests.push(request.url()));
      try {
        await wasmPage.goto(`${server.url}/?backend=wasm`);
        await wasmPage.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'));
        const name = await wasmPage.getAttribute('[data-testid="backend-badge"]', 'data-backend');
        expect(name === 'wasm', `badge says ${name}: ${await wasmPage.getAttribute('[data-testid="backend-badge"]', 'title')}`);
        expect(wasmRequests.length > 0 && wasmRequests.every((u) => u.startsWith(server.url)), `wasm from ${wasmRequests.join(', ')}`);
        return wasmRequests.map((u) => u.split('/').pop()).join(', ');
      } finally {
        await wasmPage.close();
      }
    });

    await check('nothing is fetched from outside the app', async () => {
      expect(outsideRequests.length === 0, outsideRequests.join(', '));
    });

    await check('no console errors during the session', async () => {
      expect(consoleErrors.length === 0, consoleErrors.join(' | '));
    });
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  failed++;
  console.log(`FAIL the browser test could not run: ${error instanceof Error ? error.message : error}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
