/**
 * Peak memory against length: `alea render` of the 3-track bench song at 1 minute (the
 * reference) and at 10 minutes, each in its own process, its peak RSS read from that process.
 * A render streamed in blocks keeps the ratio near 1; a render held whole grows with length.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeMidi } from '../../core/music/midi-io.ts';
import { buildBenchSong } from '../../engine/bench-song.ts';
import type { BenchFigure } from './bench-report.ts';

const ALEA_BIN = fileURLToPath(new URL('../../../bin/alea.mjs', import.meta.url));

/** Peak RSS (MB) of `alea render song -o out`, as the child reports it at exit. */
function renderPeakMb(song: string, out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ALEA_BIN, 'render', song, '-o', out], { env: { ...process.env, ALEA_REPORT_MAXRSS: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const match = /maxrss (\d+)/.exec(stderr);
      if (code !== 0 || match === null) reject(new Error(`render failed: ${stderr.trim().split('\n').pop() ?? ''}`));
      else resolve(Number(match[1]) / 1024);
    });
  });
}

export async function benchRenderMemory(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'alea-bench-memory-'));
  try {
    const peaks: number[] = [];
    for (const bars of [30, 300]) {
      const song = join(dir, `song-${bars}.mid`);
      await writeFile(song, writeMidi(buildBenchSong(bars)));
      peaks.push(await renderPeakMb(song, join(dir, `song-${bars}.wav`)));
    }
    const [oneMinute, tenMinutes] = peaks;
    return [
      {
        group: 'memory',
        name: 'alea render peak RSS, 10 min song',
        value: tenMinutes,
        unit: 'MB',
        reference: { name: '1 min song', value: oneMinute, unit: 'MB' },
        ratio: tenMinutes / oneMinute,
        target: '≤ 1.25× (flat with length)',
        met: tenMinutes / oneMinute <= 1.25,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
