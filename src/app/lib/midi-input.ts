/**
 * Web MIDI input: note-ons and note-offs from every connected MIDI input (all channels), where
 * the browser has Web MIDI; a plain sentence saying why not where it has not.
 */

export type MidiNoteMessage = { kind: 'on'; pitch: number; velocity: number } | { kind: 'off'; pitch: number };

/** A MIDI message as a note event (note-on with velocity 0 is a note-off), or null for anything else. */
export function parseMidiMessage(data: ArrayLike<number>): MidiNoteMessage | null {
  if (data.length < 3) return null;
  const type = data[0] & 0xf0;
  const pitch = data[1] & 0x7f;
  const velocity = data[2] & 0x7f;
  if (type === 0x90 && velocity > 0) return { kind: 'on', pitch, velocity };
  if (type === 0x80 || type === 0x90) return { kind: 'off', pitch };
  return null;
}

export interface MidiConnection {
  /** the names of the inputs listened to */
  inputs: string[];
  close(): void;
}

interface MidiInputLike {
  name?: string | null;
  onmidimessage: ((event: { data: Uint8Array | null }) => void) | null;
}

interface MidiAccessLike {
  inputs: { forEach(callback: (input: MidiInputLike) => void): void };
  onstatechange: (() => void) | null;
}

type RequestMidi = () => Promise<MidiAccessLike>;

/**
 * Listens to every MIDI input (and ones plugged in later). Resolves to the connection, or to a
 * sentence saying why there is none (no Web MIDI in this browser, access refused, no inputs).
 */
export async function connectMidi(onNote: (message: MidiNoteMessage) => void, nav: Navigator = navigator): Promise<MidiConnection | string> {
  const request = (nav as Navigator & { requestMIDIAccess?: RequestMidi }).requestMIDIAccess;
  if (typeof request !== 'function') return 'This browser has no Web MIDI: play with the computer keyboard (A–K, Z/X octave), or use Chrome or Edge for a MIDI keyboard.';
  let access: MidiAccessLike;
  try {
    access = await request.call(nav);
  } catch (error) {
    return `MIDI access was refused (${error instanceof Error ? error.message : String(error)}): allow MIDI for this page to play a MIDI keyboard.`;
  }
  const names: string[] = [];
  const listen = (): void => {
    names.length = 0;
    access.inputs.forEach((input) => {
      names.push(input.name ?? 'MIDI input');
      input.onmidimessage = (event) => {
        const message = event.data === null ? null : parseMidiMessage(event.data);
        if (message !== null) onNote(message);
      };
    });
  };
  listen();
  access.onstatechange = listen;
  if (names.length === 0) return 'No MIDI input is connected: plug in a MIDI keyboard (it is picked up when connected) or play with the computer keyboard.';
  return {
    inputs: names,
    close: () => {
      access.onstatechange = null;
      access.inputs.forEach((input) => (input.onmidimessage = null));
    },
  };
}
