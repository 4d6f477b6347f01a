// Opening a project file (or the autosave) prepares each clip's audio as an import does: in the
// audio-prep worker (here a fake port in this thread), whose results the rows, the engine and the
// autosave use, so no whole-clip pass runs on the UI thread; a failure names the file.
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio/audio-data.ts';
import { resample } from '../../../src/core/audio/resample.ts';
import { createEmptySong } from '../../../src/core/music/song.ts';
import type { PreparedAudio } from '../../../src/app/lib/audio-prep.ts';
import { prepareDecodedInWorker, type AudioPrepPort, type PrepareDecoded } from '../../../src/app/lib/audio-prep-client.ts';
import type { WorkstationProject } from '../../../src/app/lib/engine-port.ts';
import { toEngineProject } from '../../../src/app/lib/engine-project.ts';
import { documentOf } from '../../../src/app/lib/project-document.ts';
import { encodeProjectFile } from '../../../src/app/lib/project-file.ts';
import { openProjectBytes } from '../../../src/app/lib/project-open.ts';
import { errorToLine } from '../../../src/app/lib/error-line.ts';
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
  sent: AudioData[];
  prepared: PreparedAudio[];
  terminated: number;
}

/** A worker in this thread: messages cross a structured clone with their transfers, as postMessage does; `fail` answers the nth request with a crash. */
function fakeSpawn(log: Log, fail?: number): () => AudioPrepPort {
  return () => {
    const listeners: ((event: MessageEvent<AudioPrepReply>) => void)[] = [];
    const errors: ((event: ErrorEvent) => void)[] = [];
    return {
      postMessage(message: AudioPrepRequest, transfer: Transferable[]): void {
        if (message.kind === 'measure') log.sent.push(message.audio);
        const request = structuredClone(message, { transfer });
        log.requests.push(request);
        const crash = log.requests.length === fail;
        queueMicrotask(() => {
          if (crash) return errors.forEach((listener) => listener(Object.assign(new Event('error'), { message: 'out of memory' }) as ErrorEvent)) // Node has no ErrorEvent;
          answerPrep(request, (reply, moved) => {
            const data = structuredClone(reply, { transfer: moved });
            if (data.kind === 'prepared') log.prepared.push(data.prepared);
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

const freshLog = (): Log => ({ requests: [], sent: [], prepared: [], terminated: 0 });
const viaWorker =
  (log: Log, fail?: number): PrepareDecoded =>
  (audio, fileName, liveRate, onProgress) =>
    prepareDecodedInWorker(fakeSpawn(log, fail), audio, fileName, liveRate, onProgress);
const bits = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameAudio = (a: AudioData, b: AudioData): boolean => a.sampleRate === b.sampleRate && a.channels.length === b.channels.length && a.channels.every((c, i) => bits(c).equals(bits(b.channels[i])));

describe('opening a project file', () => {
  it("asks the prep worker once for each clip's audio and opens with what it returns", async () => {
    const log = freshLog();
    const progress: number[] = [];
    const opened = await openProjectBytes(projectFile(), 'tune.alea', () => Promise.resolve(LIVE), viaWorker(log), (f) => progress.push(f));
    // the take (a clip, and the Remix's original) and the remix: one request each
    expect(log.requests.map((r) => [r.kind, r.fileName, r.liveRate])).toEqual([
      ['measure', 'tune.alea', LIVE],
      ['measure', 'tune.alea', LIVE],
    ]);
    // the samples went to the worker, not copied: the decoded buffers left this thread
    expect(log.sent.every((audio) => audio.channels.every((c) => c.byteLength === 0))).toBe(true);
    expect(log.terminated).toBe(2);
    const [first, second] = log.prepared;
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
    expect(opened.title).toBe('tune');
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('asks for no live copy when the engine has no rate yet, and keeps the audio the same', async () => {
    const log = freshLog();
    const opened = await openProjectBytes(projectFile(), 'tune.alea', () => Promise.resolve(null), viaWorker(log));
    expect(log.prepared.map((p) => p.live)).toEqual([null, null]);
    expect(sameAudio(opened.project.clips[0].audio, take)).toBe(true);
  });

  it('fails with one line naming the file when a clip cannot be prepared, and opens nothing', async () => {
    const log = freshLog();
    let replaced = false;
    const open = async (): Promise<void> => {
      await openProjectBytes(projectFile(), 'tune.alea', () => Promise.resolve(LIVE), viaWorker(log, 2));
      replaced = true; // as ProjectStore replaces the project only once the file is ready
    };
    await expect(open()).rejects.toThrow(/^tune\.alea: the audio could not be prepared \(out of memory\)$/);
    expect(replaced).toBe(false);
    expect(log.terminated).toBe(2);
  });

  it('refuses a broken file before starting the engine or a worker', async () => {
    const log = freshLog();
    let asked = false;
    const liveRate = (): Promise<number | null> => {
      asked = true;
      return Promise.resolve(LIVE);
    };
    const line = await openProjectBytes(new Uint8Array(64), 'the autosave', liveRate, viaWorker(log)).then(
      () => 'opened',
      (error: unknown) => errorToLine(error),
    );
    expect(line).toMatch(/^the autosave: not an Alea project file/);
    expect(asked).toBe(false);
    expect(log.requests).toEqual([]);
  });

  it("names the project file in the worker's error line for a clip", () => {
    const replies: AudioPrepReply[] = [];
    const broken = { sampleRate: SR, channels: [new Float32Array(8)] };
    Object.defineProperty(broken, 'channels', { get: () => { throw new RangeError('Array buffer allocation failed'); } });
    answerPrep({ kind: 'measure', fileName: 'tune.alea', audio: broken, liveRate: LIVE }, (reply) => replies.push(reply));
    expect(replies).toEqual([{ kind: 'error', message: 'tune.alea: Array buffer allocation failed' }]);
  });
});
