/**
 * Keeps one loaded model at a time, by name: asking again for the same name reuses it (a load
 * still under way is shared); asking for another disposes the old one first, so only one set of
 * weights sits in memory (GPU memory, on webgl and webgpu).
 */
export class SingleModelCache<M extends { dispose(): void }> {
  private current: { name: string; model: Promise<M> } | null = null;
  private readonly load: (name: string) => Promise<M>;

  constructor(load: (name: string) => Promise<M>) {
    this.load = load;
  }

  get name(): string | null {
    return this.current?.name ?? null;
  }

  async get(name: string): Promise<M> {
    if (this.current?.name === name) return this.current.model;
    await this.release();
    const model = this.load(name);
    this.current = { name, model };
    // A load that fails is forgotten, so the next request tries again.
    model.catch(() => {
      if (this.current?.model === model) this.current = null;
    });
    return model;
  }

  /** Disposes the model held, if any. */
  async release(): Promise<void> {
    const held = this.current;
    this.current = null;
    if (held === null) return;
    try {
      (await held.model).dispose();
    } catch {
      // it never loaded: nothing to dispose
    }
  }
}
