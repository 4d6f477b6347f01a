/**
 * Audio-seed transcription speed: Basic Pitch on a 30 s synthetic hum (wasm in Node), as seconds
 * of audio transcribed per second, against real time (a hum must not take longer to read than
 * it took to sing). The model loads and runs one short clip first, so the figure is the steady
 * speed a user waits for.
 */
import type { AudioData } from '../../core/audio/audio-data.ts';
import { initBackend } from '../../ml/runtime/backend-node.ts';
import { loadTranscriberNode } from '../../ml/transcribe/load-node.ts';
import type { BenchFigure } from './bench-report.ts';

const GROUP = 'transcribe';
/** Stable name of the figure (`--json` readers key on it). */
export const TRANSCRIBE_FIGURE = 'transcribeRealTimeFactor';
const SECONDS = 30;
const RATE = 44100;
const TARGET = 2;

/** Half-second notes of a scale, up and down, with a short gap after each: a hum the model hears clearly. */
function scaleHum(seconds: number, sampleRate: number): AudioData {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const pitches = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62];
  const noteLength = Math.round(0.5 * sampleRate);
  for (let n = 0; n < out.length; n++) {
    const index = Math.floor(n / noteLength);
    const t = (n % noteLength) / sampleRate;
    if (t > 0.42) continue;
    const w = 2 * Math.PI * 440 * 2 ** ((pitches[index % pitches.length] - 69) / 12) * t;
    out[n] = 0.3 * Math.min(1, t / 0.01, (0.42 - t) / 0.02) * (Math.sin(w) + 0.3 * Math.sin(2 * w));
  }
  return { sampleRate, channels: [out] };
}

export async function benchTranscribe(): Promise<BenchFigure[]> {
  const backend = await initBackend();
  const transcriber = await loadTranscriberNode();
  try {
    await transcriber.transcribe(scaleHum(2, RATE)); // warm-up: the graph's kernels compile on first use
    const started = performance.now();
    const notes = await transcriber.transcribe(scaleHum(SECONDS, RATE));
    const elapsed = (performance.now() - started) / 1000;
    const factor = SECONDS / elapsed;
    return [
      {
        group: GROUP,
        name: TRANSCRIBE_FIGURE,
        value: factor,
        unit: `× real time (${SECONDS} s hum, ${notes.length} notes, ${backend.name})`,
        reference: { name: 'real time', value: 1, unit: '×' },
        ratio: factor,
        target: `≥ ${TARGET}×`,
        met: factor >= TARGET,
      },
    ];
  } finally {
    transcriber.dispose();
  }
}
