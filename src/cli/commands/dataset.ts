import { Option, type Command } from 'commander';
import { action, usageError } from '../run-command.ts';
import { parseFloatOption, parseIntOption } from '../options.ts';
import type { NoteSetBuildOptions } from '../dataset/notes.ts';
import { registerDatasetStyles } from './dataset-styles.ts';

interface NotesCommandOptions {
  soundfont: string;
  out: string;
  sampleRate: number;
  hold: number;
  release: number;
  programs: number[];
  pitchStep: number;
  velocities: number[];
  gain?: number;
  json?: boolean;
}

/** `alea dataset notes` now; `alea dataset styles` (Remix) registers beside it. */
export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('render training data from a SoundFont into a cache folder');
  dataset
    .command('notes')
    .description('render single notes (every melodic GM program, pitches across its range, several velocities) to a note set')
    .requiredOption('--soundfont <file>', 'a General MIDI SoundFont (.sf2 or .sf3)')
    .requiredOption('--out <dir>', 'the folder to write notes.json and audio.pcm16 into')
    .option('--sample-rate <hz>', 'sample rate of the notes', parseIntOption('--sample-rate', 8000, 48000), 16000)
    .option('--hold <seconds>', 'seconds from note on to note off', parseFloatOption('--hold', 0.05, 10), 1.0)
    .option('--release <seconds>', 'seconds kept after note off', parseFloatOption('--release', 0, 10), 0.5)
    .addOption(new Option('--programs <list>', 'GM programs, e.g. 0-111 or 0,24,40-47').argParser(parseIntList('--programs', 0, 127)).default(rangeList(0, 111), '0-111'))
    .option('--pitch-step <semitones>', 'semitones between rendered pitches', parseIntOption('--pitch-step', 1, 24), 3)
    .addOption(new Option('--velocities <list>', 'MIDI velocities, e.g. 40,80,120').argParser(parseIntList('--velocities', 1, 127)).default([40, 80, 120], '40,80,120'))
    .option('--gain <factor>', 'fixed scale before storing as 16-bit (default: the largest that does not clip; stored in the manifest)', parseFloatOption('--gain', 0.01, 1000))
    .option('--json', 'print a JSON summary')
    .action(action(async (options: NotesCommandOptions) => notes(options)));
  registerDatasetStyles(dataset);
}

async function notes(options: NotesCommandOptions): Promise<void> {
  const build: NoteSetBuildOptions = {
    soundfontPath: options.soundfont,
    outDir: options.out,
    sampleRate: options.sampleRate,
    holdSeconds: options.hold,
    releaseSeconds: options.release,
    programs: options.programs,
    pitchStep: options.pitchStep,
    velocities: options.velocities,
    gain: options.gain,
  };
  // spessasynth loads only when a dataset is built, so other commands start fast
  const { buildNoteSet } = await import('../dataset/notes.ts');
  const summary = await buildNoteSet(build);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const missing = summary.missingPrograms.length > 0 ? `; the bank lacks program(s) ${summary.missingPrograms.join(', ')}` : '';
  process.stdout.write(
    `wrote ${summary.notes} notes to ${summary.out} (${summary.megabytes} MB, ${summary.audioSeconds} s of audio); ` +
      `dropped ${summary.droppedSilent} silent renders${missing}; peak ${summary.peak}, gain ${summary.gain}, ${summary.clippedSamples} clipped samples; ` +
      `${summary.timesRealTime}× real time\n`,
  );
}

function rangeList(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** "0-111" or "0,24,40-47" → sorted unique integers in [min, max]; anything else is a usage error. */
function parseIntList(name: string, min: number, max: number): (value: string) => number[] {
  return (value: string) => {
    const out = new Set<number>();
    for (const part of value.split(',')) {
      const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
      const low = match ? Number(match[1]) : NaN;
      const high = match && match[2] !== undefined ? Number(match[2]) : low;
      if (!(low >= min && high <= max && low <= high)) {
        throw usageError(`${name} must be integers or ranges from ${min} to ${max} (e.g. ${min}-${max} or ${min},${max}), got '${value}'`);
      }
      for (let n = low; n <= high; n++) out.add(n);
    }
    return [...out].sort((a, b) => a - b);
  };
}
