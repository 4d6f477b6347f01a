// The plugin rack, the mixer and the playing habits in the browser: effects added, bypassed and
// given shipped presets (each step undone), an instrument from the registry, meters that move,
// the computer keyboard, and a take recorded from a fake Web MIDI input (page.addInitScript).
import { inspectMidi, inspectWav } from './inspect-exports.mjs';
import { openSong, trackId, trackRow } from './editing-helpers.mjs';

const pressed = (page, selector) => page.getAttribute(selector, 'aria-pressed');
const waitValue = (page, selector, expected) =>
  page.waitForFunction(([s, v]) => document.querySelector(s)?.value === String(v), [selector, expected], { timeout: 10_000 });
/** Main-thread tasks over 50 ms from now on (PerformanceObserver 'longtask'), for the figures the checks report. */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__longTasks = [];
    window.__longTaskObserver?.disconnect();
    window.__longTaskObserver = new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)));
    window.__longTaskObserver.observe({ type: 'longtask' });
  });
const longestTask = (page) => page.evaluate(() => Math.max(0, ...window.__longTasks));
const row = (page, id) => page.locator(`[data-testid="track"][data-track-id="${id}"]`);

/** `t`: the runner's check, expect, download and recordConsoleErrors. */
export async function rackChecks(t, { context, server, song, consoleErrors }) {
  const page = await context.newPage();
  const errors = [];
  t.recordConsoleErrors(page, errors);
  page.setDefaultTimeout(20_000);
  // a MIDI keyboard the page can find: requestMIDIAccess resolves to one input the test plays
  await page.addInitScript(() => {
    const input = { name: 'Test keys', onmidimessage: null };
    window.__testMidi = input;
    navigator.requestMIDIAccess = () => Promise.resolve({ inputs: new Map([['test', input]]), onstatechange: null });
  });
  try {
    await effectChecks(t, page, server, song);
    await instrumentCheck(t, page);
    await mixerCheck(t, page);
    await keyboardCheck(t, page, errors);
    await recordCheck(t, page);
  } finally {
    consoleErrors.push(...errors);
    await page.close();
  }
}

async function effectChecks(t, page, server, song) {
  await t.check('the rack opens on a track; an audio effect is added, bypassed, given a shipped preset and nudged three times; Undo takes back each step (the nudges as one)', async () => {
    await openSong(page, server, song);
    const melody = await trackId(page, 'Melody');
    await row(page, melody).locator('[data-testid="rack-open"]').click();
    await page.waitForSelector('[data-testid="rack-panel"]');
    await watchLongTasks(page);
    await page.selectOption('[data-testid="rack-add-audio"]', 'gain');
    await page.waitForSelector('[data-testid="rack-audio-0"]');
    await page.waitForTimeout(500); // the track is rendered through its chain
    const worst = await longestTask(page);
    await page.click('[data-testid="rack-audio-0-bypass"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="rack-audio-0-bypass"]')?.getAttribute('aria-pressed') === 'true');
    const presets = await page.locator('[data-testid="rack-audio-0-preset"] option').allTextContents();
    t.expect(presets.includes('minus-6db') && presets.includes('polarity-flip'), `Gain lists presets ${presets.join(', ')}`);
    await page.selectOption('[data-testid="rack-audio-0-preset"]', 'minus-6db');
    await waitValue(page, '[data-testid="rack-audio-0-gain"]', -6);
    t.expect((await pressed(page, '[data-testid="rack-audio-0-bypass"]')) === 'true', 'the preset turned bypass off');
    // three arrow-key nudges of one knob are one undo step
    await page.focus('[data-testid="rack-audio-0-gain"]');
    for (const expected of [-5.9, -5.8, -5.7]) {
      await page.keyboard.press('ArrowUp');
      await waitValue(page, '[data-testid="rack-audio-0-gain"]', expected);
    }
    const nudged = await page.getAttribute('[data-testid="undo"]', 'title');
    await page.click('[data-testid="undo"]');
    await waitValue(page, '[data-testid="rack-audio-0-gain"]', -6);
    await page.click('[data-testid="undo"]');
    await waitValue(page, '[data-testid="rack-audio-0-gain"]', 0);
    await page.click('[data-testid="undo"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="rack-audio-0-bypass"]')?.getAttribute('aria-pressed') === 'false');
    await page.click('[data-testid="undo"]');
    await page.waitForSelector('[data-testid="rack-audio-0"]', { state: 'detached' });
    await page.click('[data-testid="redo"]');
    await page.waitForSelector('[data-testid="rack-audio-0"]');
    return `Gain presets: ${presets.filter((p) => p !== 'Preset…').join(', ')}; add, bypass, preset, 3 nudges (one step: "${nudged}"), undone and redone; longest main-thread task adding Gain ${worst.toFixed(0)} ms`;
  });

  await t.check('the rack’s Gain is heard in the exported WAV: −6 dB on the soloed track halves its peak', async () => {
    const melody = await trackId(page, 'Melody');
    await row(page, melody).locator('button.solo').click();
    const before = inspectWav((await t.download(page, () => page.click('[data-testid="export-wav"]'))).bytes).peak;
    await page.selectOption('[data-testid="rack-audio-0-preset"]', 'minus-6db');
    await waitValue(page, '[data-testid="rack-audio-0-gain"]', -6);
    const after = inspectWav((await t.download(page, () => page.click('[data-testid="export-wav"]'))).bytes).peak;
    await row(page, melody).locator('button.solo').click();
    const db = 20 * Math.log10(after / before);
    t.expect(before > 0.01 && Math.abs(db + 6) < 0.5, `peak ${before.toFixed(3)} → ${after.toFixed(3)} (${db.toFixed(2)} dB)`);
    return `peak ${before.toFixed(3)} → ${after.toFixed(3)} (${db.toFixed(2)} dB)`;
  });

  await t.check('a MIDI effect from the registry takes a shipped preset; Save downloads a preset the CLI reads', async () => {
    await page.selectOption('[data-testid="rack-add-midi"]', 'transpose-quantize');
    await page.waitForSelector('[data-testid="rack-midi-0"]');
    await page.selectOption('[data-testid="rack-midi-0-preset"]', 'octave-up');
    await waitValue(page, '[data-testid="rack-midi-0-semitones"]', 12);
    const file = await t.download(page, () => page.click('[data-testid="rack-midi-0-save"]'));
    const preset = JSON.parse(new TextDecoder().decode(file.bytes));
    t.expect(preset.plugin === 'transpose-quantize' && preset.params.semitones === 12 && typeof preset.version === 'string', `saved ${JSON.stringify(preset)}`);
    return `${file.name}: ${JSON.stringify(preset.params)}`;
  });
}

async function instrumentCheck(t, page) {
  await t.check('the instrument slot shows the track’s instrument (the picker’s GM program), lists the registry’s instruments and loads an instrument preset', async () => {
    // Bass (GM program 33) gets a SoundFont instrument when the MIDI opens: its rack shows it
    await row(page, await trackId(page, 'Bass')).locator('[data-testid="rack-open"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="rack-instrument"]')?.value === 'gm-soundfont', undefined, { timeout: 60_000 });
    const program = await page.locator('[data-testid="rack-instrument-slot-program"]').inputValue();
    t.expect(program === '33', `Bass shows GM program ${program}`);
    await row(page, await trackId(page, 'Melody')).locator('[data-testid="rack-open"]').click();
    await page.waitForSelector('[data-testid="rack-panel"][aria-label$="Melody"]');
    const offered = await page.locator('[data-testid="rack-instrument"] option').evaluateAll((els) => els.map((el) => el.value).filter(Boolean));
    t.expect(offered.includes('sampler') && offered.includes('poly-synth'), `instruments ${offered.join(', ')}`);
    await page.selectOption('[data-testid="rack-instrument"]', 'sampler');
    await page.waitForSelector('[data-testid="rack-instrument-slot"]');
    await page.selectOption('[data-testid="rack-instrument-slot-preset"]', 'glass-bell');
    await waitValue(page, '[data-testid="rack-instrument-slot-sound"]', 'bell');
    await waitValue(page, '[data-testid="rack-instrument-slot-volume"]', -10);
    const label = await trackRow(page, 'Melody').locator('.instrument').textContent();
    t.expect(/Sampler · bell/.test(label ?? ''), `the track says it plays ${label}`);
    return `GM program ${program} shown; offered ${offered.join(', ')}; Melody plays ${label?.split('·').slice(0, 2).join('·').trim()}`;
  });
}

async function mixerCheck(t, page) {
  await t.check('the mixer shows a strip per track and a master whose meter moves while the song plays', async () => {
    await page.click('[data-testid="mixer-toggle"]');
    await page.waitForSelector('[data-testid="mixer-panel"]');
    const strips = await page.locator('[data-testid="mixer-strip"]').count();
    const tracks = await page.locator('[data-testid="track"]').count();
    t.expect(strips === tracks, `${strips} strips for ${tracks} tracks`);
    await watchLongTasks(page);
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="mixer-master"] [role="meter"]')?.getAttribute('data-level')) > -50, undefined, { timeout: 10_000 });
    const level = Number(await page.getAttribute('[data-testid="mixer-master"] [role="meter"]', 'data-level'));
    await page.waitForTimeout(1000);
    const worst = await longestTask(page);
    await page.click('[data-testid="stop"]');
    await page.click('[data-testid="mixer-toggle"]');
    return `${strips} strips; master ${level.toFixed(1)} dB while playing; longest main-thread task while metering ${worst.toFixed(0)} ms`;
  });
}

async function keyboardCheck(t, page, errors) {
  await t.check('the computer keyboard plays the selected track (A S D, X an octave up) without page errors', async () => {
    const before = errors.length;
    await trackRow(page, 'Bass').locator('[data-testid="track-name"]').click();
    await page.locator('[data-testid="position"]').click(); // focus off any field
    const played = Number(await page.getAttribute('[data-testid="keys-toggle"]', 'data-played'));
    for (const key of ['a', 's', 'd']) await page.keyboard.press(key);
    await page.keyboard.press('x');
    await page.keyboard.press('a');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="keys-toggle"]')?.getAttribute('data-played')) === n + 4, played);
    t.expect((await page.getAttribute('[data-testid="keys-toggle"]', 'data-octave')) === '5', 'X did not move the octave');
    await page.keyboard.press('z');
    t.expect(errors.length === before, errors.slice(before).join(' | '));
    return '4 notes, octave 4 → 5 → 4';
  });
}

async function recordCheck(t, page) {
  await t.check('a 2 s take from a (fake) MIDI keyboard lands on the armed track, on the 1/16 grid, as one undo step', async () => {
    await page.click('[data-testid="midi-connect"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="midi-connect"]')?.getAttribute('title')?.includes('Test keys'));
    const bass = await trackId(page, 'Bass');
    await row(page, bass).locator('[data-testid="arm"]').click();
    await page.selectOption('[data-testid="record-quantize"]', '4');
    const countIn = page.locator('[data-testid="count-in"]');
    if (await countIn.isChecked()) await countIn.uncheck();
    await page.click('[data-testid="metronome"]');
    const before = (await exportedMidi(t, page)).notes.filter((n) => n.track === 'Bass');
    await page.click('[data-testid="record"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="position"]')?.getAttribute('data-seconds')) > 0.2);
    const send = (bytes) => page.evaluate((data) => window.__testMidi.onmidimessage({ data: new Uint8Array(data) }), bytes);
    await send([0x90, 72, 100]);
    await page.waitForTimeout(400);
    await send([0x80, 72, 0]);
    await send([0x90, 76, 90]);
    await page.waitForTimeout(400);
    await send([0x90, 76, 0]);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="position"]')?.getAttribute('data-seconds')) > 2);
    await page.click('[data-testid="record"]');
    await page.click('[data-testid="metronome"]');
    let after = [];
    for (let i = 0; i < 20 && after.length !== before.length + 2; i++) {
      await page.waitForTimeout(250);
      after = (await exportedMidi(t, page)).notes.filter((n) => n.track === 'Bass');
    }
    t.expect(after.length === before.length + 2, `Bass has ${after.length} notes after recording, had ${before.length}`);
    const added = after.filter((n) => !before.some((b) => b.pitch === n.pitch && b.startTick === n.startTick));
    t.expect(added.map((n) => n.pitch).sort().join() === '72,76', `recorded pitches ${added.map((n) => n.pitch).join()}`);
    t.expect(added.every((n) => n.startTick % 120 === 0), `starts ${added.map((n) => n.startTick).join()} are not on sixteenths`);
    await page.click('[data-testid="undo"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="undo"]')?.getAttribute('title') !== null);
    let undone = after;
    for (let i = 0; i < 20 && undone.length !== before.length; i++) {
      await page.waitForTimeout(250);
      undone = (await exportedMidi(t, page)).notes.filter((n) => n.track === 'Bass');
    }
    t.expect(undone.length === before.length, `one Undo left ${undone.length} Bass notes, expected ${before.length}`);
    return `notes ${added.map((n) => `${n.pitch}@${n.startTick}`).join(', ')}; one Undo removes both`;
  });
}

async function exportedMidi(t, page) {
  const file = await t.download(page, () => page.click('[data-testid="export-midi"]'));
  return inspectMidi(file.bytes);
}
