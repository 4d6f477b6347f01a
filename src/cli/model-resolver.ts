/**
 * The CLI's ModelResolver: a model reference is a folder path or an installed model's name;
 * the folder is checked by loading it (card, sha256 of every file). Built models are kept per
 * folder and builder until `dispose`, so one command loads each model once.
 */
import type { LoadedModel } from '../ml/runtime/model-io.ts';
import type { Disposable, ModelResolver } from '../plugins/types.ts';
import { resolveModelDir } from './model-location.ts';

type Build = (loaded: LoadedModel) => Disposable;

export class FolderModelResolver implements ModelResolver {
  private readonly held = new Map<Build, Map<string, Promise<Disposable>>>();
  private backend: Promise<unknown> | null = null;
  private readonly modelsDir: string | undefined;

  constructor(modelsDir?: string) {
    this.modelsDir = modelsDir;
  }

  async load<M extends Disposable>(ref: string, build: (loaded: LoadedModel) => M): Promise<M> {
    const dir = await resolveModelDir(ref, this.modelsDir);
    const byDir = this.held.get(build) ?? new Map<string, Promise<Disposable>>();
    this.held.set(build, byDir);
    const held = byDir.get(dir);
    // Stored under this very `build`, so the value is the M it built.
    if (held !== undefined) return held as Promise<M>;
    const model = this.read(dir).then(build);
    byDir.set(dir, model);
    return model;
  }

  private async read(dir: string): Promise<LoadedModel> {
    this.backend ??= import('../ml/runtime/backend-node.ts').then((m) => m.initBackend());
    await this.backend;
    const { loadModelFolder } = await import('../ml/runtime/model-io-node.ts');
    return loadModelFolder(dir);
  }

  async dispose(): Promise<void> {
    const all = [...this.held.values()].flatMap((byDir) => [...byDir.values()]);
    this.held.clear();
    for (const model of all) {
      try {
        (await model).dispose();
      } catch {
        // it never loaded: nothing to free
      }
    }
  }
}
