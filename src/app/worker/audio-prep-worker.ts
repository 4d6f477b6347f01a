/// <reference lib="webworker" />
import { answerPrep, type AudioPrepRequest } from './audio-prep-protocol.ts';

/** The audio-prep worker: decodes, resamples and measures imported audio off the UI thread. */
const scope = self as unknown as DedicatedWorkerGlobalScope; // a module worker's global scope

scope.addEventListener('message', (event: MessageEvent<AudioPrepRequest>) => {
  answerPrep(event.data, (reply, transfer) => scope.postMessage(reply, transfer));
});
