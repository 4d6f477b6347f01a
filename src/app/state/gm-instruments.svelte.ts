/**
 * Instruments chosen per track (the track head's picker) and the GM instruments an imported MIDI
 * gets: each track's own program, drums on channel 10 the GM kit. GM voices are rendered from the
 * SoundFont in the ML worker (~0.7 s a track, off the main thread); the track plays its built-in
 * default until its voice arrives.
 */
import { gmInstrumentFor } from '../../plugins/builtin/gm-soundfont/gm-instrument.ts';
import { createBuiltinRegistry } from '../../plugins/builtin/builtin-registry.ts';
import { validateParams } from '../../plugins/params.ts';
import { isInstrument, type ParamValues } from '../../plugins/types.ts';
import { voiceKey } from '../lib/built-voices.ts';
import { choiceName, instrumentOfChoice } from '../lib/instrument-choices.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import { createVoiceInWorker } from '../worker/plugin-requests.ts';
import type { BackendStatus } from './backend-status.svelte.ts';
import type { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

const registry = createBuiltinRegistry();

export class TrackInstruments {
  /** tracks whose voice is being built, by id (the picker says so) */
  building = $state.raw<ReadonlySet<number>>(new Set());
  private readonly built = new Map<string, Promise<BuiltVoice>>();
  /** the latest request per track: a voice that arrives after a newer choice is dropped */
  private readonly latest = new Map<number, number>();
  private requests = 0;
  /** voices being built or assigned now, for settled() */
  private readonly pending = new Set<Promise<void>>();

  /**
   * @param rowsShown settles once an opened file's track rows are on screen: the voices' rendering
   * (a core of CPU for a second or more) starts after that, not while the rows mount and lay out
   */
  constructor(
    private readonly workstation: Workstation,
    private readonly backend: BackendStatus,
    private readonly rowsShown: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Settles once every voice asked for so far (and any asked for meanwhile) is on its track or has failed. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Gives every MIDI track that has no chosen instrument its GM program's SoundFont instrument. */
  assignGm(): Promise<void> {
    return this.track(this.assignEach());
  }

  private async assignEach(): Promise<void> {
    await this.rowsShown();
    const rows = this.workstation.tracks.filter((t) => t.midi !== null && !this.workstation.trackInstruments.has(t.id));
    for (const row of rows) {
      const midi = row.midi;
      if (midi === null) continue;
      const { plugin, params } = gmInstrumentFor(midi);
      await this.put(row, plugin, params);
    }
  }

  /** Plays `row` with the picker's choice: one undoable step, once its voice is built. */
  async choose(row: TrackState, choice: string): Promise<void> {
    const label = `${row.name} instrument: ${choiceName(choice)}`;
    const instrument = instrumentOfChoice(choice);
    if (instrument === null) {
      this.latest.set(row.id, ++this.requests); // a voice still being built for the row gives way
      await this.workstation.setTrackInstrument(row, null, label).catch((error: unknown) => this.workstation.messages.error(error));
      return;
    }
    await this.put(row, instrument.plugin, instrument.params, label);
  }

  /**
   * Builds `plugin` with `rawParams` in the ML worker and puts it on the row (the plugin rack's
   * instrument slot uses it too): an undoable step named `label` when given (the user chose it),
   * joining the last step with the same `mergeKey`.
   */
  put(row: TrackState, plugin: string, rawParams: ParamValues, label?: string, mergeKey?: string): Promise<void> {
    return this.track(this.build(row, plugin, rawParams, label, mergeKey));
  }

  private track(work: Promise<void>): Promise<void> {
    this.pending.add(work);
    const done = (): void => void this.pending.delete(work);
    work.then(done, done);
    return work;
  }

  private async build(row: TrackState, plugin: string, rawParams: ParamValues, label?: string, mergeKey?: string): Promise<void> {
    const request = ++this.requests;
    this.latest.set(row.id, request);
    this.building = new Set([...this.building, row.id]);
    try {
      const built = await this.voiceOf(plugin, rawParams);
      // the row may have gone (deleted, another file opened), or been given another instrument, meanwhile
      const current = this.workstation.tracks.find((t) => t.id === row.id);
      if (current !== undefined && this.latest.get(row.id) === request) await this.workstation.setTrackInstrument(current, built, label, mergeKey);
    } catch (error) {
      // a worker crash is on the banner already, with what it leaves intact: keep that line
      if (!this.backend.told(error)) this.workstation.messages.error(error);
    } finally {
      if (this.latest.get(row.id) === request) {
        const next = new Set(this.building);
        next.delete(row.id);
        this.building = next;
      }
    }
  }

  /** One voice per plugin and params: two flutes share their samples. */
  private voiceOf(plugin: string, rawParams: ParamValues): Promise<BuiltVoice> {
    const instrument = registry.get(plugin);
    if (!isInstrument(instrument)) return Promise.reject(new Error(`'${plugin}' is not an instrument`));
    const params = validateParams(rawParams, instrument.descriptor.params);
    const key = voiceKey(plugin, params, undefined);
    let pending = this.built.get(key);
    if (pending === undefined) {
      // sample sets are rendered in the ML worker; a synth's or the Sampler's voice is a few settings
      const voice = plugin === 'gm-soundfont' ? this.backend.worker.then((w) => createVoiceInWorker(w, plugin, params)) : instrument.createVoice(params);
      pending = voice.then((v) => ({ plugin, params, voice: v }));
      this.built.set(key, pending);
      pending.catch(() => this.built.delete(key));
    }
    return pending;
  }
}
