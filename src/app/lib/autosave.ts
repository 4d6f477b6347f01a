/**
 * The project's autosave in IndexedDB, written so that a crash or a killed tab at any moment
 * leaves the last good snapshot in place: a new snapshot is written under a new key first (the
 * old one untouched), then one transaction points 'current' at it and deletes the old one.
 * IndexedDB commits a transaction whole or not at all, so 'current' always names a complete
 * snapshot; a snapshot left behind by a save cut short is swept at the next start.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** The autosave that 'current' points at. */
export interface AutosaveEntry {
  title: string;
  /** when it was written, ms since 1970 */
  at: number;
}

/** The last time the user saved the project to a file. */
export interface SaveMark {
  title: string;
  at: number;
}

interface Snapshot extends AutosaveEntry {
  /** a project file (a Blob: the browser keeps its bytes off the page's heap and writes them off the main thread) */
  file: Blob;
}

interface Pointer extends AutosaveEntry {
  kind: 'current';
  snapshot: string;
}

interface SavedMeta extends SaveMark {
  kind: 'saved';
}

interface AutosaveDb extends DBSchema {
  snapshots: { key: string; value: Snapshot };
  meta: { key: 'current' | 'saved'; value: Pointer | SavedMeta };
}

export interface AutosaveOptions {
  /** database name (tests use their own) */
  name?: string;
  /** the clock, ms since 1970 */
  now?: () => number;
  /** runs between writing a snapshot and swapping the pointer (tests cut a save short here) */
  beforeSwap?: () => Promise<void> | void;
}

const VERSION = 1;

/** True when the autosave holds work newer than the last save to a file: offer to restore it. */
export function shouldOfferRecovery(current: AutosaveEntry | null, saved: SaveMark | null): boolean {
  return current !== null && (saved === null || current.at > saved.at);
}

export class ProjectAutosave {
  private readonly db: IDBPDatabase<AutosaveDb>;
  private readonly now: () => number;
  private readonly beforeSwap: () => Promise<void> | void;
  private counter = 0;

  private constructor(db: IDBPDatabase<AutosaveDb>, options: AutosaveOptions) {
    this.db = db;
    this.now = options.now ?? Date.now;
    this.beforeSwap = options.beforeSwap ?? (() => {});
  }

  /** Opens (or creates) the store and sweeps snapshots that no pointer names. */
  static async open(options: AutosaveOptions = {}): Promise<ProjectAutosave> {
    const db = await openDB<AutosaveDb>(options.name ?? 'alea-autosave', VERSION, {
      upgrade(database) {
        database.createObjectStore('snapshots');
        database.createObjectStore('meta');
      },
    });
    const store = new ProjectAutosave(db, options);
    await store.sweep();
    return store;
  }

  /**
   * Keeps `file` (a project file) as the autosave. Rejects (QuotaExceededError, …) with the
   * previous autosave still whole.
   */
  async write(file: Blob, title: string): Promise<AutosaveEntry> {
    const at = this.now();
    const key = `${at}-${this.counter++}-${Math.random().toString(36).slice(2, 8)}`;
    await this.db.put('snapshots', { file, title, at }, key);
    await this.beforeSwap();
    const tx = this.db.transaction(['snapshots', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    // another tab starting up sweeps snapshots no pointer names yet: never point at a swept one
    if ((await tx.objectStore('snapshots').getKey(key)) === undefined) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error('the autosave was cleared while it was written; the previous one is kept');
    }
    const old = await meta.get('current');
    await meta.put({ kind: 'current', snapshot: key, title, at }, 'current');
    if (old?.kind === 'current' && old.snapshot !== key) await tx.objectStore('snapshots').delete(old.snapshot);
    await tx.done;
    return { title, at };
  }

  /** The autosave 'current' points at, without its bytes; null when there is none. */
  async current(): Promise<AutosaveEntry | null> {
    const pointer = await this.db.get('meta', 'current');
    return pointer?.kind === 'current' ? { title: pointer.title, at: pointer.at } : null;
  }

  /** The autosave's bytes (a project file), or null. */
  async read(): Promise<Uint8Array | null> {
    const pointer = await this.db.get('meta', 'current');
    if (pointer?.kind !== 'current') return null;
    const snapshot = await this.db.get('snapshots', pointer.snapshot);
    return snapshot === undefined ? null : new Uint8Array(await snapshot.file.arrayBuffer());
  }

  /** Records that the user saved the project to a file now. */
  async markSaved(title: string): Promise<SaveMark> {
    const mark = { title, at: this.now() };
    await this.db.put('meta', { kind: 'saved', ...mark }, 'saved');
    return mark;
  }

  async lastSave(): Promise<SaveMark | null> {
    const mark = await this.db.get('meta', 'saved');
    return mark?.kind === 'saved' ? { title: mark.title, at: mark.at } : null;
  }

  /** Forgets the autosave (the user chose not to restore it). */
  async discard(): Promise<void> {
    const tx = this.db.transaction(['snapshots', 'meta'], 'readwrite');
    const pointer = await tx.objectStore('meta').get('current');
    await tx.objectStore('meta').delete('current');
    if (pointer?.kind === 'current') await tx.objectStore('snapshots').delete(pointer.snapshot);
    await tx.done;
  }

  /** How many snapshots are stored (one, or none, outside a save in progress). */
  async snapshotCount(): Promise<number> {
    return this.db.count('snapshots');
  }

  /** Deletes snapshots no pointer names (left by a save cut short). */
  async sweep(): Promise<void> {
    const tx = this.db.transaction(['snapshots', 'meta'], 'readwrite');
    const pointer = await tx.objectStore('meta').get('current');
    const keep = pointer?.kind === 'current' ? pointer.snapshot : null;
    for (const key of await tx.objectStore('snapshots').getAllKeys()) if (key !== keep) await tx.objectStore('snapshots').delete(key);
    await tx.done;
  }

  close(): void {
    this.db.close();
  }
}
