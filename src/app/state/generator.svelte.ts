import type { Provenance } from '../../core/provenance.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import { noteCount, songEndTick } from '../../core/music/song.ts';
import type { Song } from '../../core/music/types.ts';
import { defaultParams, withParam } from '../../plugins/params.ts';
import type { ParamValue, ParamValues, PluginDescriptor } from '../../plugins/types.ts';
import { auditionStartTick, seedOf, splitVariation, type VariationNotes } from '../lib/continuation.ts';
import { errorToLine } from '../lib/error-line.ts';
import { listInstalledModels, type InstalledModel } from '../lib/model-cards.ts';
import { modelParam, pluginChoices } from '../lib/plugin-list.ts';
import { generateInWorker } from '../worker/plugin-requests.ts';
import { isAbortError } from '../worker/worker-client.ts';
import { AudioSeedSession } from './audio-seed.svelte.ts';
import { FineTuneSession } from './fine-tune.svelte.ts';
import { isUserModelRef, listUserModels, userModelStore } from '../lib/user-models.ts';
import { infillRefusal, loopBars, suggestModel, tickBars, type ModelFit } from './generator-words.ts';
import type { BackendStatus } from './backend-status.svelte.ts';
import type { VoiceMapping } from './variation-accept.ts';
import type { Workstation } from './workstation.svelte.ts';

export type AuditionFrom = 'seed-end' | 'start';

/** One variation a generator wrote (for Continue: the seed followed by new bars). */
export interface Variation {
  /** 1-based, as shown */
  number: number;
  song: Song;
  provenance: Provenance;
  notes: VariationNotes;
  /** where the continuation begins (the seed's next bar) */
  startTick: number;
}

/** The generator the panel opens with. */
export const DEFAULT_GENERATOR = 'continue';
/** The generator that rewrites bars i..j of the whole song (its variations are the whole song). */
export const INFILL_GENERATOR = 'infill';

/**
 * The generator panel (Continue by default): pick a MIDI generator from the registry, a seed
 * (the open song, or its first bars), a model and its params (controls built from the specs);
 * write variations in the ML worker; audition them in place of the song; accept one.
 */
export class GeneratorSession {
  open = $state(false);
  /** every MIDI generator the registry holds */
  readonly generators: PluginDescriptor[] = pluginChoices('midi-generator');
  /** the chosen generator's id */
  pluginId = $state(DEFAULT_GENERATOR);
  /** installed models the chosen generator runs; null until listed */
  models = $state.raw<InstalledModel[] | null>(null);
  params = $state.raw<ParamValues>({});
  /** seed with the first N bars only; 0 = the whole song */
  seedBars = $state(0);
  auditionFrom = $state<AuditionFrom>('seed-end');

  running = $state(false);
  fraction = $state(0);
  detail = $state('');
  problem = $state<string | null>(null);
  variations = $state.raw<Variation[]>([]);
  /** the seed the listed variations continue, and the song it was taken from */
  resultSeed = $state.raw<Song | null>(null);
  private resultSource = $state.raw<Song | null>(null);
  /** seconds the last generation took, model load included */
  lastSeconds = $state<number | null>(null);

  readonly descriptor: PluginDescriptor;
  /** false when the chosen generator needs no model */
  readonly needsModel: boolean;
  readonly seed: Song;
  readonly seedNotes: number;
  readonly songBars: number;
  readonly model: InstalledModel | null;
  /** the variation heard and shown in place of the song, if any */
  readonly previewed: Variation | null;
  readonly canGenerate: boolean;
  /** Infill: rewrites bars of the whole song, so the seed is the song and no first-bars cut applies */
  readonly infill: boolean;
  /** Continue from nothing: an empty song in the meter, tempo and key of the params */
  readonly fromNothing: boolean;
  /** why the chosen model cannot run the chosen generator (Infill on a continue-only model), in words */
  readonly modelRefusal: string | null;
  /** the installed model that fits the open song's parts, or why none does */
  readonly fit: ModelFit;
  /** the bars the loop region covers, when one is set */
  readonly loopSpan: [number, number] | null;
  /** the bars the clip selected in the arrangement covers, when a MIDI clip is selected */
  readonly clipSpan: [number, number] | null;
  /** the song has changed (another file, a tempo edit) since the listed variations were written */
  readonly stale: boolean;
  /** a WAV transcribed onto a new track as the seed */
  readonly audio: AudioSeedSession;
  /** fine-tuning the picked model on the user's own MIDI files */
  readonly fineTune: FineTuneSession;

  private readonly workstation: Workstation;
  private readonly backend: BackendStatus;
  private abort: AbortController | null = null;
  /** params per generator, so switching back keeps what was set */
  private readonly paramsByPlugin = new Map<string, ParamValues>();

  constructor(workstation: Workstation, backend: BackendStatus) {
    this.workstation = workstation;
    this.backend = backend;
    this.audio = new AudioSeedSession(workstation, backend, (index) => {
      this.seedBars = 0;
      if (this.descriptor.params.some((spec) => spec.id === 'track')) this.setParam('track', index);
    });
    this.fineTune = new FineTuneSession(
      { baseModel: () => this.model?.name ?? null, busy: () => this.running, refreshModels: (select) => this.refreshModels(select) },
      () => backend.worker,
    );
    const first = this.generators.find((d) => d.id === DEFAULT_GENERATOR) ?? this.generators[0];
    this.pluginId = first?.id ?? DEFAULT_GENERATOR;
    this.params = first === undefined ? {} : defaultParams(first.params);
    this.descriptor = $derived(this.generators.find((d) => d.id === this.pluginId) ?? this.generators[0]);
    this.needsModel = $derived(modelParam(this.descriptor) !== undefined);
    this.infill = $derived(this.pluginId === INFILL_GENERATOR);
    this.fromNothing = $derived(this.params.fromNothing === true);
    this.seed = $derived(
      this.fromNothing ? { ...workstation.song, tracks: [] } : seedOf(workstation.song, this.infill ? 0 : this.seedBars),
    );
    this.seedNotes = $derived(noteCount(this.seed));
    this.songBars = $derived(TempoMap.fromSong(workstation.song).barCount(songEndTick(workstation.song)));
    this.model = $derived(this.models?.find((m) => m.name === this.params[modelParam(this.descriptor)?.id ?? 'model']) ?? null);
    this.previewed = $derived(this.variations.find((v) => v.song === workstation.preview?.song) ?? null);
    this.modelRefusal = $derived(this.infill ? infillRefusal(this.model) : null);
    this.fit = $derived(suggestModel(workstation.song, this.models ?? []));
    this.loopSpan = $derived(loopBars(workstation.song, workstation.transport.loopStart, workstation.transport.loopEnd));
    this.clipSpan = $derived.by(() => {
      const ref = workstation.selection.clip;
      const clip = ref === null ? undefined : workstation.tracks.find((t) => t.id === ref.trackId && t.midi !== null)?.clips[ref.index];
      return clip === undefined ? null : tickBars(workstation.song, clip.startTick, clip.endTick);
    });
    this.canGenerate = $derived(
      !this.running &&
        !this.audio.busy &&
        !this.fineTune.running &&
        (this.model !== null || !this.needsModel) &&
        this.modelRefusal === null &&
        (this.seedNotes > 0 || this.fromNothing),
    );
    this.stale = $derived(
      this.variations.length > 0 && workstation.song !== this.resultSource && !this.variations.some((v) => v.song === workstation.song),
    );
  }

  /** Opens the panel and lists the models installed now (models/index.json, rewritten as models finish training). */
  async show(): Promise<void> {
    this.open = true;
    await this.listModels();
  }

  /** Infill's bars from the loop region (the arrangement's ruler) or the selected clip. */
  useSpan(span: [number, number] | null): void {
    if (span === null) return;
    this.setParam('fromBar', span[0]);
    this.setParam('toBar', span[1]);
  }

  /** Picks the model that fits the song, when one is installed. */
  useFittingModel(): void {
    const spec = modelParam(this.descriptor);
    if (spec !== undefined && this.fit.model !== null) this.setParam(spec.id, this.fit.model);
  }

  /** Switches to another generator of the registry; its params are as last left. */
  async choose(pluginId: string): Promise<void> {
    const descriptor = this.generators.find((d) => d.id === pluginId);
    if (descriptor === undefined || this.running) return;
    this.paramsByPlugin.set(this.pluginId, this.params);
    this.pluginId = pluginId;
    this.params = this.paramsByPlugin.get(pluginId) ?? defaultParams(descriptor.params);
    this.problem = null;
    await this.listModels();
  }

  private async listModels(): Promise<void> {
    const spec = modelParam(this.descriptor);
    if (spec === undefined) {
      this.models = [];
      return;
    }
    try {
      // the shipped models, then the user's own (fine-tuned in this browser)
      const models = [...(await listInstalledModels(this.pluginId)), ...(await listUserModels(this.pluginId))];
      this.models = models;
      if (!models.some((m) => m.name === this.params[spec.id]) && models.length > 0) this.setParam(spec.id, models[0].name);
    } catch (error) {
      this.models = [];
      this.problem = errorToLine(error);
    }
  }

  /** Lists the models again (one was saved or deleted) and picks `select` when it is listed. */
  async refreshModels(select?: string): Promise<void> {
    await this.listModels();
    const spec = modelParam(this.descriptor);
    if (select !== undefined && spec !== undefined && this.models?.some((m) => m.name === select)) this.setParam(spec.id, select);
  }

  /** Deletes one of the user's models from this browser's storage. */
  async deleteUserModel(ref: string): Promise<void> {
    if (!isUserModelRef(ref) || this.running || this.fineTune.running) return;
    try {
      await (await userModelStore()).delete(ref);
    } catch (error) {
      this.problem = errorToLine(error);
    }
    await this.listModels();
  }

  async hide(): Promise<void> {
    this.open = false;
    this.cancel();
    await this.stopAudition();
  }

  async toggle(): Promise<void> {
    await (this.open ? this.hide() : this.show());
  }

  setParam(id: string, value: ParamValue): void {
    try {
      this.params = withParam(this.params, this.descriptor.params, id, value);
    } catch (error) {
      this.problem = errorToLine(error);
    }
  }

  async generate(): Promise<void> {
    if (!this.canGenerate) return;
    const source = this.workstation.song;
    const seed = this.seed;
    // A track chosen for an earlier song may not exist in this one: let the plugin choose then.
    const params = 'track' in this.params && Number(this.params.track) >= seed.tracks.length ? { ...this.params, track: -1 } : this.params;
    this.problem = null;
    this.running = true;
    this.fraction = 0;
    this.detail = 'Starting';
    this.abort = new AbortController();
    const started = performance.now();
    try {
      await this.stopAudition();
      const worker = await this.backend.worker;
      const results = await generateInWorker(worker, this.pluginId, seed, params, {
        signal: this.abort.signal,
        onProgress: (p) => {
          this.fraction = p.fraction;
          if (p.detail !== undefined) this.detail = p.detail;
        },
      });
      this.lastSeconds = (performance.now() - started) / 1000;
      this.resultSeed = seed;
      this.resultSource = source;
      this.variations = results.map((result, i) => ({
        number: i + 1,
        song: result.song,
        provenance: this.audio.mark(result.provenance, seed, params),
        notes: splitVariation(seed, result.song),
        startTick: result.startTick,
      }));
    } catch (error) {
      if (!isAbortError(error)) this.problem = errorToLine(error);
    } finally {
      this.running = false;
      this.abort = null;
    }
  }

  cancel(): void {
    this.abort?.abort();
    this.audio.cancel();
  }

  /** Shows a variation in the piano roll (and makes it what plays) without changing the song. */
  async select(variation: Variation): Promise<void> {
    if (this.previewed === variation) return;
    try {
      await this.workstation.startPreview(variation.song, variation.notes, variation.startTick);
    } catch (error) {
      this.problem = errorToLine(error);
    }
  }

  /** Plays a variation from the seed's last bar (to hear the join) or from the start. */
  async audition(variation: Variation): Promise<void> {
    await this.select(variation);
    const { transport, tempoMap } = this.workstation;
    const from = this.auditionTick(variation);
    transport.seek(tempoMap.tickToSeconds(from));
    await transport.play();
  }

  /** Continue plays from the seed's last bar; Infill from the bar before the rewritten ones; from nothing, the start. */
  private auditionTick(variation: Variation): number {
    if (this.resultSeed === null || this.auditionFrom === 'start' || noteCount(this.resultSeed) === 0) return 0;
    if (!variation.provenance.generator.endsWith(INFILL_GENERATOR)) return auditionStartTick(this.resultSeed, this.auditionFrom);
    const map = TempoMap.fromSong(variation.song);
    return map.barStartTick(Math.max(0, map.barIndexAt(variation.startTick) - 1));
  }

  async stopAudition(): Promise<void> {
    await this.workstation.endPreview();
  }

  /** Makes the variation the project's song (Undo takes it back); `voices` puts a chorale's voices on tracks of their own. */
  async accept(variation: Variation, voices?: VoiceMapping): Promise<void> {
    try {
      await this.workstation.acceptSong(variation.song, variation.provenance, `Accept variation ${variation.number}`, voices);
      this.workstation.messages.info(`Accepted variation ${variation.number}: ${variation.notes.addedCount} new notes. Undo with Ctrl+Z.`);
    } catch (error) {
      this.problem = errorToLine(error);
    }
  }

  dispose(): void {
    this.cancel();
    this.fineTune.cancel();
  }
}
