/// <reference lib="webworker" />
import { AnalyserCache, answerChunk, type SpectrogramReply, type SpectrogramRequest } from './spectrogram-protocol.ts';

/** The spectrogram worker: STFT and levels of audio clips, one chunk per message, off the UI thread. */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope
const analysers = new AnalyserCache();

scope.addEventListener('message', (event: MessageEvent<SpectrogramRequest>) => {
  const reply: SpectrogramReply = answerChunk(event.data, analysers);
  scope.postMessage(reply, reply.kind === 'levels' ? [reply.levels.buffer, ...reply.channels.map((c) => c.buffer)] : []);
});
