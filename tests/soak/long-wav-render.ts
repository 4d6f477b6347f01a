/**
 * Peak memory of rendering a project that holds one long WAV as an audio clip, as the
 * workstation's export does (the clip whole in the project's pool, then `renderProjectBlocks`
 * into a sink that only counts). Run under `/usr/bin/time -v`, once with a 1-minute and once with
 * a 10-minute WAV:
 *   /usr/bin/time -v node --import tsx tests/soak/long-wav-render.ts in-10min.wav
 */
import { readFileSync } from 'node:fs';
import { readWav } from '../../src/core/audio/wav-read.ts';
import { createProject, DEFAULT_STRIP } from '../../src/engine/project.ts';
import { renderProjectBlocks } from '../../src/engine/render-node.ts';
import { sampleSong } from './repeat-work.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: long-wav-render.ts <file.wav>');
const { audio } = readWav(new Uint8Array(readFileSync(path)), path);
const seconds = audio.channels[0].length / audio.sampleRate;
const project = {
  ...createProject({ ...sampleSong(), tracks: [] }),
  audioTracks: [{ name: 'take', clips: [{ source: 'take', startSeconds: 0, offsetSeconds: 0, lengthSeconds: seconds, gainDb: 0 }], chain: [], strip: DEFAULT_STRIP }],
};
// the clip is the project's own data (in memory in the app too): RSS here is the render's starting point
const loadedMb = process.memoryUsage().rss / 2 ** 20;
let frames = 0;
const summary = await renderProjectBlocks(
  project,
  { start: async () => undefined, block: async (channels) => void (frames += channels[0].length) },
  { sampleRate: audio.sampleRate, pool: new Map([['take', audio]]) },
);
process.stdout.write(`${path}: ${seconds.toFixed(0)} s at ${audio.sampleRate} Hz, ${audio.channels.length} channels → ${frames} frames rendered (peak ${summary.peak.toFixed(3)}); RSS with the clip loaded ${loadedMb.toFixed(0)} MB\n`);
