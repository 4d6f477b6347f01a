// Audio seeds in the browser: a WAV (a synthetic hum) chosen in the Continue panel is transcribed
// by Basic Pitch in the ML worker onto a new MIDI track, which becomes the seed track; a WAV with
// no notes dropped on the panel gets one line saying so (and is not imported as a clip); Undo
// takes the transcription away. No Continue model is needed: these checks always run.

const NAMES = [
  'a WAV chosen in the Continue panel is transcribed in the ML worker onto a new MIDI track, the seed',
  'a silent WAV dropped on the Continue panel says it holds no notes, and adds no track',
  'Undo takes the transcription track away',
];

/** The hum the page transcribes: MIDI pitch, start and end in seconds. */
export const HUM = [
  [60, 0.3, 0.75],
  [64, 0.8, 1.25],
  [67, 1.3, 2.0],
  [72, 2.3, 2.9],
];

/** A 16-bit mono 22.05 kHz WAV of `notes` ([pitch, start, end]; a fundamental and two harmonics each). */
export function makeHumWav(notes = HUM, seconds = 3.2, rate = 22050) {
  const frames = Math.round(seconds * rate);
  const samples = new Float32Array(frames);
  for (const [pitch, start, end] of notes) {
    const hz = 440 * 2 ** ((pitch - 69) / 12);
    for (let i = Math.round(start * rate); i < Math.round(end * rate); i++) {
      const t = i / rate - start;
      const w = 2 * Math.PI * hz * t;
      samples[i] += 0.35 * Math.min(1, t / 0.01, (end - start - t) / 0.02) * (Math.sin(w) + 0.3 * Math.sin(2 * w) + 0.1 * Math.sin(3 * w));
    }
  }
  const bytes = Buffer.alloc(44 + frames * 2);
  bytes.write('RIFF', 0);
  bytes.writeUInt32LE(36 + frames * 2, 4);
  bytes.write('WAVEfmt ', 8);
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20); // PCM
  bytes.writeUInt16LE(1, 22); // mono
  bytes.writeUInt32LE(rate, 24);
  bytes.writeUInt32LE(rate * 2, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36);
  bytes.writeUInt32LE(frames * 2, 40);
  samples.forEach((s, i) => bytes.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), 44 + i * 2));
  return bytes;
}

/** Drops a file on `selector` as a user's drag and drop would. */
async function dropFile(page, selector, name, bytes) {
  await page.evaluate(
    ({ selector, name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type: 'audio/wav' }));
      const target = document.querySelector(selector);
      if (target === null) throw new Error(`nothing matches ${selector}`);
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    { selector, name, data: Array.from(bytes) },
  );
}

/** `t`: the runner's check, expect and recordConsoleErrors. */
export async function transcribeChecks(t, { context, server, consoleErrors }) {
  const page = await context.newPage();
  t.recordConsoleErrors(page, consoleErrors);
  page.setDefaultTimeout(30_000);
  const tracks = () => page.locator('[data-testid="track"]').count();
  try {
    await t.check(NAMES[0], async () => {
      await page.goto(`${server.url}/?backend=wasm`);
      await page.waitForSelector('[data-testid="piano-roll"]');
      await page.click('[data-testid="continue-button"]');
      await page.waitForSelector('[data-testid="audio-seed-choose"]');
      await page.setInputFiles('[data-testid="audio-seed-input"]', { name: 'hum.wav', mimeType: 'audio/wav', buffer: makeHumWav() });
      await page.waitForSelector('[data-testid="audio-seed-result"], [data-testid="audio-seed-problem"]', { timeout: 120_000 });
      const problem = await page.locator('[data-testid="audio-seed-problem"]').textContent({ timeout: 100 }).catch(() => null);
      t.expect(problem === null, `transcription failed: ${problem}`);
      const notes = Number(await page.getAttribute('[data-testid="audio-seed-result"]', 'data-notes'));
      t.expect(notes === HUM.length, `${notes} notes transcribed, the hum has ${HUM.length}`);
      const rows = await page.locator('[data-testid="track"]').allTextContents();
      t.expect(rows.length === 1 && rows[0].includes('hum transcription'), `tracks: ${rows.join(' | ')}`);
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="piano-roll"]')?.getAttribute('data-note-count')) === n, HUM.length);
      const seedTrack = await page.inputValue('[data-testid="continue-track"]');
      t.expect(seedTrack === '0', `the seed track is ${seedTrack}, not the transcription`);
      return `${notes} notes on "hum transcription", the seed track`;
    });

    await t.check(NAMES[1], async () => {
      const before = await tracks();
      await dropFile(page, '[data-testid="continue-panel"]', 'silence.wav', makeHumWav([], 1));
      await page.waitForSelector('[data-testid="audio-seed-problem"]', { timeout: 60_000 });
      const line = ((await page.textContent('[data-testid="audio-seed-problem"]')) ?? '').trim();
      t.expect(line.startsWith('silence.wav: holds no pitched notes'), `says: ${line}`);
      t.expect(!line.includes('\n'), 'more than one line');
      await page.waitForTimeout(300);
      t.expect((await tracks()) === before, `${await tracks()} tracks, was ${before}: the drop was imported too`);
      return line;
    });

    await t.check(NAMES[2], async () => {
      await page.click('[data-testid="undo"]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="track"]').length === 0);
      return 'no tracks left';
    });
  } finally {
    await page.close();
  }
}
