// Generate from nothing and Infill in the Continue panel: with the shipped models present, a song
// started from nothing (3/4, 96 bpm, D minor, 2 bars) has notes and, once accepted, the project
// has its tracks, tempo and meter (Undo takes them back); Infill with a continue-only model says in
// the panel that the model cannot fill in, and Generate stays off.

const NAMES = [
  'Start from nothing writes notes in 3/4 at 96 bpm; Accept makes the tracks, tempo and meter; Undo takes them back',
  "Infill with a continue-only model says it cannot fill in, before running",
];

async function waitForVariations(page) {
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="variation"]').length > 0 || document.querySelector('[data-testid="continue-problem"]'),
    undefined,
    { timeout: 120_000 },
  );
  return page.locator('[data-testid="continue-problem"]').textContent({ timeout: 100 }).catch(() => null);
}

/** `t`: the runner's check, skip, expect and recordConsoleErrors. */
export async function infillChecks(t, { context, server, consoleErrors, song, models }) {
  const continueOnly = ['melody-pop909', 'folk-nottingham', 'chorale-jsb'].find((m) => models.includes(m));
  if (continueOnly === undefined) {
    for (const name of NAMES) t.skip(name, 'no shipped Continue model in models/');
    return;
  }
  const page = await context.newPage();
  t.recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(20_000);
  const tracks = () => page.locator('[data-testid="track"]').count();
  try {
    await t.check(NAMES[0], async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.waitForSelector('[data-testid="piano-roll"]');
      const before = await tracks();
      await page.click('[data-testid="continue-button"]');
      await page.waitForSelector('[data-testid="continue-model"]');
      await page.selectOption('[data-testid="continue-model"]', continueOnly);
      await page.check('[data-testid="continue-from-nothing"]');
      await page.selectOption('[data-testid="continue-meter"]', '3/4');
      await page.fill('[data-testid="continue-tempo"]', '96');
      await page.press('[data-testid="continue-tempo"]', 'Tab');
      await page.selectOption('[data-testid="continue-key"]', 'D:minor');
      await page.fill('[data-testid="continue-bars"]', '2');
      await page.press('[data-testid="continue-bars"]', 'Tab');
      await page.click('[data-testid="continue-generate"]');
      const problem = await waitForVariations(page);
      t.expect(problem === null, `from nothing failed: ${problem}`);
      const added = Number(await page.getAttribute('[data-testid="variation"]', 'data-added-notes'));
      t.expect(added > 0, 'the song from nothing has no notes');
      const words = (await page.textContent('[data-testid="variation-words"]')) ?? '';
      t.expect(words.includes(`${added} new note`), `the variation says "${words}", not its ${added} notes`);
      await page.click('[data-testid="accept"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="tempo"]')?.value === '96');
      t.expect((await page.inputValue('[data-testid="meter"]')).replace(/\s/g, '') === '3/4', 'the meter is not 3/4 after Accept');
      const after = await tracks();
      t.expect(after >= 1, 'no track after Accept');
      await page.locator('[data-testid="piano-roll"]').click({ position: { x: 5, y: 5 } }).catch(() => {});
      await page.keyboard.press('Control+z');
      await page.waitForFunction(() => document.querySelector('[data-testid="tempo"]')?.value !== '96');
      t.expect((await tracks()) === before, `Undo left ${await tracks()} tracks, there were ${before}`);
      return `${added} notes, ${after} track(s)`;
    });

    await t.check(NAMES[1], async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.setInputFiles('[data-testid="import-input"]', { name: 'test-song.mid', mimeType: 'audio/midi', buffer: song.bytes });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="track"]').length === n, song.trackCount);
      await page.click('[data-testid="continue-button"]');
      await page.selectOption('[data-testid="generator-plugin"]', 'infill');
      await page.waitForSelector('[data-testid="continue-model"]');
      await page.selectOption('[data-testid="continue-model"]', continueOnly);
      const refusal = (await page.textContent('[data-testid="continue-model-refusal"]')) ?? '';
      t.expect(refusal.includes('cannot fill in'), `the panel says "${refusal}"`);
      t.expect(await page.isDisabled('[data-testid="continue-generate"]'), 'Generate is on for a model that cannot fill in');
      t.expect((await page.textContent('[data-testid="infill-seed"]'))?.includes('whole song') === true, 'the seed is not the whole song');
      return refusal.trim();
    });
  } finally {
    await page.close();
  }
}
