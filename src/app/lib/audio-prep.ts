/**
 * What a track needs from imported audio before it can show and play: the decoded WAV, its copy
 * at the live AudioContext's rate and its waveform peaks. All three are whole-file passes (a
 * 10-minute stereo WAV takes seconds to resample), so the app runs this in the audio-prep worker;
 * the same function runs here in tests, so both give the same samples. An opened project's clips
 * take the same passes (`prepareDecodedAudio`).
 */
import type { AudioData } from '../../core/audio/audio-data.ts';
import { resample } from '../../core/audio/resample.ts';
import { runBlob } from './project-file.ts';
import { readImportedWav } from './read-import.ts';
import { computePeaks, type WaveformPeaks } from './waveform-peaks.ts';

export interface PreparedAudio {
  /** the file's audio at its own rate (what the project keeps and exports) */
  audio: AudioData;
  /** the audio at the live rate; null when the file already has it (or no live rate was given) */
  live: AudioData | null;
  peaks: WaveformPeaks;
  /** the audio as a project file stores it (the first autosave copies 100s of MB otherwise) */
  blob: Blob;
}

/**
 * Decodes, resamples to `liveRate` (when it differs) and measures peaks; `onProgress` gets 0..1.
 * @throws AleaError naming the file when it is not a WAV with samples
 */
export function prepareImportedAudio(bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void = () => {}): PreparedAudio {
  const audio = readImportedWav(bytes, fileName);
  onProgress(0.1);
  return prepareDecodedAudio(audio, liveRate, (fraction) => onProgress(0.1 + 0.9 * fraction));
}

/**
 * The same passes over audio already decoded (a project file's clip): resamples to `liveRate`
 * (when it differs), measures peaks and makes the Blob a project file stores it as.
 */
export function prepareDecodedAudio(audio: AudioData, liveRate: number | null, onProgress: (fraction: number) => void = () => {}): PreparedAudio {
  let live: AudioData | null = null;
  if (liveRate !== null && liveRate !== audio.sampleRate) {
    // channel by channel (resample treats each alone), so progress moves during the long part
    const channels = audio.channels.map((channel, c) => {
      const converted = resample({ sampleRate: audio.sampleRate, channels: [channel] }, liveRate).channels[0];
      onProgress((0.9 * (c + 1)) / audio.channels.length);
      return converted;
    });
    live = { sampleRate: liveRate, channels };
  }
  const peaks = computePeaks(audio);
  const blob = runBlob(audio.channels);
  onProgress(1);
  return { audio, live, peaks, blob };
}

/** Every buffer of a prepared result, to transfer rather than copy between threads. */
export function preparedBuffers(prepared: PreparedAudio): ArrayBuffer[] {
  const arrays = [...prepared.audio.channels, ...(prepared.live?.channels ?? []), prepared.peaks.min, prepared.peaks.max];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  return [...buffers];
}
