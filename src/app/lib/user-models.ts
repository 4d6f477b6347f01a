/**
 * Models a user fine-tuned in the browser, kept in IndexedDB as whole model folders (the same
 * files as models/<name>/: model.json, shards, config.json, card.json with every file's sha256),
 * so loading one goes through the same checks as a shipped model. The page lists and deletes
 * them; the ML worker saves and loads them (IndexedDB is shared by the page and its workers).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { badInput } from '../../core/errors.ts';
import type { FileReader } from '../../ml/runtime/model-io.ts';
import type { ModelIndexEntry } from '../../plugins/model-index.ts';

/** A `model` param naming a user's model: `user:<name>` (shipped ones are bare folder names). */
export const USER_MODEL_PREFIX = 'user:';

export function isUserModelRef(ref: string): boolean {
  return ref.startsWith(USER_MODEL_PREFIX);
}

/** The name a user gave, shown in the picker. */
export function userModelName(ref: string): string {
  return isUserModelRef(ref) ? ref.slice(USER_MODEL_PREFIX.length) : ref;
}

/** Checks a name a user typed for a model and returns its ref (`user:<name>`). */
export function userModelRef(name: string): string {
  const trimmed = name.trim();
  if (!/^[\w.-]{1,40}$/.test(trimmed)) {
    throw badInput(`a model name is 1 to 40 letters, digits, '-', '_' or '.', not "${name}"`);
  }
  return `${USER_MODEL_PREFIX}${trimmed}`;
}

export interface SavedUserModel {
  /** the index entry, named by ref (`user:<name>`), as the model picker lists it */
  entry: ModelIndexEntry;
  /** ms since 1970 */
  savedAt: number;
}

/** Where user models live: IndexedDB in the app, memory in tests. */
export interface UserModelStore {
  /** Saves (or replaces) the model `entry.name` with its folder's files. */
  save(model: SavedUserModel, files: Map<string, Uint8Array>): Promise<void>;
  /** Every saved model, oldest first. */
  list(): Promise<SavedUserModel[]>;
  /** Reads one file of a saved model's folder (null when absent); throws when the model is not there. */
  reader(ref: string): Promise<FileReader>;
  delete(ref: string): Promise<void>;
}

function missing(ref: string): Error {
  return badInput(`your model '${userModelName(ref)}' is no longer in this browser's storage`);
}

export class MemoryUserModelStore implements UserModelStore {
  private readonly models = new Map<string, { model: SavedUserModel; files: Map<string, Uint8Array> }>();

  async save(model: SavedUserModel, files: Map<string, Uint8Array>): Promise<void> {
    this.models.delete(model.entry.name);
    this.models.set(model.entry.name, { model, files: new Map(files) });
  }

  async list(): Promise<SavedUserModel[]> {
    return [...this.models.values()].map((m) => m.model);
  }

  async reader(ref: string): Promise<FileReader> {
    const held = this.models.get(ref);
    if (held === undefined) throw missing(ref);
    return async (name) => held.files.get(name) ?? null;
  }

  async delete(ref: string): Promise<void> {
    this.models.delete(ref);
  }
}

interface UserModelDb extends DBSchema {
  entries: { key: string; value: SavedUserModel };
  /** a model's files by ref (apart from the entries, so listing reads no weights) */
  files: { key: string; value: Map<string, Uint8Array> };
}

const DB_VERSION = 1;

export class IdbUserModelStore implements UserModelStore {
  private constructor(private readonly db: IDBPDatabase<UserModelDb>) {}

  static async open(name = 'alea-user-models'): Promise<IdbUserModelStore> {
    const db = await openDB<UserModelDb>(name, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore('entries');
        database.createObjectStore('files');
      },
    });
    return new IdbUserModelStore(db);
  }

  async save(model: SavedUserModel, files: Map<string, Uint8Array>): Promise<void> {
    // one transaction: a model is listed only with all its files
    const tx = this.db.transaction(['entries', 'files'], 'readwrite');
    await tx.objectStore('files').put(files, model.entry.name);
    await tx.objectStore('entries').put(model, model.entry.name);
    await tx.done;
  }

  async list(): Promise<SavedUserModel[]> {
    const all = await this.db.getAll('entries');
    return all.sort((a, b) => a.savedAt - b.savedAt);
  }

  async reader(ref: string): Promise<FileReader> {
    const files = await this.db.get('files', ref);
    if (files === undefined) throw missing(ref);
    return async (name) => files.get(name) ?? null;
  }

  async delete(ref: string): Promise<void> {
    const tx = this.db.transaction(['entries', 'files'], 'readwrite');
    await tx.objectStore('entries').delete(ref);
    await tx.objectStore('files').delete(ref);
    await tx.done;
  }
}

let shared: Promise<UserModelStore> | null = null;

/** This browser's store (opened once per page or worker). */
export function userModelStore(): Promise<UserModelStore> {
  if (shared === null) {
    shared = IdbUserModelStore.open();
    shared.catch(() => {
      shared = null; // try again next time (e.g. storage blocked in a private window)
    });
  }
  return shared;
}

/** The user's models `pluginId` can run, for the model picker; none when storage is unavailable. */
export async function listUserModels(pluginId: string, store?: UserModelStore): Promise<ModelIndexEntry[]> {
  try {
    const models = await (store ?? (await userModelStore())).list();
    return models.map((m) => m.entry).filter((e) => e.plugins.includes(pluginId));
  } catch {
    return [];
  }
}
