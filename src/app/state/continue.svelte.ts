import type { Provenance } from '../../core/provenance.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import { noteCount, songEndTick } from '../../core/music/song.ts';
import type { Song } from '../../core/music/types.ts';
import { defaultParams, withParam } from '../../plugins/params.ts';
import { CONTINUE_MODELS, continueDescriptor } from '../../plugins/builtin/continue/descriptor.ts';
import type { ParamValue, ParamValues } from '../../plugins/types.ts';
import { auditionStartTick, seedOf, splitVariation, type VariationNotes } from '../lib/continuation.ts';
import { errorToLine } from '../lib/error-line.ts';
import { listInstalledModels, type InstalledModel } from '../lib/model-cards.ts';
import { isAbortError } from '../worker/worker-client.ts';
import type { BackendStatus } from './backend-status.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

export type AuditionFrom = 'seed-end' | 'start';

/** One continuation Continue wrote: the seed followed by new bars. */
export interface Variation {
  /** 1-based, as shown */
  number: number;
  song: Song;
  provenance: Provenance;
  notes: VariationNotes;
  /** where the continuation begins (the seed's next bar) */
  startTick: number;
}

/**
 * The Continue panel: choose a seed (the open song, or its first bars), a model and how to
 * sample; write variations in the ML worker; audition them in place of the song; accept one.
 */
export class ContinueSession {
  open = $state(false);
  /** installed model folders; null until listed */
  models = $state.raw<InstalledModel[] | null>(null);
  params = $state.raw<ParamValues>(defaultParams(continueDescriptor.params));
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

  readonly seed: Song;
  readonly seedNotes: number;
  readonly songBars: number;
  readonly model: InstalledModel | null;
  /** the variation heard and shown in place of the song, if any */
  readonly previewed: Variation | null;
  readonly canGenerate: boolean;
  /** the song has changed (another file, a tempo edit) since the listed variations were written */
  readonly stale: boolean;

  private readonly workstation: Workstation;
  private readonly backend: BackendStatus;
  private abort: AbortController | null = null;

  constructor(workstation: Workstation, backend: BackendStatus) {
    this.workstation = workstation;
    this.backend = backend;
    this.seed = $derived(seedOf(workstation.song, this.seedBars));
    this.seedNotes = $derived(noteCount(this.seed));
    this.songBars = $derived(TempoMap.fromSong(workstation.song).barCount(songEndTick(workstation.song)));
    this.model = $derived(this.models?.find((m) => m.name === this.params.model) ?? null);
    this.previewed = $derived(this.variations.find((v) => v.song === workstation.preview?.song) ?? null);
    this.canGenerate = $derived(!this.running && this.model !== null && this.seedNotes > 0);
    this.stale = $derived(
      this.variations.length > 0 && workstation.song !== this.resultSource && !this.variations.some((v) => v.song === workstation.song),
    );
  }

  /** Opens the panel and lists the models installed now (folders appear as models finish training). */
  async show(): Promise<void> {
    this.open = true;
    const models = await listInstalledModels(CONTINUE_MODELS);
    this.models = models;
    if (!models.some((m) => m.name === this.params.model) && models.length > 0) this.setParam('model', models[0].name);
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
      this.params = withParam(this.params, continueDescriptor.params, id, value);
    } catch (error) {
      this.problem = errorToLine(error);
    }
  }

  async generate(): Promise<void> {
    if (!this.canGenerate) return;
    const source = this.workstation.song;
    const seed = this.seed;
    // A track chosen for an earlier song may not exist in this one: let the model choose then.
    const params = Number(this.params.track) < seed.tracks.length ? this.params : { ...this.params, track: -1 };
    this.problem = null;
    this.running = true;
    this.fraction = 0;
    this.detail = 'Starting';
    this.abort = new AbortController();
    const started = performance.now();
    try {
      await this.stopAudition();
      const worker = await this.backend.worker;
      const result = await worker.request('continue', { song: seed, params }, {
        signal: this.abort.signal,
        onProgress: (p) => {
          this.fraction = p.fraction;
          if (p.detail !== undefined) this.detail = p.detail;
        },
      });
      this.lastSeconds = (performance.now() - started) / 1000;
      this.resultSeed = seed;
      this.resultSource = source;
      this.variations = result.variations.map((song, i) => ({
        number: i + 1,
        song,
        provenance: result.provenance[i] ?? { generator: 'Alea continue' },
        notes: splitVariation(seed, song),
        startTick: result.continuationStartTick,
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
    const from = this.resultSeed === null ? 0 : auditionStartTick(this.resultSeed, this.auditionFrom);
    transport.seek(tempoMap.tickToSeconds(from));
    await transport.play();
  }

  async stopAudition(): Promise<void> {
    await this.workstation.endPreview();
  }

  /** Makes the variation the project's song (Undo takes it back). */
  async accept(variation: Variation): Promise<void> {
    try {
      await this.workstation.acceptSong(variation.song, variation.provenance, `Accept variation ${variation.number}`);
      this.workstation.messages.info(`Accepted variation ${variation.number}: ${variation.notes.addedCount} new notes. Undo with Ctrl+Z.`);
    } catch (error) {
      this.problem = errorToLine(error);
    }
  }

  dispose(): void {
    this.cancel();
  }
}
