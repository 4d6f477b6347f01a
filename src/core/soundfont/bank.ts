import { BasicSoundBank, SoundBankLoader, SpessaLog, SpessaSynthProcessor } from 'spessasynth_core';
import { badInput } from '../errors.ts';

/** A loaded SoundFont (SF2 or SF3), ready to render from. */
export interface SoundBank {
  readonly bank: BasicSoundBank;
  /** the bank's own name (INAM), or '' */
  readonly name: string;
  /** melodic GM programs (bank 0) the bank defines */
  readonly programs: ReadonlySet<number>;
}

/**
 * Parses a SoundFont from its bytes. `file` only names it in errors. SF3 needs the Vorbis decoder,
 * which loads asynchronously, hence the promise.
 */
export async function loadSoundBank(bytes: Uint8Array, file?: string): Promise<SoundBank> {
  await BasicSoundBank.isSF3DecoderReady;
  // a 150 MB bank is not worth copying when the bytes already fill their own buffer
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const buffer = whole ? bytes.buffer : bytes.slice().buffer;
  let bank: BasicSoundBank;
  try {
    bank = quietly(() => SoundBankLoader.fromArrayBuffer(buffer));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw badInput(`is not a readable SoundFont (SF2/SF3): ${reason}`, file);
  }
  if (bank.presets.length === 0) throw badInput('is a SoundFont with no presets', file);
  const programs = new Set<number>();
  for (const preset of bank.presets) {
    if (!preset.isDrum && preset.bankMSB === 0 && preset.bankLSB === 0) programs.add(preset.program);
  }
  return { bank, name: bank.soundBankInfo.name, programs };
}

/**
 * A fresh synthesizer over the bank with every effect off, so renders are dry and each render
 * starts from the same state (the same inputs give the same samples).
 */
export function createDrySynth(bank: SoundBank, sampleRate: number): SpessaSynthProcessor {
  // The processor warns that no preset exists before the bank is added: expected, so not shown.
  const synth = quietly(() => new SpessaSynthProcessor(sampleRate, { effectsEnabled: false, eventsEnabled: false }));
  synth.setSystemParameter('reverbGain', 0);
  synth.setSystemParameter('chorusGain', 0);
  synth.soundBankManager.addSoundBank(bank.bank, 'main');
  return synth;
}

/** Runs `work` with spessasynth's console warnings off (Alea reports problems itself). */
export function quietly<T>(work: () => T): T {
  const before = SpessaLog.warnEnabled;
  SpessaLog.warnEnabled = false;
  try {
    return work();
  } finally {
    SpessaLog.warnEnabled = before;
  }
}

/** Block size spessasynth renders at most per call. */
export const SYNTH_BLOCK = 128;
