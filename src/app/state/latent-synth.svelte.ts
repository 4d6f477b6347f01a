import type { AudioData } from '../../core/audio/audio-data.ts';
import { writeWav } from '../../core/audio/index.ts';
import { ALEA_VERSION } from '../../core/provenance.ts';
import { sha256Hex } from '../../ml/runtime/sha256.ts';
import { LATENT_FLOW_FAMILY, LATENT_SYNTH_FAMILY, latentSynthDescriptor } from '../../plugins/builtin/latent-synth/descriptor.ts';
import { LATENT_MAP_FILE, parseLatentMap, type LatentMap } from '../../plugins/builtin/latent-synth/latent-map.ts';
import { latentSynthPlugin, latentSynthSettings } from '../../plugins/builtin/latent-synth/plugin.ts';
import { latentPoint, parseLatentSynthData, type LatentSynthData } from '../../plugins/builtin/latent-synth/sound-data.ts';
import type { Typicality } from '../../plugins/builtin/latent-synth/timbre-models.ts';
import { defaultParams, withParam } from '../../plugins/params.ts';
import { loadPreset, presetToJson } from '../../plugins/presets.ts';
import type { InstrumentVoice, ParamValue, ParamValues } from '../../plugins/types.ts';
import { voiceKey } from '../lib/built-voices.ts';
import { baseName, downloadBytes } from '../lib/download.ts';
import { errorToLine } from '../lib/error-line.ts';
import { readWav } from '../lib/io.ts';
import { listInstalledModels } from '../lib/model-cards.ts';
import type { LatentJob, ScoredSound } from '../worker/protocol.ts';
import { createVoiceInWorker } from '../worker/plugin-requests.ts';
import { isAbortError } from '../worker/worker-client.ts';
import type { BackendStatus } from './backend-status.svelte.ts';
import type { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

export const MAX_SOUNDS = 4;
const PLUGIN = latentSynthDescriptor.id;

/**
 * The Latent Synth panel: two or four sounds (dropped WAVs, Alea's samples, or drawn from the
 * flow) encoded in the ML worker, a point between them, the voice built there, heard from the
 * audition button, the computer keyboard and a MIDI track; presets and a WAV of the sound.
 */
export class LatentSynthSession {
  open = $state(false);
  /** installed timbre VAEs (models/index.json); null until listed */
  models = $state.raw<string[] | null>(null);
  /** installed flow priors (models/index.json) */
  flows = $state.raw<string[]>([]);
  params = $state.raw<ParamValues>(defaultParams(latentSynthDescriptor.params));
  sounds = $state.raw<ScoredSound[]>([]);
  /** how typical the pad's point is, scored when the point stops moving */
  pointTypicality = $state.raw<Typicality | null>(null);
  flowNote = $state<string | null>(null);
  map = $state.raw<LatentMap | null>(null);

  busy = $state(false);
  fraction = $state(0);
  detail = $state('');
  problem = $state<string | null>(null);
  /** the voice last built, and the params + sounds it was built from */
  voice = $state.raw<InstrumentVoice | null>(null);
  private builtKey = $state<string | null>(null);
  private surprises = 0;

  /** the sounds as the plugin keeps them (canonical JSON), null unless 1, 2 or 4 */
  readonly data: LatentSynthData | null;
  readonly point: Float32Array | null;
  /** the built voice is for what is set now */
  readonly voiceFresh: boolean;
  readonly canBuild: boolean;

  private abort: AbortController | null = null;
  private readonly workstation: Workstation;
  private readonly backend: BackendStatus;

  constructor(workstation: Workstation, backend: BackendStatus) {
    this.workstation = workstation;
    this.backend = backend;
    this.data = $derived(soundData(this.sounds));
    this.point = $derived(this.data === null ? null : pointOf(this.data, this.params));
    this.voiceFresh = $derived(this.voice !== null && this.builtKey === this.currentKey());
    this.canBuild = $derived(!this.busy && this.data !== null && this.models !== null && this.models.length > 0);
  }

  get model(): string {
    return String(this.params.model);
  }

  /** the flow the params name, when it is installed */
  get flow(): string | null {
    const flow = String(this.params.flow);
    return this.flows.includes(flow) ? flow : null;
  }

  async show(): Promise<void> {
    this.open = true;
    if (this.models !== null) return;
    try {
      const listed = (await listInstalledModels(PLUGIN)).filter((m) => m.family === LATENT_SYNTH_FAMILY).map((m) => m.name);
      this.models = listed.length > 0 ? listed : [];
      this.flows = (await listInstalledModels(PLUGIN)).filter((m) => m.family === LATENT_FLOW_FAMILY).map((m) => m.name);
      if (this.flows.length > 0 && this.flow === null) this.setParam('flow', this.flows[0]);
      if (listed.length > 0 && !listed.includes(this.model)) this.setParam('model', listed[0]);
      else await this.loadMap();
    } catch (error) {
      this.models = [];
      this.problem = errorToLine(error);
    }
  }

  hide(): void {
    this.open = false;
    this.cancel();
  }

  async toggle(): Promise<void> {
    if (this.open) this.hide();
    else await this.show();
  }

  setParam(id: string, value: ParamValue): void {
    const model = this.model;
    try {
      this.params = withParam(this.params, latentSynthDescriptor.params, id, value);
    } catch (error) {
      this.problem = errorToLine(error);
    }
    if (this.model === model) return;
    // latents belong to the model that encoded them: another model starts from no sounds
    this.sounds = [];
    this.pointTypicality = null;
    this.loadMap().catch((error: unknown) => (this.problem = errorToLine(error)));
  }

  /** WAV files (dropped or picked): each becomes a sound, up to four. */
  async addFiles(files: readonly File[]): Promise<void> {
    await this.guard(async () => {
      const picked = files.slice(0, Math.max(1, MAX_SOUNDS - this.sounds.length));
      const decoded = await Promise.all(picked.map(async (f) => ({ name: baseName(f.name), audio: readWav(new Uint8Array(await f.arrayBuffer()), f.name).audio })));
      await this.encodeNow(decoded);
    });
  }

  /** One of Alea's samples (samples/*.wav) as a sound. */
  async addSample(url: string, fileName: string): Promise<void> {
    await this.guard(async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${fileName}: could not load the sample (HTTP ${response.status})`);
      const { audio } = readWav(new Uint8Array(await response.arrayBuffer()), fileName);
      await this.encodeNow([{ name: baseName(fileName), audio }]);
    });
  }

  removeSound(index: number): void {
    this.sounds = this.sounds.filter((_, i) => i !== index);
    this.pointTypicality = null;
  }

  /** Draws a new sound from the flow prior; it replaces the last one when four are there. */
  async surprise(): Promise<void> {
    const seed = ++this.surprises;
    await this.guard(async () => {
      const [drawn] = await this.latentJob({ kind: 'sample', seed, temperature: 0.8 }, 'Drawing a sound');
      const kept = this.sounds.length >= MAX_SOUNDS ? this.sounds.slice(0, MAX_SOUNDS - 1) : this.sounds;
      this.sounds = [...kept, drawn];
    });
  }

  /** Scores the pad's point (call when it stops moving). */
  async scorePoint(): Promise<void> {
    const point = this.point;
    if (point === null || this.flow === null || this.busy) return;
    try {
      const [scored] = await this.latentJob({ kind: 'score', latents: [Array.from(point)] });
      this.pointTypicality = scored?.typicality ?? null;
    } catch (error) {
      if (!isAbortError(error)) this.problem = errorToLine(error);
    }
  }

  /** Builds the voice in the ML worker (progress shown; `cancel` stops it there). */
  async build(): Promise<InstrumentVoice | null> {
    const data = this.data;
    if (!this.canBuild || data === null) return null;
    const key = this.currentKey();
    const params = this.params;
    let voice: InstrumentVoice | null = null;
    await this.guard(async () => {
      const worker = await this.backend.worker;
      voice = await createVoiceInWorker(worker, PLUGIN, params, this.requestOptions('Building the voice'), data);
      this.voice = voice;
      this.builtKey = key;
      this.workstation.setKeysVoice(voice);
    });
    return voice;
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** Plays one note of the voice (built first if what is set has changed). */
  async audition(pitch = 60, velocity = 0.8): Promise<void> {
    if (!this.voiceFresh && (await this.build()) === null) return;
    this.workstation.strike(pitch, velocity, Number(this.params.noteSeconds));
  }

  /** Plays a MIDI track with the voice (built first if needed). */
  async playOnTrack(track: TrackState): Promise<void> {
    const data = this.data;
    if (data === null) return;
    if (!this.voiceFresh && (await this.build()) === null) return;
    const voice = this.voice;
    if (voice === null) return;
    await this.guard(async () => {
      await this.workstation.setTrackInstrument(track, { plugin: PLUGIN, params: this.params, data, voice }, `${track.name} instrument: Latent Synth`);
      this.workstation.messages.info(`${track.name} now plays Latent Synth`);
    });
  }

  /** Downloads the point as a preset (params + sounds). */
  savePreset(): void {
    if (this.data === null) return;
    const name = this.sounds.map((s) => s.sound.name).join('-to-').replace(/[^\w-]+/g, '-').slice(0, 60) || 'latent-synth';
    downloadBytes(new TextEncoder().encode(presetToJson(latentSynthDescriptor, this.params, this.data)), `${name}.json`, 'application/json');
  }

  /** Opens a preset file: its params and sounds (scored again by the flow). */
  async openPreset(file: File): Promise<void> {
    await this.guard(async () => {
      const preset = loadPreset(await file.text(), latentSynthDescriptor, file.name, latentSynthPlugin.parseData);
      const data = parseLatentSynthData(preset.data ?? { sounds: [] });
      this.params = preset.params;
      const scored = await this.latentJob({ kind: 'score', latents: data.sounds.map((s) => s.latent) });
      this.sounds = data.sounds.map((sound, i) => ({ sound, warnings: [], typicality: scored[i]?.typicality ?? null }));
    });
  }

  /** Downloads the voice's note nearest middle C at full strength as a WAV. */
  async exportWav(): Promise<void> {
    if (!this.voiceFresh && (await this.build()) === null) return;
    const voice = this.voice;
    if (voice === null || voice.kind !== 'multisample') return;
    const zone = voice.zones.filter((z) => z.hiVelocity === 127).reduce((best, z) => (Math.abs(z.rootPitch - 60) < Math.abs(best.rootPitch - 60) ? z : best));
    const audio: AudioData = { sampleRate: voice.sampleRate, channels: zone.channels };
    const params: Record<string, string | number | boolean> = { ...this.params, sounds: this.sounds.map((s) => s.sound.name).join(' + '), pitch: zone.rootPitch };
    const bytes = writeWav(audio, { bitDepth: 16, provenance: { generator: `Alea ${ALEA_VERSION} latent-synth`, params, seed: Number(this.params.seed) } });
    downloadBytes(bytes, `latent-synth-${zone.rootPitch}.wav`, 'audio/wav');
    this.workstation.messages.info(`Exported latent-synth-${zone.rootPitch}.wav`);
  }

  dispose(): void {
    this.cancel();
  }

  private currentKey(): string | null {
    return this.data === null ? null : voiceKey(PLUGIN, this.params, this.data);
  }

  private async encodeNow(sounds: { name: string; audio: AudioData }[]): Promise<void> {
    if (sounds.length === 0) return;
    const room = MAX_SOUNDS - this.sounds.length;
    if (room <= 0) throw new Error('Latent Synth holds four sounds: remove one first');
    const encoded = await this.latentJob({ kind: 'encode', sounds: sounds.slice(0, room) }, 'Encoding');
    this.sounds = [...this.sounds, ...encoded];
  }

  private async latentJob(job: LatentJob, detail?: string): Promise<ScoredSound[]> {
    const worker = await this.backend.worker;
    const reply = await worker.request('latent', { model: this.model, flow: this.flow, job }, detail === undefined ? {} : this.requestOptions(detail));
    this.flowNote = reply.flowNote;
    return reply.sounds;
  }

  private requestOptions(detail: string): { signal: AbortSignal; onProgress: (p: { fraction: number; detail?: string }) => void } {
    this.fraction = 0;
    this.detail = detail;
    this.abort = new AbortController();
    return {
      signal: this.abort.signal,
      onProgress: (p) => {
        this.fraction = p.fraction;
        if (p.detail !== undefined) this.detail = p.detail;
      },
    };
  }

  /** Runs one piece of work at a time; a failure is one line in the panel, a cancel none. */
  private async guard(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.problem = null;
    try {
      await work();
    } catch (error) {
      if (!isAbortError(error)) this.problem = errorToLine(error);
    } finally {
      this.busy = false;
      this.abort = null;
    }
  }

  /** The model's map of training sounds, when its card lists one (checked against the card's sha256). */
  private async loadMap(): Promise<void> {
    this.map = null;
    const folder = `/models/${encodeURIComponent(this.model)}/`;
    const card = await fetch(`${folder}card.json`);
    const listed: unknown = card.ok ? await card.json() : null;
    const hash = isRecord(listed) && isRecord(listed.files) ? listed.files[LATENT_MAP_FILE] : undefined;
    if (typeof hash !== 'string') return;
    const bytes = new Uint8Array(await (await fetch(`${folder}${LATENT_MAP_FILE}`)).arrayBuffer());
    const where = `models/${this.model}/${LATENT_MAP_FILE}`;
    if ((await sha256Hex(bytes)) !== hash) throw new Error(`${where} does not match the sha256 in its card`);
    this.map = parseLatentMap(new TextDecoder().decode(bytes), where);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function soundData(sounds: readonly ScoredSound[]): LatentSynthData | null {
  if (![1, 2, 4].includes(sounds.length)) return null;
  try {
    return parseLatentSynthData(latentSynthPlugin.parseData?.({ sounds: sounds.map((s) => s.sound) }));
  } catch {
    return null;
  }
}

function pointOf(data: LatentSynthData, params: ParamValues): Float32Array | null {
  const s = latentSynthSettings(params);
  return latentPoint(data, s.x, s.y, s.path);
}
