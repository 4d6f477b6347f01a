import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AleaError } from '../../core/errors.ts';
import { loadSoundBank } from '../../core/soundfont/bank.ts';
import { gmFamily, gmPitchGrid, gmProgramName } from '../../core/soundfont/gm-programs.ts';
import { encodeNoteSamples, NOTE_SET_AUDIO, NOTE_SET_MANIFEST, type NoteSetManifest, type NoteSetNote } from '../../core/soundfont/note-set.ts';
import { renderNote } from '../../core/soundfont/render-note.ts';
import { readInputFile } from '../file-io.ts';
import { ProgressBar } from '../progress.ts';

export interface NoteSetBuildOptions {
  soundfontPath: string;
  outDir: string;
  sampleRate: number;
  holdSeconds: number;
  releaseSeconds: number;
  programs: readonly number[];
  pitchStep: number;
  velocities: readonly number[];
  /** fixed storage gain; undefined = the largest that does not clip (a first pass finds the peak) */
  gain?: number;
}

export interface NoteSetSummary {
  out: string;
  notes: number;
  droppedSilent: number;
  missingPrograms: number[];
  audioSeconds: number;
  megabytes: number;
  /** largest |sample| before the gain */
  peak: number;
  gain: number;
  clippedSamples: number;
  timesRealTime: number;
}

/** A render whose peak is below this (−80 dBFS) is silence: the bank has nothing there. */
const SILENCE_PEAK = 1e-4;

/** Renders the note grid into `outDir` (audio first, the manifest last, so a set with a manifest is complete). */
export async function buildNoteSet(options: NoteSetBuildOptions): Promise<NoteSetSummary> {
  const started = performance.now();
  const bytes = await readInputFile(options.soundfontPath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const bank = await loadSoundBank(bytes, options.soundfontPath);
  const missingPrograms = options.programs.filter((p) => !bank.programs.has(p));
  const plan = planNotes(options.programs.filter((p) => bank.programs.has(p)), options.pitchStep, options.velocities);

  const audioPath = join(options.outDir, NOTE_SET_AUDIO);
  const partPath = `${audioPath}.part`;
  await ensureWritableDir(options.outDir);
  const file = await open(partPath, 'w').catch((error: unknown) => {
    throw writeError(error, options.outDir);
  });
  const render = (note: PlannedNote): Float32Array =>
    renderNote(bank, { ...note, holdSeconds: options.holdSeconds, releaseSeconds: options.releaseSeconds, sampleRate: options.sampleRate });
  const gain = options.gain ?? (await autoGain(plan, render, file, partPath));
  const notes: NoteSetNote[] = [];
  let droppedSilent = 0;
  let peak = 0;
  let clippedSamples = 0;
  const progress = new ProgressBar(`rendering ${plan.length} notes`);
  try {
    for (let i = 0; i < plan.length; i++) {
      const note = plan[i];
      const samples = render(note);
      const notePeak = peakOf(samples);
      if (notePeak < SILENCE_PEAK) {
        droppedSilent++;
      } else {
        const encoded = encodeNoteSamples(samples, gain);
        await file.write(encoded.bytes);
        clippedSamples += encoded.clipped;
        peak = Math.max(peak, notePeak);
        notes.push({ program: note.program, name: gmProgramName(note.program), family: gmFamily(note.program), pitch: note.pitch, velocity: note.velocity });
      }
      progress.update((i + 1) / plan.length, `${notes.length} kept`);
    }
  } catch (error) {
    await file.close();
    await rm(partPath, { force: true });
    throw error;
  }
  progress.done();
  await file.close();

  const noteSeconds = options.holdSeconds + options.releaseSeconds;
  const manifest: NoteSetManifest = {
    format: 'alea-notes',
    version: 1,
    sampleRate: options.sampleRate,
    holdSeconds: options.holdSeconds,
    noteSeconds,
    gain,
    soundfont: { file: basename(options.soundfontPath), sha256 },
    notes,
  };
  try {
    // an older set's manifest must not describe the new audio, even for a moment
    await rm(join(options.outDir, NOTE_SET_MANIFEST), { force: true });
    await rename(partPath, audioPath);
    await writeFile(join(options.outDir, NOTE_SET_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  } catch (error) {
    throw writeError(error, options.outDir);
  }
  const noteLength = Math.round(noteSeconds * options.sampleRate);
  const audioSeconds = (notes.length + droppedSilent) * (noteLength / options.sampleRate);
  const wall = (performance.now() - started) / 1000;
  return {
    out: options.outDir,
    notes: notes.length,
    droppedSilent,
    missingPrograms,
    audioSeconds: Math.round(audioSeconds),
    megabytes: Math.round((notes.length * noteLength * 2) / 1e4) / 100,
    peak: Math.round(peak * 1e4) / 1e4,
    gain,
    clippedSamples,
    timesRealTime: Math.round(audioSeconds / wall),
  };
}

export interface PlannedNote {
  program: number;
  pitch: number;
  velocity: number;
}

/** Program-major order: each program's pitches low to high, each at every velocity. */
export function planNotes(programs: readonly number[], pitchStep: number, velocities: readonly number[]): PlannedNote[] {
  const plan: PlannedNote[] = [];
  for (const program of programs) {
    for (const pitch of gmPitchGrid(program, pitchStep)) {
      for (const velocity of velocities) plan.push({ program, pitch, velocity });
    }
  }
  return plan;
}

/**
 * The largest gain (2 decimals) that stores the loudest note without clipping, found by a first
 * rendering pass (renders are deterministic, so the second pass meets the same peak).
 */
async function autoGain(plan: readonly PlannedNote[], render: (note: PlannedNote) => Float32Array, file: FileHandle, partPath: string): Promise<number> {
  const progress = new ProgressBar(`measuring the peak of ${plan.length} notes`);
  let peak = 0;
  try {
    for (let i = 0; i < plan.length; i++) {
      peak = Math.max(peak, peakOf(render(plan[i])));
      progress.update((i + 1) / plan.length);
    }
  } catch (error) {
    await file.close();
    await rm(partPath, { force: true });
    throw error;
  }
  progress.done();
  return peak < SILENCE_PEAK ? 1 : Math.floor((0.999 / peak) * 100) / 100;
}

function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (const s of samples) if (Math.abs(s) > peak) peak = Math.abs(s);
  return peak;
}

async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeError(error, dir);
  }
}

function writeError(error: unknown, dir: string): AleaError {
  if (error instanceof AleaError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' || code === 'EEXIST' ? 'is not a folder'
    : code === 'ENOSPC' ? 'no space left on the disk'
    : code === 'EROFS' ? 'is on a read-only file system'
    : 'cannot be written';
  return new AleaError('failure', `output folder ${reason}`, dir);
}
