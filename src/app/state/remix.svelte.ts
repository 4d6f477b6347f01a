import {
  DEFAULT_REMIX_MODEL,
  REMIX_FAMILY,
  remixDescriptor,
  remixSettings,
} from '../../plugins/builtin/remix/index.ts';
import { defaultParams, withParam } from '../../plugins/params.ts';
import type { ParamValue, ParamValues } from '../../plugins/types.ts';
import { errorToLine } from '../lib/error-line.ts';
import { listInstalledModels } from '../lib/model-cards.ts';
import { processAudioInWorker } from '../worker/plugin-requests.ts';
import { isAbortError } from '../worker/worker-client.ts';
import type { BackendStatus } from './backend-status.svelte.ts';
import type { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

const PLUGIN = remixDescriptor.id;

/**
 * The Remix panel: an audio track, a style, strength and range; the style GAN runs in the ML
 * worker (progress, cancel) and the remix lands on a new audio track beside the original, so
 * the two can be A/B'd with mute/solo and Undo takes it away again.
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
      const remixed = await processAudioInWorker(worker, PLUGIN, audio, this.params, {
        signal: this.abort.signal,
        onProgress: (p) => (this.fraction = p.fraction),
      });
      const name = `${source.name} (${settings.style})`;
      await this.workstation.addAudioTrack(name, remixed, `Remix ${source.name} as ${settings.style}`);
      this.workstation.messages.info(`Remixed ${source.name} as ${settings.style}: mute or solo either track to compare`);
    } catch (error) {
      if (!isAbortError(error)) this.problem = errorToLine(error);
    } finally {
      this.busy = false;
      this.abort = null;
    }
  }
}
