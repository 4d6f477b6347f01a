/**
 * The ML worker's ModelResolver: a model is named by its folder under models/, which the app
 * serves at /models/<name>/ (nothing comes from outside). One built model is kept at a time, so
 * only one set of weights sits in (GPU) memory; asking for another disposes it first.
 */
import { badInput } from '../../core/errors.ts';
import { decodeModelFolder, loadModelFromUrl, type LoadedModel } from '../../ml/runtime/model-io.ts';
import type { Disposable, ModelResolver } from '../../plugins/types.ts';
import { SingleModelCache } from '../lib/model-cache.ts';
import { isUserModelRef, type UserModelStore } from '../lib/user-models.ts';

type Build = (loaded: LoadedModel) => Disposable;

export class UrlModelResolver implements ModelResolver {
  private readonly builds = new Map<string, Build>();
  private readonly buildIds = new Map<Build, number>();
  private readonly cache = new SingleModelCache<Disposable>((key) => this.fetchAndBuild(key));
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly userModels: (() => Promise<UserModelStore>) | undefined;

  /**
   * @param baseUrl the app's URL (models are at `<origin>/models/<name>/`)
   * @param userModels where `user:<name>` models (fine-tuned in the browser) are kept
   */
  constructor(baseUrl: string, fetchFn: typeof fetch = (input, init) => fetch(input, init), userModels?: () => Promise<UserModelStore>) {
    this.baseUrl = baseUrl;
    this.fetchFn = fetchFn;
    this.userModels = userModels;
  }

  /** Which model is loaded (or loading), by name; null when none. */
  get current(): string | null {
    const key = this.cache.name;
    return key === null ? null : key.slice(key.indexOf(':') + 1);
  }

  load<M extends Disposable>(ref: string, build: (loaded: LoadedModel) => M): Promise<M> {
    if (!/^(user:)?[\w.-]+$/.test(ref)) return Promise.reject(badInput(`model '${ref}' is not an installed model's name (the app loads models from models/)`));
    let id = this.buildIds.get(build);
    if (id === undefined) {
      id = this.buildIds.size + 1;
      this.buildIds.set(build, id);
    }
    const key = `${id}:${ref}`;
    this.builds.set(key, build);
    // The cache entry under this key was made by this very `build`, so it is an M.
    return this.cache.get(key) as Promise<M>;
  }

  release(): Promise<void> {
    return this.cache.release();
  }

  /** The model folder `ref` names, checked, as tensors (the caller disposes them). */
  async loadFolder(ref: string): Promise<LoadedModel> {
    if (isUserModelRef(ref) && this.userModels !== undefined) return decodeModelFolder(await (await this.userModels()).reader(ref));
    const url = new URL(`/models/${encodeURIComponent(ref)}/`, this.baseUrl).href;
    return loadModelFromUrl(url, this.fetchFn);
  }

  private async fetchAndBuild(key: string): Promise<Disposable> {
    const build = this.builds.get(key);
    if (build === undefined) throw new Error(`no model builder for ${key}`);
    return build(await this.loadFolder(key.slice(key.indexOf(':') + 1)));
  }
}
