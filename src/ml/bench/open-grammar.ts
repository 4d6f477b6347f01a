import type { SequenceGrammar } from '../transformer/decode/constraints.ts';

/** A grammar that allows every token and never ends: speed measurements need a fixed length. */
export class OpenGrammar implements SequenceGrammar {
  private readonly mask: Uint8Array;
  readonly done = false;

  constructor(vocabSize: number) {
    this.mask = new Uint8Array(vocabSize).fill(1);
  }

  allowed(): Uint8Array {
    return this.mask;
  }

  advance(): boolean {
    return true;
  }
}
