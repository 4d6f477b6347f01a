/**
 * A vocabulary made of token families, each a contiguous range of ids. Both tokenizers build one;
 * the model only needs its size, the data pipeline and the sampler need to know which ids are
 * pitches (transposition, key masks) and what kind each id is (grammar masks).
 */
export interface TokenFamily {
  name: string;
  /** first id of the family */
  first: number;
  /** number of ids in the family */
  size: number;
}

export class Vocab {
  readonly families: readonly TokenFamily[];
  readonly size: number;
  private readonly kindOfId: string[];
  private readonly byName = new Map<string, TokenFamily>();

  /** `spec`: family name → number of ids, in id order. */
  constructor(spec: ReadonlyArray<readonly [string, number]>) {
    const families: TokenFamily[] = [];
    let next = 0;
    for (const [name, size] of spec) {
      const family = { name, first: next, size };
      families.push(family);
      this.byName.set(name, family);
      next += size;
    }
    this.families = families;
    this.size = next;
    this.kindOfId = [];
    for (const f of families) for (let i = 0; i < f.size; i++) this.kindOfId.push(f.name);
  }

  family(name: string): TokenFamily {
    const f = this.byName.get(name);
    if (f === undefined) throw new Error(`vocabulary has no token family '${name}'`);
    return f;
  }

  /** id of the `index`-th token of a family. */
  id(name: string, index = 0): number {
    const f = this.family(name);
    if (index < 0 || index >= f.size) throw new Error(`${name} token index ${index} is out of 0..${f.size - 1}`);
    return f.first + index;
  }

  /** family name of an id, or undefined for ids outside the vocabulary. */
  kind(id: number): string | undefined {
    return Number.isInteger(id) ? this.kindOfId[id] : undefined;
  }

  /** index of an id within its family (only meaningful with `kind`). */
  indexOf(id: number): number {
    const name = this.kind(id);
    return name === undefined ? -1 : id - this.family(name).first;
  }

  /** Readable text for an id, e.g. "Pitch:60" with the family's own numbering. */
  describe(id: number): string {
    const name = this.kind(id);
    return name === undefined ? `?${id}` : `${name}:${this.indexOf(id)}`;
  }
}
