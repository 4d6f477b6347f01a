// Opening a project file (or the autosave) decodes it and prepares each clip's audio as an import
// does: in the audio-prep worker (here a fake port in this thread), whose results the rows, the
// engine and the autosave use, so no whole-clip pass runs on the UI thread; a failure names the file.
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { resample } from '../../../src/core/audio/resample.ts';
import { createEmptySong } from '../../../src/core/music/song.ts';
import { openInWorker, type AudioPrepPort } from '../../../src/app/lib/audio-prep-client.ts';
import type { WorkstationProject } from '../../../src/app/lib/engine-port.ts';
import { toEngineProject } from '../../../src/app/lib/engine-project.ts';
import { documentOf } from '../../../src/app/lib/project-document.ts';
import { encodeProjectFile, runBlob } from '../../../src/app/lib/project-file.ts';
import { adoptDecoded } from '../../../src/app/lib/project-open.ts';
import type { DecodedProjectFile } from '../../../src/app/lib/project-prep.ts';
import { computePeaks, peaksOf } from '../../../src/app/lib/waveform-peaks.ts';
import { answerPrep, type AudioPrepReply, type AudioPrepRequest } from '../../../src/app/worker/audio-prep-protocol.ts';
import { PoolAtRate } from '../../../src/engine/audio-clips.ts';

const SR = 48000;
const LIVE = 44100;
const take: AudioData = { sampleRate: SR, channels: [Float32Array.from({ length: 9600 }, (_, i) => 0.5 * Math.sin((i * i) / 5000)), Float32Array.from({ length: 9600 }, (_, i) => 0.3 * Math.cos(i / 9))] };
const remix: AudioData = { sampleRate: SR, channels: [Float32Array.from({ length: 4800 }, (_, i) => 0.2 * Math.sin(i / 3))] };
const strip = { volumeDb: -2, pan: 0.25, muted: false, soloed: false };

/** A project file with a clip and a Remix of it (the clip's audio is the Remix's original). */
function projectFile(): Uint8Array {
  const project: WorkstationProject = {
    song: createEmptySong('tune', 480, 120),
    midiStrips: [],
    clips: [
      { name: 'take', audio: take, strip },
      { name: 'take (strings)', audio: remix, strip, blend: { dry: take, amount: 0.4, bypass: false } },
    ],
  };
  return encodeProjectFile(documentOf(project, 'tune', null));
}

interface Log {
  requests: AudioPrepRequest[];
  sent: Uint8Array[];
  decoded: DecodedProjectFile[];
  terminated: number;
}

/** A worker in this thread: messages cross a structured clone with their transfers, as postMessage does; `crash` makes it stop instead of answering. */
function fakeSpawn(log: Log, crash = false): () => AudioPrepPort {
  return () => {
    const listeners: ((event: MessageEvent<AudioPrepReply>) => void)[] = [];
    const errors: ((event: ErrorEvent) => void)[] = [];
    return {
      postMessage(message: AudioPrepRequest, transfer: Transferable[]): void {
        log.sent.push(message.bytes);
        const request = structuredClone(message, { transfer });
        log.requests.push(request);
        queueMicrotask(() => {
          if (crash) return errors.forEach((listener) => listener(Object.assign(new Event('error'), { message: 'out of memory' }) as ErrorEvent)); // Node has no ErrorEvent
          answerPrep(request, (reply, moved) => {
            const data = structuredClone(reply, { transfer: moved });
            if (data.kind === 'opened') log.decoded.push(data.decoded);
            for (const listener of listeners) listener(new MessageEvent('message', { data }));
          });
        });
      },
      addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<AudioPrepReply>) => void) | ((event: ErrorEvent) => void)): void {
        if (type === 'message') listeners.push(listener as (event: MessageEvent<AudioPrepReply>) => void);
        else errors.push(listener as (event: ErrorEvent) => void);
      },
      terminate(): void {
        log.terminated++;
      },
    };
  };
}

const freshLog = (): Log => ({ requests: [], sent: [], decoded: [], terminated: 0 });
const bits = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameAudio = (a: AudioData, b: AudioData): boolean => a.sampleRate === b.sampleRate && a.channels.length === b.channels.length && a.channels.every((c, i) => bits(c).equals(bits(b.channels[i])));

/** The project as the page opens it: decoded in the (fake) worker, then adopted. */
async function open(log: Log, bytes: Uint8Array, fileName: string, liveRate: number | null, onProgress: (fraction: number) => void = () => {}): Promise<ReturnType<typeof adoptDecoded>> {
  return adoptDecoded(await openInWorker(fakeSpawn(log), bytes, fileName, liveRate, onProgress));
}

describe('opening a project file', () => {
  it('decodes the file in the prep worker, which measures each clip once, and opens with what it returns', async () => {
    const log = freshLog();
    const progress: number[] = [];
    const opened = await open(log, projectFile(), 'tune.alea', LIVE, (f) => progress.push(f));
    expect(log.requests.map((r) => [r.kind, r.fileName, r.liveRate])).toEqual([['open', 'tune.alea', LIVE]]);
    // the file's bytes went to the worker, not copied, and the worker was ended
    expect(log.sent[0].byteLength).toBe(0);
    expect(log.terminated).toBe(1);
    // the take (a clip, and the Remix's original) and the remix: prepared once each
    const [decoded] = log.decoded;
    expect(decoded.prepared).toHaveLength(2);
    const [first, second] = decoded.prepared;
    const [clip, remixRow] = opened.project.clips;
    expect(clip.audio).toBe(first.audio);
    expect(remixRow.audio).toBe(second.audio);
    expect(remixRow.blend?.dry).toBe(first.audio);
    expect(sameAudio(clip.audio, take) && sameAudio(remixRow.audio, remix)).toBe(true);
    // the rows show the worker's peaks (the same as measured here), measured nowhere else
    expect(peaksOf(clip.audio)).toBe(first.peaks);
    const direct = computePeaks(take);
    expect(bits(first.peaks.min).equals(bits(direct.min)) && bits(first.peaks.max).equals(bits(direct.max))).toBe(true);
    // the engine plays the worker's conversion (the same bits as resampling here)
    const { project, pool } = toEngineProject(opened.project);
    const live = new PoolAtRate(pool, LIVE).get(project.audioTracks[0].clips[0].source);
    expect(live).toBe(first.live);
    expect(live !== undefined && sameAudio(live, resample(take, LIVE))).toBe(true);
    // the autosave stores the worker's Blob, which holds the clip's samples
    expect(runBlob(clip.audio.channels)).toBe(first.blob);
    expect(Buffer.from(await first.blob.arrayBuffer()).equals(Buffer.concat(take.channels.map(bits)))).toBe(true);
    expect(opened.title).toBe('tune');
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('makes no live copy when the engine has no rate yet, and keeps the audio the same', async () => {
    const log = freshLog();
    const opened = await open(log, projectFile(), 'tune.alea', null);
    expect(log.decoded[0].prepared.map((p) => p.live)).toEqual([null, null]);
    expect(sameAudio(opened.project.clips[0].audio, take)).toBe(true);
  });

  it('refuses a broken file with one line naming it, and opens nothing', async () => {
    const log = freshLog();
    let replaced = false;
    const attempt = async (): Promise<void> => {
      await open(log, new Uint8Array(64), 'the autosave', LIVE);
      replaced = true; // as ProjectStore replaces the project only once the file is ready
    };
    await expect(attempt()).rejects.toThrow(/^the autosave: not an Alea project file/);
    expect(replaced).toBe(false);
    expect(log.terminated).toBe(1);
  });

  it('fails with one line naming the file when the worker stops', async () => {
    const log = freshLog();
    await expect(openInWorker(fakeSpawn(log, true), projectFile(), 'tune.alea', LIVE, () => {})).rejects.toThrow(/^tune\.alea: the audio could not be prepared \(out of memory\)$/);
    expect(log.terminated).toBe(1);
  });
});
