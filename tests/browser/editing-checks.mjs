// Editing in the browser (journey 2): clips in the arrangement, notes in the piano roll, tracks,
// each edit undone and redone against the exported MIDI; then the checks of editing-bug-checks.mjs.
// Saves a screenshot of the arrangement (docs/arrangement.png when ALEA_UPDATE_SCREENSHOTS=1).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { choraleCheck, habitChecks, layoutChecks, timingChecks } from './editing-bug-checks.mjs';
import { inspectWav } from './inspect-exports.mjs';
import { makeSineWav } from './test-files.mjs';
import { BAR, clickClip, clip, drag, exported, lanes, openSong, redoAll, roll, trackId, undoAll, waitAttr } from './editing-helpers.mjs';

const SHOT_ARRANGEMENT = '/tmp/alea-shot-arrangement.png';
const DOCS_SHOT = 'docs/arrangement.png';

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

  await t.check('an audio clip moved a bar later and trimmed to half a second plays there and only there in the WAV', async () => {
    await page.setInputFiles('[data-testid="import-input"]', { name: 'sine.wav', mimeType: 'audio/wav', buffer: makeSineWav() });
    await page.waitForSelector('[data-testid="waveform-lane"] [data-testid="clip"]');
    const lane = page.locator('[data-testid="waveform-lane"]');
    const id = await lane.getAttribute('data-track-id');
    const { px } = await roll(page);
    let box = await clip(page, id).boundingBox();
    await drag(page, { x: box.x + 20, y: box.y + 20 }, { x: box.x + 20 + BAR * px, y: box.y + 20 });
    await waitAttr(page, `[data-track-id="${id}"] [data-testid="clip"]`, 'data-start-tick', BAR);
    box = await clip(page, id).boundingBox();
    await drag(page, { x: box.x + box.width - 2, y: box.y + 20 }, { x: box.x + box.width - 2 - 480 * px, y: box.y + 20 });
    await waitAttr(page, `[data-track-id="${id}"] [data-testid="clip"]`, 'data-end-tick', BAR + 480);
    const solo = page.locator(`[data-testid="track"][data-track-id="${id}"]`).getByTitle('Solo');
    await solo.click();
    await page.selectOption('[data-testid="wav-depth"]', { label: '32-bit float' });
    const wav = inspectWav((await t.download(page, () => page.click('[data-testid="export-wav"]'))).bytes);
    await solo.click();
    // 120 bpm: bar 2 starts at 2 s; half a second of the sine, then nothing
    const [before, during, after] = [wav.peakBetween(0, 1.95), wav.peakBetween(2.05, 2.45), wav.peakBetween(2.55, wav.seconds)];
    t.expect(before < 1e-4 && during > 0.1 && after < 1e-4, `peaks ${before.toExponential(1)} / ${during.toFixed(3)} / ${after.toExponential(1)}`);
    await undoAll(page, 3);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="waveform-lane"]').length === 0);
    return `silent before 2 s (${before.toExponential(1)}), ${during.toFixed(3)} from 2 to 2.5 s, silent after (${after.toExponential(1)})`;
  });

  await t.check('a screenshot of the arrangement is saved for the README', async () => {
    // the folk sample, its melody split at bar 9, some notes selected in the piano roll
    await page.setViewportSize({ width: 1600, height: 900 });
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
    await page.setViewportSize({ width: 1400, height: 820 });
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

