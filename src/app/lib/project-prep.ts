/**
 * What the audio-prep worker does for a project file being opened (or the autosave restored): it
 * decodes the file and gives each clip the passes an imported WAV takes (its copy at the live
 * rate, its waveform peaks, the Blob the autosave stores). For a 10-minute clip that is seconds
 * of copying and arithmetic that would otherwise block the page (project-open.ts takes the result).
 */
import { prepareDecodedAudio, preparedBuffers, type PreparedAudio } from './audio-prep.ts';
import { decodeProjectFile, runBlob, type ProjectDocument } from './project-file.ts';

/** A decoded project file with its clips prepared: what the worker sends back. */
export interface DecodedProjectFile {
  doc: ProjectDocument;
  /** one per distinct piece of clip audio; each `audio` is the pool's own object */
  prepared: PreparedAudio[];
  /** the Blob of each voice's sample zone, so the autosave copies none on the page */
  zoneBlobs: { channels: Float32Array[]; blob: Blob }[];
}

/**
 * Decodes `bytes` (a project file named `fileName`) and prepares its clips for `liveRate`;
 * `onProgress` gets 0..1.
 * @throws AleaError naming `fileName` when the file is not a whole project
 */
export function decodeAndPrepare(bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void = () => {}): DecodedProjectFile {
  const doc = decodeProjectFile(bytes, fileName);
  onProgress(0.1);
  const sources = [...new Set(doc.pool.values())];
  const prepared = sources.map((audio, i) => prepareDecodedAudio(audio, liveRate, (fraction) => onProgress(0.1 + (0.9 * (i + fraction)) / sources.length)));
  const zones = new Set(doc.voices.flatMap(({ voice }) => (voice.kind === 'multisample' ? voice.zones.map((zone) => zone.channels) : [])));
  const zoneBlobs = [...zones].map((channels) => ({ channels, blob: runBlob(channels) }));
  onProgress(1);
  return { doc, prepared, zoneBlobs };
}

/** Every buffer of a decoded file, to transfer rather than copy between threads. */
export function decodedBuffers(decoded: DecodedProjectFile): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>(decoded.prepared.flatMap(preparedBuffers));
  for (const { channels } of decoded.zoneBlobs) for (const channel of channels) if (channel.buffer instanceof ArrayBuffer) buffers.add(channel.buffer);
  return [...buffers];
}
