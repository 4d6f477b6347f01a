// Editing in the browser (journey 2): clips in the arrangement, notes in the piano roll, tracks,
// loop, tempo and meter, each undone and redone; the keys a producer relies on; the bugs found
// trying the workstation as a new user would (an empty WAV, Space after a click, a fader that
// jumped, a top bar off screen, a chorale on one track). Saves a screenshot of the arrangement.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectMidi } from './inspect-exports.mjs';

const SHOT_ARRANGEMENT = '/tmp/alea-shot-arrangement.png';
const DOCS_SHOT = 'docs/arrangement.png';
const BAR = 1920; // the test song: 4/4 at 480 ppq

/** Every lane's clips, by track name: [[startTick, endTick], …]. */
async function lanes(page) {
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
async function roll(page) {
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

const waitAttr = (page, selector, attr, value) =>
  page.waitForFunction(([s, a, v]) => document.querySelector(s)?.getAttribute(a) === String(v), [selector, attr, value], { timeout: 10_000 });

async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Clip `index` of the lane of the track with id `id`. */
function clip(page, id, index = 0) {
  return page.locator(`[data-testid="midi-lane"][data-track-id="${id}"], [data-testid="waveform-lane"][data-track-id="${id}"]`).locator('[data-testid="clip"]').nth(index);
}

/** Clicks a clip where it shows (a locator's click would scroll a long clip into view first). */
async function clickClip(page, locator) {
  const box = await locator.boundingBox();
  await page.mouse.click(Math.max(box.x, 260) + 12, box.y + box.height / 2);
}

async function trackId(page, name) {
  return page.locator('[data-testid="track"]').filter({ has: page.locator('[data-testid="track-name"]', { hasText: name }) }).first().getAttribute('data-track-id');
}

async function undoAll(page, steps) {
  for (let i = 0; i < steps; i++) await page.keyboard.press('Control+z');
}

async function redoAll(page, steps) {
  for (let i = 0; i < steps; i++) await page.keyboard.press('Control+Shift+z');
}

async function exported(t, page) {
  const file = await t.download(page, () => page.click('[data-testid="export-midi"]'));
  return { name: file.name, midi: inspectMidi(file.bytes) };
}

/** A WAV that is only its 44-byte header (no samples). */
function emptyWav() {
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

async function openSong(page, server, song) {
  await page.goto(`${server.url}/?backend=wasm`);
  await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="clip"]').length > 0);
}

/** `t`: the runner's check, skip, expect, download and recordConsoleErrors. */
export async function editingChecks(t, { context, server, song, consoleErrors, models, repoRoot }) {
  const page = await context.newPage();
  t.recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(20_000);
  try {
    await clipJourney(t, page, server, song, repoRoot);
    await noteJourney(t, page, server, song);
    await trackJourney(t, page, server, song);
    await timingChecks(t, page, server, song);
    await habitChecks(t, page, server, song);
    await layoutChecks(t, page, server, song);
    await choraleCheck(t, page, server, models, repoRoot);
  } finally {
    await page.close();
  }
}

async function clipJourney(t, page, server, song, repoRoot) {
  await t.check('the arrangement shows a lane per track; dragging a clip moves its notes two bars, Undo and Redo take it back and forth', async () => {
    await openSong(page, server, song);
    const start = await lanes(page);
    t.expect(JSON.stringify(start) === JSON.stringify({ Melody: [[0, 4 * BAR]], Bass: [[0, 4 * BAR]] }), `lanes ${JSON.stringify(start)}`);
    const { px } = await roll(page);
    const box = await clip(page, await trackId(page, 'Melody')).boundingBox();
    const from = { x: box.x + 60, y: box.y + box.height / 2 };
    await drag(page, from, { x: from.x + 2 * BAR * px, y: from.y });
    await page.waitForFunction(() => document.querySelector('[data-testid="clip"]')?.getAttribute('data-start-tick') === String(2 * 1920));
    const moved = await exported(t, page);
    const melody = moved.midi.notes.filter((n) => n.track === 'Melody');
    t.expect(Math.min(...melody.map((n) => n.startTick)) === 2 * BAR, `the first melody note starts at ${Math.min(...melody.map((n) => n.startTick))}`);
    await page.keyboard.press('Control+z');
    await waitAttr(page, '[data-testid="clip"]', 'data-start-tick', 0);
    await page.keyboard.press('Control+Shift+z');
    await waitAttr(page, '[data-testid="clip"]', 'data-start-tick', 2 * BAR);
    return `Melody clip 0–${4 * BAR} → ${2 * BAR}–${6 * BAR} → back → again`;
  });

  await t.check('split at the playhead, duplicate, delete and trim a clip, move one onto another lane; undo all, redo all', async () => {
    const melodyId = await trackId(page, 'Melody');
    const bassId = await trackId(page, 'Bass');
    const initial = await lanes(page);
    // the playhead to bar 4 (a click in the ruler), then Split on the selected clip
    const ruler = await page.locator('[data-testid="ruler"]').boundingBox();
    const { px } = await roll(page);
    await page.mouse.click(ruler.x + 3 * BAR * px + 1, ruler.y + 10);
    await clickClip(page, clip(page, melodyId));
    await page.click('[data-testid="clip-split"]');
    await page.waitForFunction((id) => document.querySelectorAll(`[data-track-id="${id}"] [data-testid="clip"]`).length === 2, melodyId);
    await page.click('[data-testid="clip-duplicate"]');
    await page.waitForFunction((id) => document.querySelectorAll(`[data-track-id="${id}"] [data-testid="clip"]`).length === 3, melodyId);
    await page.keyboard.press('Delete');
    await page.waitForFunction((id) => document.querySelectorAll(`[data-track-id="${id}"] [data-testid="clip"]`).length === 2, melodyId);
    // trim the second clip's end one bar earlier
    const second = await clip(page, melodyId, 1).boundingBox();
    await drag(page, { x: second.x + second.width - 2, y: second.y + 20 }, { x: second.x + second.width - 2 - BAR * px, y: second.y + 20 });
    await page.waitForFunction((id) => document.querySelectorAll(`[data-track-id="${id}"] [data-testid="clip"]`)[1]?.getAttribute('data-end-tick') === String(5 * 1920), melodyId);
    // the Bass clip onto the Melody lane, after its clips
    const bass = await clip(page, bassId).boundingBox();
    const laneHeight = bass.y - second.y;
    await drag(page, { x: bass.x + 40, y: bass.y + 20 }, { x: bass.x + 40 + 6 * BAR * px, y: bass.y + 20 - laneHeight });
    await page.waitForFunction((id) => document.querySelectorAll(`[data-track-id="${id}"] [data-testid="clip"]`).length === 0, bassId);
    const edited = await lanes(page);
    const expected = [[2 * BAR, 3 * BAR], [3 * BAR, 5 * BAR], [6 * BAR, 10 * BAR]];
    t.expect(edited.Bass.length === 0 && JSON.stringify(edited.Melody) === JSON.stringify(expected), `lanes ${JSON.stringify(edited)}, expected Melody ${JSON.stringify(expected)}`);
    const notes = (await exported(t, page)).midi.notes;
    t.expect(notes.filter((n) => n.track === 'Bass').length === 0 && notes.filter((n) => n.track === 'Melody' && n.pitch < 48).length === 4, 'the bass notes did not move to the Melody track');
    // 5 edits: split, duplicate, delete, trim, move onto the Melody lane
    await undoAll(page, 5);
    await page.waitForFunction((expect) => JSON.stringify([...document.querySelectorAll('[data-testid="clip"]')].map((c) => c.dataset.startTick)) === expect, JSON.stringify(Object.values(initial).flat().map((c) => String(c[0]))));
    t.expect(JSON.stringify(await lanes(page)) === JSON.stringify(initial), `after undo: ${JSON.stringify(await lanes(page))}`);
    await redoAll(page, 5);
    await page.waitForFunction((id) => document.querySelectorAll(`[data-track-id="${id}"] [data-testid="clip"]`).length === 3, melodyId);
    t.expect(JSON.stringify(await lanes(page)) === JSON.stringify(edited), `after redo: ${JSON.stringify(await lanes(page))}`);
    await page.locator('[data-testid="arrangement"]').screenshot({ path: SHOT_ARRANGEMENT });
    return `Melody ${JSON.stringify(edited.Melody)}`;
  });

  await t.check('a screenshot of the arrangement is saved for the README', async () => {
    // the folk sample, its melody clip split and the second half duplicated: a real arrangement
    await page.goto(`${server.url}/?backend=wasm`);
    const folk = await readFile(join(repoRoot, 'samples', 'folk-scarborough-fair.mid'));
    await page.setInputFiles('[data-testid="import-input"]', { name: 'folk-scarborough-fair.mid', mimeType: 'audio/midi', buffer: folk });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="clip"]').length === 2);
    // split the melody at bar 9 (3/4: 1440 ticks a bar at 480 ppq), select some notes in the roll
    const { px } = await roll(page);
    const ruler = await page.locator('[data-testid="ruler"]').boundingBox();
    await page.mouse.click(ruler.x + 8 * 1440 * px + 1, ruler.y + 10);
    await clickClip(page, page.locator('[data-testid="clip"]').first());
    await page.keyboard.press('Control+e');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="clip"]').length === 3);
    await page.mouse.click(ruler.x + 1, ruler.y + 10);
    // some notes of the second clip selected in the piano roll
    const r = await roll(page);
    const from = r.at(8 * 1440 + 20, r.top);
    const to = r.at(12 * 1440, r.top - 16);
    await drag(page, from, to);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="piano-roll"]')?.getAttribute('data-selected-notes')) > 0);
    await page.screenshot({ path: SHOT_ARRANGEMENT });
    if (process.env.ALEA_UPDATE_SCREENSHOTS === '1' || !(await readFile(join(repoRoot, DOCS_SHOT)).then(() => true, () => false))) {
      await mkdir(join(repoRoot, 'docs'), { recursive: true });
      await writeFile(join(repoRoot, DOCS_SHOT), await readFile(SHOT_ARRANGEMENT));
      return `written to ${DOCS_SHOT}`;
    }
    return `${SHOT_ARRANGEMENT} (ALEA_UPDATE_SCREENSHOTS=1 rewrites ${DOCS_SHOT})`;
  });
}

async function noteJourney(t, page, server, song) {
  await t.check('the piano roll draws, nudges, resizes, sets velocity, box-selects, moves and deletes notes; undo all, redo all', async () => {
    await openSong(page, server, song);
    const before = await exported(t, page);
    let r = await roll(page);
    t.expect(r.notes === 32, `the editor shows ${r.notes} notes of Melody`);
    // double-click draws a note (one beat) on the grid
    const at = r.at(120 + 10, 74);
    await page.mouse.dblclick(at.x, at.y);
    await waitAttr(page, '[data-testid="piano-roll"]', 'data-track-notes', 33);
    await page.keyboard.press('ArrowUp'); // 74 → 75
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Move 1 note'));
    await page.keyboard.press('Shift+ArrowRight'); // a bar later
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Move 1 note') && document.querySelectorAll('[data-testid="piano-roll"][data-selected-notes="1"]').length === 1);
    await page.waitForTimeout(300);
    // resize: drag its right edge one beat later
    r = await roll(page);
    const edge = r.at(120 + BAR + 480, 75);
    await drag(page, { x: edge.x - 2, y: edge.y }, { x: edge.x - 2 + 480 * r.px, y: edge.y });
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Resize'));
    // velocity: drag its bar in the velocity lane to the top
    const lane = await page.locator('[data-testid="velocity-lane"]').boundingBox();
    const vx = r.at(120 + BAR + 10, 75).x;
    await drag(page, { x: vx, y: lane.y + lane.height - 5 }, { x: vx, y: lane.y + 1 });
    await page.waitForFunction(() => document.querySelector('[data-testid="note-velocity"]')?.value === '127');
    // box-select the first bar's melody notes and drag them up two semitones
    const a = r.at(0, 73);
    const b = r.at(BAR - 30, 58);
    await drag(page, { x: Math.max(a.x, (await page.locator('[data-testid="piano-roll"]').boundingBox()).x + 2), y: a.y }, b);
    await waitAttr(page, '[data-testid="piano-roll"]', 'data-selected-notes', 8);
    const grab = r.at(10, 60);
    const rowHeight = r.at(0, 60).y - r.at(0, 61).y;
    await drag(page, grab, { x: grab.x + 3, y: grab.y - 2 * rowHeight });
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Move 8 notes'));
    // the drawn note: select it and delete it
    const drawn = r.at(120 + BAR + 100, 75);
    await page.mouse.click(drawn.x, drawn.y);
    await waitAttr(page, '[data-testid="piano-roll"]', 'data-selected-notes', 1);
    await page.keyboard.press('Delete');
    await waitAttr(page, '[data-testid="piano-roll"]', 'data-track-notes', 32);
    const edited = await exported(t, page);
    const firstBar = (m) => m.notes.filter((n) => n.track === 'Melody' && n.startTick < BAR).map((n) => n.pitch).sort((x, y) => x - y);
    const lifted = firstBar(before.midi).map((p) => p + 2);
    t.expect(JSON.stringify(firstBar(edited.midi)) === JSON.stringify(lifted), `first bar ${firstBar(edited.midi)} (expected ${lifted})`);
    // 7 edits: add, nudge up, nudge right, resize, velocity, move 8, delete
    await undoAll(page, 7);
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Import'));
    const undone = await exported(t, page);
    t.expect(JSON.stringify(undone.midi.notes) === JSON.stringify(before.midi.notes), 'undoing every edit does not give the imported notes back');
    await redoAll(page, 7);
    await page.waitForFunction(() => document.querySelector('[data-testid="redo"]')?.disabled === true);
    const redone = await exported(t, page);
    t.expect(JSON.stringify(redone.midi.notes) === JSON.stringify(edited.midi.notes), 'redoing every edit does not give the edited notes back');
    return `7 edits, undone to the import and redone (first bar ${firstBar(edited.midi).join(' ')})`;
  });

  await t.check('quantize moves loose notes onto the grid, and Undo takes it back', async () => {
    const r = await roll(page);
    // a loose note: drawn off the grid (Alt), then quantized with Q
    await page.click('[data-testid="tool-draw"]');
    const at = r.at(BAR * 3 + 37, 70);
    await page.keyboard.down('Alt');
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await page.click('[data-testid="tool-select"]');
    await waitAttr(page, '[data-testid="piano-roll"]', 'data-track-notes', 33);
    await page.locator('[data-testid="piano-roll"]').focus();
    await page.keyboard.press('q');
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Quantize'));
    const notes = (await exported(t, page)).midi.notes.filter((n) => n.pitch === 70);
    t.expect(notes.length === 1 && notes[0].startTick % 120 === 0, `the note starts at ${notes[0]?.startTick}`);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await waitAttr(page, '[data-testid="piano-roll"]', 'data-track-notes', 32);
    return `drawn off the grid near tick ${BAR * 3 + 37}, quantized to ${notes[0].startTick}`;
  });
}

async function trackJourney(t, page, server, song) {
  await t.check('tracks: add, rename, colour, move up and delete, each undoable', async () => {
    await openSong(page, server, song);
    const names = () => page.locator('[data-testid="track-name"]').allTextContents().then((a) => a.map((s) => s.trim()));
    await page.click('[data-testid="add-track"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length === 3);
    const row = page.locator('[data-testid="track"]').nth(2);
    await row.locator('[data-testid="track-name"]').dblclick();
    await page.fill('[data-testid="track-name-input"]', 'Lead');
    await page.press('[data-testid="track-name-input"]', 'Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="track-name"]')].some((e) => e.textContent?.trim() === 'Lead'));
    await row.locator('input[type="color"]').evaluate((input) => {
      input.value = '#ff8800';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]')[2]?.getAttribute('style')?.includes('#ff8800'));
    await row.getByRole('button', { name: /more actions/ }).click();
    await page.getByRole('menuitem', { name: 'Move up' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="track-name"]')[1]?.textContent?.trim() === 'Lead');
    const moved = await names();
    const bass = page.locator('[data-testid="track"]').nth(2);
    await bass.getByRole('button', { name: /more actions/ }).click();
    await page.click('[data-testid="delete-track"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length === 2);
    const midi = (await exported(t, page)).midi;
    t.expect(midi.notes.every((n) => n.track !== 'Bass'), 'the deleted Bass track is still exported');
    const after = await names();
    await undoAll(page, 5);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length === 2 && document.querySelectorAll('[data-testid="track-name"]')[1]?.textContent?.trim() === 'Bass');
    return `${moved.join(', ')} → ${after.join(', ')} → undone to ${(await names()).join(', ')}`;
  });
}

async function timingChecks(t, page, server, song) {
  await t.check('tempo 0 and 1000 are refused with a message and change nothing; meter 3/4 is taken, 0/4 refused', async () => {
    await openSong(page, server, song);
    for (const value of ['0', '1000']) {
      await page.fill('[data-testid="tempo"]', value);
      await page.press('[data-testid="tempo"]', 'Enter');
      await page.waitForSelector('[data-testid="tempo-problem"]');
      const text = (await page.textContent('[data-testid="tempo-problem"]')) ?? '';
      t.expect(text.includes('20 to 400') && text.includes(value), `tempo ${value}: "${text}"`);
      t.expect((await page.inputValue('[data-testid="tempo"]')) === '120', `the field shows ${await page.inputValue('[data-testid="tempo"]')}`);
    }
    t.expect((await page.getAttribute('[data-testid="undo"]', 'title'))?.includes('Import'), 'a refused tempo made an undo step');
    await page.fill('[data-testid="meter"]', '0/4');
    await page.press('[data-testid="meter"]', 'Enter');
    await page.waitForSelector('[data-testid="meter-problem"]');
    const meterText = (await page.textContent('[data-testid="meter-problem"]')) ?? '';
    await page.fill('[data-testid="meter"]', '3/4');
    await page.press('[data-testid="meter"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title')?.includes('Meter 3/4'));
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-testid="meter"]')?.value === '4/4');
    return `"${meterText}"`;
  });

  await t.check('dragging in the ruler sets a loop region and turns looping on; L toggles it', async () => {
    const ruler = await page.locator('[data-testid="ruler"]').boundingBox();
    const { px } = await roll(page);
    await drag(page, { x: ruler.x + BAR * px + 2, y: ruler.y + 10 }, { x: ruler.x + 2 * BAR * px + 2, y: ruler.y + 10 });
    await waitAttr(page, '[data-testid="loop"]', 'aria-pressed', true);
    await page.locator('[data-testid="piano-roll"]').focus();
    await page.keyboard.press('l');
    await waitAttr(page, '[data-testid="loop"]', 'aria-pressed', false);
    await page.keyboard.press('L');
    await waitAttr(page, '[data-testid="loop"]', 'aria-pressed', true);
    await page.click('[data-testid="play"]');
    await page.waitForTimeout(5000); // the region is bar 2 (2 s to 4 s at 120 bpm): without the loop it would be at 5 s
    const seconds = Number(await page.getAttribute('[data-testid="position"]', 'data-seconds'));
    await page.click('[data-testid="stop"]');
    await page.keyboard.press('l');
    t.expect(seconds >= 1.9 && seconds <= 4.1, `after 5 s of looping bar 2 the playhead is at ${seconds.toFixed(2)} s`);
    return `playhead at ${seconds.toFixed(2)} s after 5 s`;
  });
}

async function habitChecks(t, page, server, song) {
  await t.check('Space plays and stops wherever focus is (after clicking M it does not toggle mute); Home goes to the start', async () => {
    await openSong(page, server, song);
    const mute = page.locator('[data-testid="track"]').first().getByTitle('Mute');
    await mute.click();
    t.expect((await mute.getAttribute('aria-pressed')) === 'true', 'M did not mute');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="position"]')?.getAttribute('data-seconds')) > 0.3, undefined, { timeout: 10_000 });
    t.expect((await mute.getAttribute('aria-pressed')) === 'true', 'Space toggled the focused M button');
    await page.keyboard.press('Space');
    const stopped = Number(await page.getAttribute('[data-testid="position"]', 'data-seconds'));
    await page.waitForTimeout(300);
    t.expect(Number(await page.getAttribute('[data-testid="position"]', 'data-seconds')) === stopped, 'Space did not stop');
    await page.keyboard.press('Home');
    await waitAttr(page, '[data-testid="position"]', 'data-seconds', '0.000');
    // in a text field Space types
    await page.click('[data-testid="meter"]');
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    t.expect(!(await page.isDisabled('[data-testid="play"]')) && Number(await page.getAttribute('[data-testid="position"]', 'data-seconds')) === 0, 'Space in a text field played');
    await page.keyboard.press('Escape');
    await mute.click();
    return `stopped at ${stopped.toFixed(2)} s`;
  });

  await t.check('one click on a volume fader leaves it where it was; a drag moves it; double-click resets it', async () => {
    const fader = page.locator('[data-testid="track"]').first().locator('[data-testid="volume"]');
    const box = await fader.boundingBox();
    const before = await fader.getAttribute('aria-valuenow');
    await page.mouse.click(box.x + 3, box.y + box.height / 2);
    await page.mouse.click(box.x + box.width - 3, box.y + box.height / 2);
    t.expect((await fader.getAttribute('aria-valuenow')) === before, `a click moved it from ${before} to ${await fader.getAttribute('aria-valuenow')}`);
    await drag(page, { x: box.x + box.width / 2, y: box.y + 7 }, { x: box.x + box.width / 2 - box.width / 4, y: box.y + 7 });
    const dragged = Number(await fader.getAttribute('aria-valuenow'));
    t.expect(dragged < Number(before), `dragging left left it at ${dragged}`);
    await fader.dblclick();
    await waitAttr(page, '[data-testid="track"] [data-testid="volume"]', 'aria-valuenow', 0);
    await fader.press('ArrowDown');
    t.expect(Number(await fader.getAttribute('aria-valuenow')) === -0.5, 'ArrowDown did not step the fader');
    await fader.dblclick();
    return `click: ${before} dB, drag: ${dragged} dB`;
  });

  await t.check('a 44-byte WAV (no samples) shows one line naming the file; the project and the mixer are untouched', async () => {
    const errorsBefore = [];
    page.on('pageerror', (e) => errorsBefore.push(e.message));
    const tracksBefore = await page.locator('[data-testid="track"]').count();
    await page.setInputFiles('[data-testid="import-input"]', { name: 'empty.wav', mimeType: 'audio/wav', buffer: emptyWav() });
    await page.waitForSelector('[data-testid="status"][data-tone="error"]');
    const text = (await page.textContent('[data-testid="status"] .text')) ?? '';
    t.expect(text.startsWith('empty.wav: ') && text.includes('no audio'), `banner: "${text}"`);
    t.expect((await page.locator('[data-testid="track"]').count()) === tracksBefore, 'a track was added');
    for (const title of ['Mute', 'Solo']) {
      const button = page.locator('[data-testid="track"]').nth(1).getByTitle(title);
      await button.click();
      await button.click();
    }
    await page.locator('[data-testid="track"]').nth(1).locator('[data-testid="pan"]').press('ArrowRight');
    await page.waitForTimeout(200);
    t.expect(errorsBefore.length === 0, errorsBefore.join(' | '));
    await page.click('[data-testid="dismiss"]');
    return text;
  });
}

async function layoutChecks(t, page, server, song) {
  await t.check('from 1024 to 1920 px wide nothing runs off screen (Export WAV, bit depth, backend badge in view)', async () => {
    const widths = [];
    for (const [width, height] of [[1024, 700], [1280, 800], [1920, 1080]]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      const layout = await page.evaluate(() => {
        const inView = (selector) => {
          const r = document.querySelector(selector)?.getBoundingClientRect();
          return r !== undefined && r.left >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
        };
        return {
          scroll: document.documentElement.scrollWidth,
          header: document.querySelector('header')?.scrollWidth ?? 0,
          visible: ['[data-testid="export-wav"]', '[data-testid="wav-depth"]', '[data-testid="backend-badge"]', '[data-testid="export-midi"]', '[data-testid="play"]', '[data-testid="piano-roll"]'].filter((s) => !inView(s)),
        };
      });
      t.expect(layout.scroll <= width && layout.header <= width, `${width} px: the page is ${layout.scroll} px wide, the top bar ${layout.header}`);
      t.expect(layout.visible.length === 0, `${width} px: off screen: ${layout.visible.join(', ')}`);
      widths.push(`${width}: ${layout.scroll}`);
      if (width === 1024) await page.screenshot({ path: '/tmp/alea-shot-1024.png' });
    }
    await page.setViewportSize({ width: 1400, height: 820 });
    return widths.join(', ');
  });
}

async function choraleCheck(t, page, server, models, repoRoot) {
  const name = 'a chorale-jsb variation accepted on the two-track folk song puts each voice on its own track; exports are named after it';
  if (!models.includes('chorale-jsb')) {
    t.skip(name, 'models/index.json lists no chorale-jsb');
    return;
  }
  await t.check(name, async () => {
    await page.goto(`${server.url}/?backend=wasm`);
    const folk = await readFile(join(repoRoot, 'samples', 'folk-scarborough-fair.mid'));
    await page.setInputFiles('[data-testid="import-input"]', { name: 'folk-scarborough-fair.mid', mimeType: 'audio/midi', buffer: folk });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length === 2);
    await page.click('[data-testid="continue-button"]');
    await page.selectOption('[data-testid="continue-model"]', 'chorale-jsb');
    for (const [id, value] of [['bars', '1'], ['variations', '1']]) {
      await page.fill(`[data-testid="continue-${id}"]`, value);
      await page.press(`[data-testid="continue-${id}"]`, 'Tab');
    }
    await page.click('[data-testid="continue-generate"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="variation"]').length > 0 || document.querySelector('[data-testid="continue-problem"]'), undefined, { timeout: 180_000 });
    await page.waitForSelector('[data-testid="voice-mapping"]');
    const targets = await page.locator('[data-testid="voice-target"]').count();
    await page.locator('[data-testid="variation"] [data-testid="accept"]').first().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === 2 + n - 1, targets);
    const rows = await page.locator('[data-testid="track"]').evaluateAll((els) => els.map((el) => ({ name: el.querySelector('[data-testid="track-name"]')?.textContent?.trim(), style: el.getAttribute('style') ?? '' })));
    const colours = new Set(rows.map((r) => /--track-color:\s*([^;]+)/.exec(r.style)?.[1]));
    t.expect(colours.size === rows.length, `colours: ${[...colours].join(', ')}`);
    const file = await exported(t, page);
    t.expect(file.name === 'folk-scarborough-fair-continue-1.mid', `exported as ${file.name}`);
    const perTrack = rows.map((r) => file.midi.notes.filter((n) => n.track === r.name && n.startTick >= 0).length);
    t.expect(perTrack.slice(2).every((c) => c > 0), `new tracks hold ${perTrack.slice(2).join(', ')} notes`);
    await page.locator('[data-testid="piano-roll"]').click({ position: { x: 100, y: 10 } });
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length === 2);
    return `${rows.map((r, i) => `${r.name} (${perTrack[i]})`).join(', ')}; ${file.name}`;
  });
}
