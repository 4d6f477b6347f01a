import { DEFAULT_REMIX_MODEL, REMIX_FAMILY, remixDescriptor } from '../../plugins/builtin/remix/descriptor.ts';
import { remixSettings } from '../../plugins/builtin/remix/plugin.ts';
import { defaultParams, withParam } from '../../plugins/params.ts';
import type { ParamValue, ParamValues } from '../../plugins/types.ts';
import { errorToLine } from '../lib/error-line.ts';
import { listInstalledModels } from '../lib/model-cards.ts';
import { processAudioInWorker } from '../worker/plugin-requests.ts';
import { isAbortError } from '../worker/worker-client.ts';
import type { ClipBlend } from '../lib/engine-port.ts';
import type { BackendStatus } from './backend-status.svelte.ts';
import type { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

const PLUGIN = remixDescriptor.id;

/**
 * The Remix panel: an audio track, a style, strength and range; the style GAN runs in the ML
 * worker (progress, cancel) at full strength and the remix lands on a new audio track beside the
 * original, mixed live with the audio it was made from: Strength and A/B then change what plays
 * (and what export renders) while the track plays, with no model run. Undo takes the track away
 * and leaves the original as it was.
 */
export class RemixSession {
  open = $state(false);
  /** installed style GANs (models/index.json); null until listed */
  models = $state.raw<string[] | null>(null);
  params = $state.raw<ParamValues>(defaultParams(remixDescriptor.params));
  /** id of the audio track to remix */
  sourceId = $state<number | null>(null);
  busy = $state(false);
  fraction = $state(0);
  problem = $state<string | null>(null);
  /** id of the Remix row whose mix Strength and A/B move (the latest remix unless another is picked) */
  mixId = $state<number | null>(null);

  private abort: AbortController | null = null;
  private readonly workstation: Workstation;
  private readonly backend: BackendStatus;

  constructor(workstation: Workstation, backend: BackendStatus) {
    this.workstation = workstation;
    this.backend = backend;
  }

  /** the audio tracks a remix can start from */
  get sources(): TrackState[] {
    return this.workstation.tracks.filter((t) => t.audio !== null);
  }

  get source(): TrackState | null {
    const sources = this.sources;
    return sources.find((t) => t.id === this.sourceId) ?? sources[0] ?? null;
  }

  /** the Remix rows: audio tracks mixed live with their original */
  get mixRows(): TrackState[] {
    const blends = this.workstation.trackBlends;
    return this.workstation.tracks.filter((t) => blends.has(t.id));
  }

  /** the Remix row Strength and A/B act on, null before a remix */
  get mixTrack(): TrackState | null {
    const rows = this.mixRows;
    return rows.find((t) => t.id === this.mixId) ?? rows.at(-1) ?? null;
  }

  /** that row's mix now */
  get mix(): ClipBlend | null {
    const track = this.mixTrack;
    return track === null ? null : (this.workstation.trackBlends.get(track.id) ?? null);
  }

  /** Strength: the remix's share in the mix heard now, and what the next remix starts with. */
  async setStrength(value: number): Promise<void> {
    this.setParam('strength', value);
    const track = this.mixTrack;
    if (track !== null) await this.workstation.setBlend(track, { amount: Number(this.params.strength) });
  }

  /** A/B: the original alone, or the mix at its strength. */
  async listen(to: 'original' | 'remix'): Promise<void> {
    const track = this.mixTrack;
    if (track !== null) await this.workstation.setBlend(track, { bypass: to === 'original' });
  }

  get canRun(): boolean {
    return !this.busy && this.source !== null && this.models !== null && this.models.length > 0;
  }

  async show(): Promise<void> {
    this.open = true;
    if (this.models !== null) return;
    try {
      const listed = (await listInstalledModels(PLUGIN)).filter((m) => m.family === REMIX_FAMILY).map((m) => m.name);
      this.models = listed;
      if (listed.length > 0 && !listed.includes(String(this.params.model))) this.setParam('model', listed.includes(DEFAULT_REMIX_MODEL) ? DEFAULT_REMIX_MODEL : listed[0]);
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
    try {
      this.params = withParam(this.params, remixDescriptor.params, id, value);
    } catch (error) {
      this.problem = errorToLine(error);
    }
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** Remixes the chosen track in the ML worker and adds the result as a new track (undoable). */
  async run(): Promise<void> {
    const source = this.source;
    const audio = source?.audio?.data;
    if (!this.canRun || source === null || audio === undefined) return;
    this.busy = true;
    this.problem = null;
    this.fraction = 0;
    this.abort = new AbortController();
    try {
      const settings = remixSettings(this.params);
      const worker = await this.backend.worker;
      // the model runs once, at full strength; the strength is then a live mix with the original
      const remixed = await processAudioInWorker(worker, PLUGIN, audio, { ...this.params, strength: 1 }, {
        signal: this.abort.signal,
        onProgress: (p) => (this.fraction = p.fraction),
      });
      const name = `${source.name} (${settings.style})`;
      await this.workstation.addAudioTrack(name, remixed, `Remix ${source.name} as ${settings.style}`, { dry: audio, amount: settings.strength, bypass: false });
      this.mixId = this.workstation.tracks.at(-1)?.id ?? null;
      this.workstation.messages.info(`Remixed ${source.name} as ${settings.style}: Strength and A/B change it while it plays`);
    } catch (error) {
      if (!isAbortError(error)) this.problem = errorToLine(error);
    } finally {
      this.busy = false;
      this.abort = null;
    }
  }
}
