/**
 * Keeps one loaded model at a time, by name: asking again for the same name reuses it (a load
 * still under way is shared); asking for another disposes the old one first, so only one set of
 * weights sits in memory (GPU memory, on webgl and webgpu). Callers must be done with a model
 * before asking for another (the ML worker runs model requests one at a time).
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

  get(name: string): Promise<M> {
    if (this.current?.name === name) return this.current.model;
    // Claimed synchronously, so a second request for the same name shares this load.
    const previous = this.current;
    const model = disposeHeld(previous).then(() => this.load(name));
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
    await disposeHeld(held);
  }
}

async function disposeHeld<M extends { dispose(): void }>(held: { model: Promise<M> } | null): Promise<void> {
  if (held === null) return;
  try {
    (await held.model).dispose();
  } catch {
    // it never loaded: nothing to dispose
  }
}
