// The habits and the bugs found trying the workstation as a new user would: tempo and meter
// refusals, the loop region, Space after a click, faders that jumped, a 44-byte WAV, a top bar off
// screen at 1024 px, a chorale accepted onto one track.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BAR, drag, emptyWav, exported, openSong, roll, waitAttr } from './editing-helpers.mjs';

export async function timingChecks(t, page, server, song) {
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

export async function habitChecks(t, page, server, song) {
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

export async function layoutChecks(t, page, server, song) {
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

export async function choraleCheck(t, page, server, models, repoRoot) {
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
