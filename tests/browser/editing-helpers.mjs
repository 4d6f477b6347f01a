// Helpers the editing checks share: lanes and clips as data, the piano roll's geometry, drags,
// undo/redo runs, exports read back.
import { inspectMidi } from './inspect-exports.mjs';

export const BAR = 1920; // the test song: 4/4 at 480 ppq

/** Every lane's clips, by track name: [[startTick, endTick], …]. */
export async function lanes(page) {
  return page.evaluate(() => {
    const names = new Map([...document.querySelectorAll('[data-testid="track"]')].map((row) => [row.dataset.trackId, row.querySelector('[data-testid="track-name"]')?.textContent?.trim()]));
    return Object.fromEntries(
      [...document.querySelectorAll('[data-testid="midi-lane"], [data-testid="waveform-lane"]')].map((lane) => [
        names.get(lane.dataset.trackId) ?? lane.dataset.trackId,
        [...lane.querySelectorAll('[data-testid="clip"]')].map((c) => [Number(c.dataset.startTick), Number(c.dataset.endTick)]),
      ]),
    );
  });
}

/** The piano roll's geometry (data attributes) and where a tick and pitch are on the page. */
export async function roll(page) {
  const canvas = page.locator('[data-testid="piano-roll"]');
  const box = await canvas.boundingBox();
  const d = await canvas.evaluate((el) => ({ ...el.dataset }));
  const g = { top: Number(d.topPitch), row: Number(d.rowHeight), scroll: Number(d.scrollTick), px: Number(d.pxPerTick) };
  return {
    notes: Number(d.trackNotes),
    selected: Number(d.selectedNotes),
    at: (tick, pitch) => ({ x: box.x + (tick - g.scroll) * g.px, y: box.y + (g.top - pitch) * g.row + g.row / 2 }),
    px: g.px,
    top: g.top,
  };
}

export const waitAttr = (page, selector, attr, value) =>
  page.waitForFunction(([s, a, v]) => document.querySelector(s)?.getAttribute(a) === String(v), [selector, attr, value], { timeout: 10_000 });

export async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Clip `index` of the lane of the track with id `id`. */
export function clip(page, id, index = 0) {
  return page.locator(`[data-testid="midi-lane"][data-track-id="${id}"], [data-testid="waveform-lane"][data-track-id="${id}"]`).locator('[data-testid="clip"]').nth(index);
}

/** Clicks a clip where it shows (a locator's click would scroll a long clip into view first). */
export async function clickClip(page, locator) {
  const box = await locator.boundingBox();
  await page.mouse.click(Math.max(box.x, 260) + 12, box.y + box.height / 2);
}

/** The row of the track named exactly `name` (not "Bass 2", not a row whose instrument says "Acoustic Bass"). */
export function trackRow(page, name) {
  return page.locator(`[data-testid="track"][data-track-name=${JSON.stringify(name)}]`);
}

export async function trackId(page, name) {
  return trackRow(page, name).first().getAttribute('data-track-id');
}

export async function undoAll(page, steps) {
  for (let i = 0; i < steps; i++) await page.keyboard.press('Control+z');
}

export async function redoAll(page, steps) {
  for (let i = 0; i < steps; i++) await page.keyboard.press('Control+Shift+z');
}

export async function exported(t, page) {
  const file = await t.download(page, () => page.click('[data-testid="export-midi"]'));
  return { name: file.name, midi: inspectMidi(file.bytes) };
}

/** A WAV that is only its 44-byte header (no samples). */
export function emptyWav() {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(44100, 24);
  header.writeUInt32LE(88200, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(0, 40);
  return header;
}

export async function openSong(page, server, song) {
  await page.goto(`${server.url}/?backend=wasm`);
  await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="clip"]').length > 0);
}

