import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { action } from '../run-command.ts';
import { MAX_INPUT_BYTES, readInputFile } from '../file-io.ts';
import { scanWavFile } from '../wav-file-levels.ts';
import { detectInputKind } from '../file-kind.ts';
import { describeMidi, describeWav, formatInfo, wavReport, type InfoReport } from './info-report.ts';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('describe a MIDI file, a WAV file or a model folder')
    .argument('<path>', 'a .mid, a .wav or a model folder')
    .option('--json', 'print machine-readable JSON')
    .action(
      action(async (path: string, options: { json?: boolean }) => {
        const report = await inspect(path);
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatInfo(report));
      }),
    );
}

async function inspect(path: string): Promise<InfoReport> {
  const isFolder = await stat(path).then((s) => s.isDirectory(), () => false);
  if (isFolder) {
    const { describeModelFolder } = await import('./info-model.ts');
    return describeModelFolder(path);
  }
  const head = await readInputFile(path, MAX_INPUT_BYTES, 16);
  if (detectInputKind(head, path) === 'wav') {
    // A plain WAV is read block by block from disk; anything unusual is read whole (exact errors).
    const streamed = await scanWavFile(path);
    if (streamed !== undefined) return wavReport(streamed, path);
  }
  const bytes = await readInputFile(path);
  return detectInputKind(bytes, path) === 'midi' ? describeMidi(bytes, path) : describeWav(bytes, path);
}
