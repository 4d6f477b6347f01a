// Projects in the browser: save to one .alea file, New, Open, a broken file, the question before
// unsaved work is lost (MIDI import, leaving the page), the autosave restored after a reload and
// after a page closed in the middle of an autosave. Each check gets a fresh browser context
// (its own IndexedDB), from the browser fault-checks.mjs launches.
import { makeSineWav } from './test-files.mjs';
import { trackRow } from './editing-helpers.mjs';

const bassMute = (page) => trackRow(page, 'Bass').getByTitle('Mute');
const trackCount = (page) => page.locator('[data-testid="track"]').count();
const noteCount = async (page) => Number(await page.getAttribute('[data-testid="piano-roll"]', 'data-note-count'));
const dirty = (page) => page.getAttribute('[data-testid="project-menu"]', 'data-dirty');

async function importSong(page, song, name = 'test-song.mid') {
  await page.setInputFiles('[data-testid="import-input"]', { name, mimeType: 'audio/midi', buffer: song.bytes });
}

async function waitTracks(page, n) {
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid="track"]').length === count, n);
}

/** The header of an .alea file, as JSON. */
function projectHeader(bytes) {
  const magic = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (magic !== 'ALEAPROJ') throw new Error(`the file starts with ${JSON.stringify(magic)}`);
  const length = Buffer.from(bytes).readUInt32LE(8);
  return JSON.parse(Buffer.from(bytes.subarray(12, 12 + length)).toString('utf8'));
}

/** `t`: the runner's check, skip, expect, download; `open(url, context?)`: a page with the app open, in a fresh context unless one is given. */
export async function projectChecks(t, { open, server, song }) {
  let saved = null;

  await t.check('Ctrl+S saves the project as one .alea file; New empties it; Open brings back tracks, notes and mixer', async () => {
    const page = await open(server.url);
    await importSong(page, song);
    await waitTracks(page, song.trackCount);
    await bassMute(page).click();
    t.expect((await dirty(page)) === 'true', 'the menu does not say the project has unsaved changes');
    await page.locator('[data-testid="piano-roll"]').click({ position: { x: 5, y: 5 } });
    saved = await t.download(page, () => page.keyboard.press('Control+s'));
    const header = projectHeader(saved.bytes);
    t.expect(saved.name === 'test-song.alea', `saved as ${saved.name}`);
    t.expect(header.title === 'test-song.mid' && header.format === 'alea-project', `header ${JSON.stringify(header).slice(0, 120)}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="project-menu"]')?.getAttribute('data-dirty') === 'false');
    await page.click('[data-testid="project-menu"]');
    await page.click('[data-testid="project-new"]'); // nothing unsaved: no question
    await waitTracks(page, 0);
    await page.setInputFiles('[data-testid="project-open-input"]', { name: saved.name, mimeType: 'application/octet-stream', buffer: Buffer.from(saved.bytes) });
    await waitTracks(page, song.trackCount);
    t.expect((await noteCount(page)) === song.noteCount, `${await noteCount(page)} notes after Open`);
    t.expect((await bassMute(page).getAttribute('aria-pressed')) === 'true', 'the Bass track lost its mute');
    t.expect((await dirty(page)) === 'false', 'a project just opened counts as unsaved');
    await page.close();
    return `${saved.name}, ${saved.bytes.length} bytes`;
  });

  await t.check('opening a broken project file shows one line naming it and keeps the project', async () => {
    const page = await open(server.url);
    await importSong(page, song);
    await waitTracks(page, song.trackCount);
    const junk = Buffer.concat([Buffer.from('ALEAPROJ'), Buffer.from([200, 0, 0, 0]), Buffer.from('{"format":"alea-project"')]);
    await page.setInputFiles('[data-testid="project-open-input"]', { name: 'broken.alea', mimeType: 'application/octet-stream', buffer: junk });
    await page.click('[data-testid="confirm-ok"]'); // the imported song is not saved: Open asks first
    await page.waitForSelector('[data-testid="status"][data-tone="error"]');
    const text = (await page.textContent('[data-testid="status"] .text')) ?? '';
    t.expect(text.startsWith('broken.alea: '), `the error does not name the file: "${text}"`);
    t.expect((await trackCount(page)) === song.trackCount && (await noteCount(page)) === song.noteCount, 'the project changed');
    await page.close();
    return text;
  });

  await t.check('importing a MIDI over unsaved changes asks first: Keep leaves the project, Discard replaces it', async () => {
    const page = await open(server.url);
    await importSong(page, song);
    await waitTracks(page, song.trackCount);
    await bassMute(page).click();
    await importSong(page, song, 'other.mid');
    await page.waitForSelector('[data-testid="confirm"][open]');
    const question = (await page.textContent('[data-testid="confirm"] p')) ?? '';
    await page.click('[data-testid="confirm-cancel"]');
    await page.waitForSelector('[data-testid="confirm"][open]', { state: 'detached' });
    t.expect((await bassMute(page).getAttribute('aria-pressed')) === 'true', 'Keep lost the change');
    t.expect(!((await page.textContent('[data-testid="status"] .text').catch(() => '')) ?? '').includes('other.mid'), 'other.mid was opened');
    await importSong(page, song, 'other.mid');
    await page.click('[data-testid="confirm-ok"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="status"] .text')?.textContent?.includes('other.mid'));
    t.expect((await bassMute(page).getAttribute('aria-pressed')) === 'false', 'the replaced project kept the old mute');
    await page.close();
    return question;
  });

  await t.check('leaving the page with unsaved changes asks first', async () => {
    const page = await open(server.url);
    await importSong(page, song);
    await waitTracks(page, song.trackCount);
    await bassMute(page).click(); // a user gesture: browsers ask only after one
    const asked = new Promise((resolve) =>
      page.once('dialog', async (dialog) => {
        const type = dialog.type();
        await dialog.accept();
        resolve(type);
      }),
    );
    await page.close({ runBeforeUnload: true });
    const type = await Promise.race([asked, new Promise((resolve) => setTimeout(() => resolve('no dialog'), 5000))]);
    t.expect(type === 'beforeunload', `got ${type}`);
    return type;
  });

  await t.check('after a reload the autosave is offered, and Restore brings the project back', async () => {
    const page = await open(`${server.url}/?test-hooks`);
    page.on('dialog', (dialog) => void dialog.accept()); // leave without asking: the autosave is the point
    await importSong(page, song);
    await waitTracks(page, song.trackCount);
    await bassMute(page).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="project-menu"]')?.getAttribute('data-autosaved-at') !== '', undefined, { timeout: 10_000 });
    await page.reload();
    await page.waitForSelector('[data-testid="recovery"]');
    t.expect((await trackCount(page)) === 0, 'the page did not start empty');
    await page.click('[data-testid="recovery-restore"]');
    await waitTracks(page, song.trackCount);
    t.expect((await noteCount(page)) === song.noteCount, `${await noteCount(page)} notes restored`);
    t.expect((await bassMute(page).getAttribute('aria-pressed')) === 'true', 'the mute was not restored');
    await page.close();
    return `${song.trackCount} tracks, ${song.noteCount} notes, the mute`;
  });

  await t.check('a page closed in the middle of an autosave leaves a whole project to restore', async () => {
    const page = await open(`${server.url}/?test-hooks`);
    await importSong(page, song);
    await waitTracks(page, song.trackCount);
    await page.evaluate(() => window.__aleaTest.autosaveNow());
    await page.setInputFiles('[data-testid="import-input"]', { name: 'sine.wav', mimeType: 'audio/wav', buffer: makeSineWav() });
    await waitTracks(page, song.trackCount + 1);
    await page.evaluate(() => void window.__aleaTest.autosaveNow()); // not awaited: the page goes now
    await page.close();
    const next = await open(server.url, page.context());
    await next.waitForSelector('[data-testid="recovery"]');
    await next.click('[data-testid="recovery-restore"]');
    await next.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length > 0);
    const restored = await trackCount(next);
    const problem = (await next.getAttribute('[data-testid="status"]', 'data-tone').catch(() => null)) === 'error';
    t.expect(!problem, `restoring failed: ${await next.textContent('[data-testid="status"] .text').catch(() => '')}`);
    t.expect(restored === song.trackCount || restored === song.trackCount + 1, `${restored} tracks restored`);
    await next.close();
    return `restored ${restored === song.trackCount ? 'the autosave before' : 'the new autosave'} (${restored} tracks)`;
  });
}
