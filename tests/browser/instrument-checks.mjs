// Real instruments in the browser: an imported MIDI with a flute and a drum track plays them from
// the GM SoundFont (built in the ML worker, none of it on the main thread over 50 ms), the WAV
// export is non-silent, and switching a track's instrument in the picker changes what is exported.
import midiPackage from '@tonejs/midi';
import { inspectWav } from './inspect-exports.mjs';

const { Midi } = midiPackage;

/** Two programs: a flute melody (program 73) and a drum beat on channel 10. */
function makeTwoProgramMidi() {
  const midi = new Midi();
  midi.header.setTempo(120);
  const flute = midi.addTrack();
  flute.name = 'Flute';
  flute.instrument.number = 73;
  const drums = midi.addTrack();
  drums.name = 'Drums';
  drums.channel = 9;
  const scale = [72, 74, 76, 77, 79, 81, 83, 84];
  for (let step = 0; step < 16; step++) {
    flute.addNote({ midi: scale[step % 8], time: step * 0.5, duration: 0.45, velocity: 0.8 });
    drums.addNote({ midi: step % 2 === 0 ? 36 : 38, time: step * 0.5, duration: 0.1, velocity: 0.9 });
  }
  return { bytes: Buffer.from(midi.toArray()), trackCount: 2 };
}

const pickerValues = (page) => page.locator('[data-testid="instrument-picker"]').evaluateAll((els) => els.map((el) => ({ value: el.value, busy: el.dataset.busy === 'true' })));

async function waitPickers(page, expected) {
  await page.waitForFunction(
    (want) => {
      const els = [...document.querySelectorAll('[data-testid="instrument-picker"]')];
      return els.length === want.length && els.every((el, i) => el.value === want[i] && el.dataset.busy !== 'true');
    },
    expected,
    { timeout: 60_000 },
  );
}

/** `t`: the runner's check, expect, download and recordConsoleErrors. */
export async function instrumentChecks(t, { context, server, consoleErrors }) {
  const page = await context.newPage();
  const errors = [];
  t.recordConsoleErrors(page, errors);
  page.setDefaultTimeout(30_000);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  let first = null;
  try {
    await t.check('an imported MIDI plays its own GM instruments (flute, drum kit) and exports a non-silent WAV', async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.waitForTimeout(1500); // past the page's own start-up work
      const song = makeTwoProgramMidi();
      const started = Date.now();
      await page.setInputFiles('[data-testid="import-input"]', { name: 'two-programs.mid', mimeType: 'audio/midi', buffer: song.bytes });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
      // from the open song to both GM voices playing: what the SoundFont instruments add to the main thread
      await page.evaluate(() => {
        window.__gmTasks = [];
        new PerformanceObserver((list) => window.__gmTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      });
      await waitPickers(page, ['gm:73', 'gm:drums']);
      const builtMs = Date.now() - started;
      const worst = await page.evaluate(() => Math.max(0, ...window.__gmTasks));
      const file = await t.download(page, () => page.click('[data-testid="export-wav"]'));
      const wav = inspectWav(file.bytes);
      t.expect(wav.peak > 0.01, `silent (peak ${wav.peak})`);
      t.expect(wav.peakBetween(1, 7) > 0.01, `silent in the middle (peak ${wav.peakBetween(1, 7)})`);
      const foreign = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:'));
      t.expect(foreign.length === 0, `requests beyond the app's origin: ${foreign.join(', ')}`);
      t.expect(requests.some((url) => url.includes('FluidR3Mono')), 'the SoundFont was not fetched from the app');
      first = file.bytes;
      return `voices built in ${builtMs} ms; longest main-thread task while they were built and put on ${worst.toFixed(0)} ms; ${wav.seconds.toFixed(1)} s, peak ${wav.peak.toFixed(3)}`;
    });

    await t.check("switching a track's instrument in the picker changes the export", async () => {
      t.expect(first !== null, 'the import check failed');
      // the picker lists its options once focused
      await page.focus('[data-testid="instrument-picker"] >> nth=0');
      await page.selectOption('[data-testid="instrument-picker"] >> nth=0', 'gm:40');
      await waitPickers(page, ['gm:40', 'gm:drums']);
      await page.focus('[data-testid="instrument-picker"] >> nth=1');
      await page.selectOption('[data-testid="instrument-picker"] >> nth=1', 'poly-synth');
      await waitPickers(page, ['gm:40', 'poly-synth']);
      const file = await t.download(page, () => page.click('[data-testid="export-wav"]'));
      const wav = inspectWav(file.bytes);
      t.expect(wav.peak > 0.01, `silent (peak ${wav.peak})`);
      const same = file.bytes.length === first.length && file.bytes.every((b, i) => b === first[i]);
      t.expect(!same, 'the export did not change with the instruments');
      const values = await pickerValues(page);
      return `now ${values.map((v) => v.value).join(', ')}; peak ${wav.peak.toFixed(3)}`;
    });

    await t.check('Undo takes back a choice of instrument and Redo makes it again', async () => {
      const undoTitle = await page.getAttribute('[data-testid="undo"]', 'title');
      t.expect(undoTitle?.includes('Poly Synth') === true, `the choice is not the step to undo (${undoTitle})`);
      await page.click('[data-testid="undo"]');
      await waitPickers(page, ['gm:40', 'gm:drums']);
      await page.click('[data-testid="undo"]');
      await waitPickers(page, ['gm:73', 'gm:drums']);
      const file = await t.download(page, () => page.click('[data-testid="export-wav"]'));
      const same = file.bytes.length === first.length && file.bytes.every((b, i) => b === first[i]);
      t.expect(same, 'after undoing both choices the export differs from the first one');
      await page.click('[data-testid="redo"]');
      await waitPickers(page, ['gm:40', 'gm:drums']);
      return `undid "${undoTitle}" and the one before, redid one`;
    });
  } finally {
    consoleErrors.push(...errors);
    await page.close();
  }
}
