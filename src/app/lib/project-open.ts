/**
 * A project file decoded and prepared in the audio-prep worker (project-prep.ts), taken on the
 * page: what the worker made is recorded so the rows, the engine and the autosave reuse it
 * instead of measuring, resampling or copying the audio again on this thread.
 */
import type { Provenance } from '../../core/provenance.ts';
import { rememberConversion } from '../../engine/index.ts';
import type { WorkstationProject } from './engine-port.ts';
import { rememberRunBlob } from './project-file.ts';
import { workstationProjectOf } from './project-document.ts';
import type { DecodedProjectFile } from './project-prep.ts';
import { rememberPeaks } from './waveform-peaks.ts';

export interface OpenedProject {
  project: WorkstationProject;
  title: string;
  provenance: Provenance | null;
}

/** The workstation's project for a decoded file, with the worker's peaks, live copies and Blobs recorded. */
export function adoptDecoded(decoded: DecodedProjectFile): OpenedProject {
  for (const { audio, live, peaks, blob } of decoded.prepared) {
    if (live !== null) rememberConversion(audio, live);
    rememberRunBlob(audio.channels, blob);
    rememberPeaks(audio, peaks);
  }
  for (const { channels, blob } of decoded.zoneBlobs) rememberRunBlob(channels, blob);
  const { doc } = decoded;
  return { project: workstationProjectOf(doc), title: doc.title, provenance: doc.provenance };
}
