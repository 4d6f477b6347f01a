import { createEmptySong } from '../../core/music/song.ts';
import type { Provenance } from '../../core/provenance.ts';
import type { Song } from '../../core/music/types.ts';
import { ProjectAutosave, shouldOfferRecovery, type AutosaveEntry } from '../lib/autosave.ts';
import { baseName, downloadBlob } from '../lib/download.ts';
import { clockTime } from '../lib/clock-time.ts';
import { errorToLine } from '../lib/error-line.ts';
import { taskPause } from '../../engine/task-steps.ts';
import { openProjectFile, type OpenProjectFile } from '../lib/audio-prep-client.ts';
import { encodeProjectBlob, encodeProjectBlobInSteps, PROJECT_EXTENSION } from '../lib/project-file.ts';
import { documentOf } from '../lib/project-document.ts';
import { adoptDecoded, type OpenedProject } from '../lib/project-open.ts';
import type { BuiltVoice } from '../worker/protocol.ts';
import { ConfirmState } from './confirm.svelte.ts';
import type { TrackState } from './track-state.svelte.ts';
import type { Workstation } from './workstation.svelte.ts';

/** What the project is made of; two identities with the same parts are the same project. */
interface ProjectIdentity {
  song: Song;
  title: string;
  provenance: Provenance | null;
  rows: readonly TrackState[];
  instruments: ReadonlyMap<number, BuiltVoice>;
  mix: string;
}

function identityOf(ws: Workstation): ProjectIdentity {
  const rows = [...ws.tracks];
  const mix = rows.map((t) => `${t.volumeDb}/${t.pan}/${Number(t.muted)}/${Number(t.soloed)}`).join(' ');
  return { song: ws.song, title: ws.title, provenance: ws.provenance, rows, instruments: ws.trackInstruments, mix };
}

function sameProject(a: ProjectIdentity, b: ProjectIdentity): boolean {
  return (
    a.song === b.song &&
    a.title === b.title &&
    a.provenance === b.provenance &&
    a.instruments === b.instruments &&
    a.mix === b.mix &&
    a.rows.length === b.rows.length &&
    a.rows.every((row, i) => row === b.rows[i])
  );
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}

export interface ProjectStoreOptions {
  /** how long after the last change the autosave is written */
  autosaveDelayMs?: number;
  /** how a project file is decoded and its clips resampled and measured (the audio-prep worker by default) */
  openFile?: OpenProjectFile;
}

/**
 * Projects as files and the autosave: New / Open / Save (one `.alea` file), an autosave in
 * IndexedDB a moment after each change, the offer to restore it after a crash or reload, and a
 * question before unsaved work would be lost (leaving the page, New, Open, opening a MIDI).
 * A storage failure never costs the project: it stays open, and the banner says to save a file.
 */
export class ProjectStore {
  readonly confirm = new ConfirmState();
  /** an autosave newer than the last save to a file, offered for restoring */
  recovery = $state.raw<AutosaveEntry | null>(null);
  /** the last autosave written in this session */
  autosaved = $state.raw<AutosaveEntry | null>(null);
  /** why the autosave is not working, or null */
  autosaveProblem = $state<string | null>(null);

  private readonly ws: Workstation;
  private readonly delayMs: number;
  private readonly openFile: OpenProjectFile;
  /** the project as it was last saved to a file, opened or started */
  private saved = $state.raw<ProjectIdentity | null>(null);
  // derived lazily: read first after the constructor has set `ws`
  private readonly current = $derived(this.identity());
  /** the project has changes not saved to a file (or opened from one) */
  readonly dirty = $derived(this.saved !== null && !sameProject(this.current, this.saved));
  private store: ProjectAutosave | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | null = null;
  private again = false;
  private readonly stopEffects: () => void;
  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.dirty) return;
    event.preventDefault();
    event.returnValue = ''; // older browsers ask only when this is set
  };
  private readonly onHide = (): void => {
    if (document.visibilityState === 'hidden' && this.timer !== undefined) void this.autosaveNow();
  };

  constructor(ws: Workstation, options: ProjectStoreOptions = {}) {
    this.ws = ws;
    this.delayMs = options.autosaveDelayMs ?? 1500;
    this.openFile = options.openFile ?? openProjectFile;
    this.saved = this.current;
    ws.confirmReplace = (fileName) => this.confirmDiscard(`Opening ${fileName}`);
    this.stopEffects = $effect.root(() => {
      $effect(() => {
        // every change to the project (re)starts the autosave's wait, unless a recovery is pending
        void this.current;
        if (this.dirty && this.recovery === null) this.schedule();
      });
    });
    addEventListener('beforeunload', this.onBeforeUnload);
    document.addEventListener('visibilitychange', this.onHide);
  }

  /** Opens the autosave store and offers to restore an autosave newer than the last saved file. */
  async start(): Promise<void> {
    try {
      this.store = await ProjectAutosave.open();
      const [current, saved] = await Promise.all([this.store.current(), this.store.lastSave()]);
      if (shouldOfferRecovery(current, saved)) this.recovery = current;
    } catch (error) {
      this.autosaveProblem = `Autosave is off (${errorToLine(error)}): save your project to a file (Ctrl+S) to keep it.`;
      this.ws.messages.error(this.autosaveProblem);
    }
  }

  /** Ctrl/Cmd+S: the project as one `.alea` file, downloaded. */
  async save(): Promise<void> {
    try {
      const { ws } = this;
      const file = encodeProjectBlob(documentOf(ws.currentProject(), ws.title, ws.provenance));
      const name = `${baseName(ws.title)}${PROJECT_EXTENSION}`;
      downloadBlob(file, name);
      this.saved = this.current;
      clearTimeout(this.timer);
      this.timer = undefined;
      ws.messages.info(`Saved ${name} (${(file.size / 1024).toFixed(0)} KB)`);
      await this.store?.markSaved(ws.title);
    } catch (error) {
      this.ws.messages.error(error);
    }
  }

  /** Opens a project file in place of the project (asking first when that loses changes). */
  async open(file: File): Promise<void> {
    if (!(await this.confirmDiscard(`Opening ${file.name}`))) return;
    try {
      const doc = await this.read(new Uint8Array(await file.arrayBuffer()), file.name);
      await this.ws.replaceProject(doc.project, doc.title, doc.provenance, `Open ${file.name}`);
      this.saved = this.current;
      this.ws.messages.info(`Opened ${file.name}: ${this.ws.tracks.length} tracks`);
    } catch (error) {
      this.ws.messages.error(error); // the project stays as it was
    }
  }

  /** An empty project (asking first when that loses changes). */
  async newProject(): Promise<void> {
    if (!(await this.confirmDiscard('A new project'))) return;
    try {
      await this.ws.replaceProject({ song: createEmptySong('Untitled'), midiStrips: [], clips: [] }, 'Untitled', null, 'New project');
      this.saved = this.current;
      this.ws.messages.info('New project');
    } catch (error) {
      this.ws.messages.error(error);
    }
  }

  /** Opens the autosave on offer in place of the project. */
  async restore(): Promise<void> {
    const offer = this.recovery;
    if (offer === null || this.store === null) return;
    if (!(await this.confirmDiscard('Restoring the autosave'))) return;
    try {
      const bytes = await this.store.read();
      if (bytes === null) throw new Error('the autosave is gone (another tab may have replaced it)');
      const doc = await this.read(bytes, 'the autosave');
      await this.ws.replaceProject(doc.project, doc.title, doc.provenance, 'Restore autosave');
      this.recovery = null;
      this.ws.messages.info(`Restored ${doc.title} as it was at ${clockTime(offer.at)}`);
    } catch (error) {
      this.ws.messages.error(error);
    }
  }

  /** Declines the autosave on offer: it is deleted, and autosaving carries on. */
  async discardRecovery(): Promise<void> {
    this.recovery = null;
    try {
      await this.store?.discard();
    } catch (error) {
      this.ws.messages.error(error);
    }
  }

  /** True when nothing unsaved would be lost by `what`, or the user says to go ahead. */
  async confirmDiscard(what: string): Promise<boolean> {
    if (!this.dirty) return true;
    return this.confirm.ask(`${what} replaces the project, which has changes not saved to a file. Discard them?`, 'Discard changes');
  }

  /** Writes the autosave now (also after the wait, and when the page is hidden). */
  async autosaveNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.store === null || this.recovery !== null) return;
    if (this.writing !== null) {
      this.again = true; // one more write once this one is done
      return;
    }
    const { ws, store } = this;
    this.writing = (async () => {
      try {
        const file = await encodeProjectBlobInSteps(documentOf(ws.currentProject(), ws.title, ws.provenance), taskPause());
        this.autosaved = await store.write(file, ws.title);
        if (this.autosaveProblem !== null) ws.messages.info('Autosave works again.');
        this.autosaveProblem = null;
      } catch (error) {
        const reason = isQuotaError(error) ? "this browser's storage for Alea is full" : errorToLine(error);
        const problem = `Autosave failed (${reason}). Your work is still open here: save it to a file (Ctrl+S) to keep it.`;
        if (this.autosaveProblem === null) ws.messages.error(problem);
        this.autosaveProblem = problem;
      }
    })();
    await this.writing;
    this.writing = null;
    if (this.again) {
      this.again = false;
      await this.autosaveNow();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.stopEffects();
    removeEventListener('beforeunload', this.onBeforeUnload);
    document.removeEventListener('visibilitychange', this.onHide);
    this.store?.close();
  }

  /** A project file's bytes, decoded and its clips prepared off the UI thread while the busy bar shows progress. */
  private async read(bytes: Uint8Array, fileName: string): Promise<OpenedProject> {
    const liveRate = await this.ws.liveSampleRate();
    return adoptDecoded(await this.ws.busy.run(`Opening ${fileName}…`, (report) => this.openFile(bytes, fileName, liveRate, report)));
  }

  private identity(): ProjectIdentity {
    return identityOf(this.ws);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.autosaveNow(), this.delayMs);
  }
}
