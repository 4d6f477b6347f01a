/**
 * Every parser a user's file reaches, as a fuzz target: real files to mutate, and the call that
 * must end in a result or a clear AleaError. Shared by the seeded CI run
 * (tests/unit/reliability/fuzz.test.ts) and `npm run fuzz` (scripts/fuzz.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanWavLevels } from '../../src/core/audio/wav-levels.ts';
import { readWav } from '../../src/core/audio/wav-read.ts';
import { writeWav } from '../../src/core/audio/wav-write.ts';
import { isAleaError } from '../../src/core/errors.ts';
import { scanWavFile } from '../../src/cli/wav-file-levels.ts';
import { openWavFile } from '../../src/cli/wav-file-reader.ts';
import { readMidi } from '../../src/core/music/midi-io.ts';
import { decodeNoteSetAudio, noteSetNoteLength, parseNoteSetManifest } from '../../src/core/soundfont/note-set.ts';
import { projectFromJson, projectToJson } from '../../src/engine/project-json.ts';
import { createProject } from '../../src/engine/project.ts';
import { renderProjectOffline } from '../../src/engine/render-node.ts';
import { decodeModelFolderArrays, encodeModelFolderArrays, sha256Hex } from '../../src/ml/runtime/model-io.ts';
import { createBuiltinRegistry } from '../../src/plugins/builtin/builtin-registry.ts';
import { loadPreset } from '../../src/plugins/presets.ts';
import { decodeProjectFile, encodeProjectFile } from '../../src/app/lib/project-file.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface FuzzTarget {
  name: string;
  /** real files to mutate */
  seeds: () => Promise<Uint8Array[]>;
  /** inputs in the seeded CI run (default 150; rendering targets take fewer) */
  ciRuns?: number;
  /** the files are JSON: field-level mutations too */
  json?: boolean;
  /** must return, or throw an AleaError */
  parse: (bytes: Uint8Array) => unknown;
}

const text = new TextDecoder();
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

function filesIn(folder: string, extension: RegExp): Uint8Array[] {
  const dir = join(repoRoot, folder);
  return readdirSync(dir).filter((n) => extension.test(n)).sort().map((n) => new Uint8Array(readFileSync(join(dir, n))));
}

const registry = createBuiltinRegistry();

/** A small model folder, encoded as the saver writes it, whose files the model target mutates. */
async function tinyModelFiles(): Promise<Map<string, Uint8Array>> {
  const { files } = await encodeModelFolderArrays(
    {
      weights: { dense: { shape: [2, 3], values: new Float32Array([0.5, -1, 2, 0.25, 3, -0.75]) }, ids: { shape: [4], values: new Int32Array([1, 2, 3, 4]) } },
      config: { family: 'transformer', layers: 1 },
      card: { name: 'fuzz', family: 'transformer', description: 'fuzz seed', trainedOn: 'nothing', steps: 1, trainingTimeSeconds: 0, metrics: { valNll: 1 }, createdWith: 'fuzz' },
    },
    16,
  );
  return files;
}

/**
 * Model-folder input: byte 0 picks the file to replace (by sorted name) and the rest is its new
 * content; the card is re-signed for it, so the parser is reached past the integrity check.
 */
async function modelFolderFrom(bytes: Uint8Array, base: Map<string, Uint8Array>): Promise<Map<string, Uint8Array>> {
  const files = new Map(base);
  if (bytes.byteLength === 0) return files;
  const names = [...files.keys()].sort();
  const name = names[bytes[0] % names.length];
  const body = bytes.subarray(1);
  files.set(name, body);
  if (name !== 'card.json') {
    try {
      const card = JSON.parse(text.decode(files.get('card.json'))) as { files: Record<string, string> };
      card.files[name] = await sha256Hex(body);
      files.set('card.json', encode(JSON.stringify(card)));
    } catch {
      // a card that does not parse stays as it is
    }
  }
  return files;
}

let modelBase: Map<string, Uint8Array> | undefined;

/** Renders what a parser accepted, as `alea render` and the app's export would (capped at 10 min of audio). */
async function renderAccepted(project: Parameters<typeof renderProjectOffline>[0]): Promise<unknown> {
  return renderProjectOffline(project, { maxFrames: 44100 * 600 });
}

export const TARGETS: FuzzTarget[] = [
  {
    name: 'midi',
    // the good files twice: most mutations of a good file should still reach the event parser
    seeds: async () => [...filesIn('samples', /\.mid$/), ...filesIn('samples', /\.mid$/), ...filesIn('tests/fixtures/bad/midi', /\.mid$/)],
    parse: (bytes) => readMidi(bytes, 'fuzz.mid'),
  },
  {
    name: 'wav',
    seeds: async () => [...filesIn('tests/fixtures/good/wav', /\.wav$/), ...filesIn('tests/fixtures/bad/wav', /\.wav$/)],
    parse: (bytes) => [readWav(bytes, 'fuzz.wav'), scanWavLevels(bytes, 'fuzz.wav')],
  },
  {
    // the CLI's reads from disk block by block (alea info, remix, gain and every audio effect):
    // they must end like the whole read does, with the same samples when it accepts
    name: 'wav-file',
    seeds: async () => [...filesIn('tests/fixtures/good/wav', /\.wav$/), ...smallWavs(), ...filesIn('tests/fixtures/bad/wav', /\.wav$/)],
    parse: (bytes) => streamedLikeWhole(bytes),
  },
  {
    name: 'preset',
    json: true,
    seeds: async () => readdirSync(join(repoRoot, 'presets')).flatMap((id) => filesIn(join('presets', id), /\.json$/)),
    parse: (bytes) => {
      const json = text.decode(bytes);
      // The plugin named in the file, else each shipped plugin in turn: the file reaches one of them.
      const plugins = registry.list();
      const named = plugins.find((p) => json.includes(`"${p.descriptor.id}"`)) ?? plugins[bytes.byteLength % plugins.length];
      const parseData = named.parseData?.bind(named);
      return loadPreset(json, named.descriptor, 'fuzz.json', parseData);
    },
  },
  {
    name: 'project',
    json: true,
    seeds: async () => {
      const song = readMidi(new Uint8Array(readFileSync(join(repoRoot, 'samples/pop-8bar-melody.mid'))));
      return [encode(projectToJson(createProject(song)))];
    },
    parse: (bytes) => projectFromJson(text.decode(bytes)),
  },
  {
    // the workstation's .alea file: a JSON header, then raw audio (a clip and a built voice's zone)
    name: 'project-file',
    seeds: async () => {
      const song = readMidi(new Uint8Array(readFileSync(join(repoRoot, 'samples/pop-8bar-melody.mid'))));
      const base = createProject(song);
      const wave = Float32Array.from({ length: 400 }, (_, i) => Math.sin(i / 7));
      const project = { ...base, audioTracks: [{ name: 'take', clips: [{ source: 'clip-0', startSeconds: 0, offsetSeconds: 0, lengthSeconds: 0.05, gainDb: 0 }], chain: [], strip: base.tracks[0].strip }] };
      const voice = { kind: 'multisample' as const, sampleRate: 8000, attack: 0, release: 0.1, volume: 0, zones: [{ rootPitch: 60, loPitch: 0, hiPitch: 127, loVelocity: 1, hiVelocity: 127, channels: [wave] }] };
      const doc = { title: 'fuzz', provenance: null, project, pool: new Map([['clip-0', { sampleRate: 8000, channels: [wave, wave] }]]), voices: [{ plugin: 'latent-synth', params: {}, voice }] };
      return [encodeProjectFile(doc)];
    },
    parse: (bytes) => decodeProjectFile(bytes, 'fuzz.alea'),
  },
  {
    name: 'model-folder',
    seeds: async () => {
      modelBase ??= await tinyModelFiles();
      const names = [...modelBase.keys()].sort();
      return names.map((name, i) => Uint8Array.from([i, ...(modelBase?.get(name) ?? [])]));
    },
    parse: async (bytes) => {
      modelBase ??= await tinyModelFiles();
      const files = await modelFolderFrom(bytes, modelBase);
      return decodeModelFolderArrays(async (name) => files.get(name) ?? null);
    },
  },
  {
    name: 'midi-render',
    ciRuns: 30,
    seeds: async () => filesIn('samples', /\.mid$/),
    parse: async (bytes) => renderAccepted(createProject(readMidi(bytes, 'fuzz.mid'))),
  },
  {
    name: 'project-render',
    ciRuns: 30,
    json: true,
    seeds: async () => {
      const song = readMidi(new Uint8Array(readFileSync(join(repoRoot, 'samples/minuet-in-g.mid'))));
      return [encode(projectToJson(createProject(song)))];
    },
    parse: async (bytes) => renderAccepted(projectFromJson(text.decode(bytes))),
  },
  {
    name: 'note-set',
    json: true,
    seeds: async () => [encode(JSON.stringify(NOTE_SET_SEED))],
    parse: (bytes) => {
      const manifest = parseNoteSetManifest(text.decode(bytes), 'notes.json');
      // The audio file the manifest promises when that is small, else a short one: the declared
      // size is checked against the bytes present before anything is allocated from it.
      const expected = manifest.notes.length * noteSetNoteLength(manifest) * 2;
      const audio = new Uint8Array(expected <= 1 << 20 ? expected : 64);
      return decodeNoteSetAudio(audio, manifest, 'audio.pcm16');
    },
  },
];

const NOTE_SET_SEED = {
  format: 'alea-notes',
  version: 1,
  sampleRate: 16000,
  holdSeconds: 0.05,
  noteSeconds: 0.064,
  gain: 1,
  soundfont: { file: 'TimGM6mb.sf2', sha256: 'a'.repeat(64) },
  notes: [
    { program: 0, name: 'Piano', family: 'piano', pitch: 60, velocity: 100 },
    { program: 73, name: 'Flute', family: 'pipe', pitch: 72, velocity: 80 },
  ],
};

/** Plain WAVs of every sample format the CLI writes, with provenance chunks, a few hundred frames long. */
function smallWavs(): Uint8Array[] {
  const wave = (phase: number): Float32Array => Float32Array.from({ length: 300 }, (_, i) => 0.8 * Math.sin(i / 5 + phase));
  const provenance = { generator: 'Alea fuzz', seed: 1, params: { t: 0.5 } };
  return [
    writeWav({ sampleRate: 48000, channels: [wave(0), wave(1)] }, { bitDepth: 16, provenance }),
    writeWav({ sampleRate: 44100, channels: [wave(0)] }, { bitDepth: 24 }),
    writeWav({ sampleRate: 16000, channels: [wave(0), wave(2)] }, { bitDepth: '32f', provenance }),
  ];
}

let wavFileDir: string | undefined;

/**
 * Writes the bytes to a file and reads it as the CLI does (block by block, small blocks so block
 * edges are crossed; and the level scan of `alea info`). A streamed read that accepts a file the
 * whole read refuses, or reads other samples, is a finding (a plain Error, not an AleaError).
 */
async function streamedLikeWhole(bytes: Uint8Array): Promise<unknown> {
  wavFileDir ??= mkdtempSync(join(tmpdir(), 'alea-fuzz-wav-'));
  const path = join(wavFileDir, 'fuzz.wav');
  writeFileSync(path, bytes);
  let whole: Float32Array[] | undefined;
  try {
    whole = readWav(bytes, path).audio.channels;
  } catch (error) {
    if (!isAleaError(error)) throw error;
  }
  const streamed: Float32Array[][] = [];
  let source: Awaited<ReturnType<typeof openWavFile>> | undefined;
  try {
    source = await openWavFile(path);
    for await (const block of source.blocks(97)) streamed.push(block.map((c) => Float32Array.from(c)));
  } catch (error) {
    if (whole !== undefined && isAleaError(error)) throw new Error(`the streamed read refused a WAV the whole read accepts: ${error.message}`);
    throw error;
  } finally {
    await source?.close();
  }
  if (whole === undefined) throw new Error('the streamed read accepted a WAV the whole read refuses');
  const frames = streamed.reduce((n, block) => n + (block[0]?.length ?? 0), 0);
  if (source.channelCount !== whole.length || frames !== (whole[0]?.length ?? 0)) {
    throw new Error(`the streamed read found ${source.channelCount} channels × ${frames} frames, the whole read ${whole.length} × ${whole[0]?.length ?? 0}`);
  }
  let at = 0;
  for (const block of streamed) {
    block.forEach((channel, c) => {
      for (let i = 0; i < channel.length; i++) {
        if (!Object.is(channel[i], whole?.[c][at + i])) throw new Error(`the streamed read differs from the whole read at frame ${at + i}, channel ${c}`);
      }
    });
    at += block[0]?.length ?? 0;
  }
  return scanWavFile(path);
}
