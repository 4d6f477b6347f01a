/**
 * MIDI text events hold bytes with no declared encoding; the parser under @tonejs/midi maps one
 * byte to one char.
 * Alea writes UTF-8 and reads UTF-8 when the bytes are valid UTF-8, else Latin-1 (what older
 * files use), so names like "Señor" or "小星星" survive a round trip.
 */
const utf8Encoder = new TextEncoder();
const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** A string as a "binary string": one char per UTF-8 byte. */
export function toMidiText(text: string): string {
  let binary = '';
  for (const byte of utf8Encoder.encode(text)) binary += String.fromCharCode(byte);
  return binary;
}

/** Inverse of toMidiText; falls back to reading the bytes as Latin-1 when they are not UTF-8. */
export function fromMidiText(binary: string): string {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  try {
    return strictUtf8Decoder.decode(bytes);
  } catch {
    return binary;
  }
}
