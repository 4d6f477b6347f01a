import midiPackage from '@tonejs/midi';

const { Midi } = midiPackage;

/** A two-track song with a known number of notes: what the import check expects to see. */
export function makeTestMidi() {
  const midi = new Midi();
  midi.header.setTempo(120);
  midi.header.name = 'Browser test song';
  const melody = midi.addTrack();
  melody.name = 'Melody';
  melody.instrument.number = 0;
  const bass = midi.addTrack();
  bass.name = 'Bass';
  bass.instrument.number = 33;
  const scale = [60, 62, 64, 65, 67, 69, 71, 72];
  for (let bar = 0; bar < 4; bar++) {
    for (let step = 0; step < 8; step++) {
      melody.addNote({ midi: scale[(bar + step) % 8], time: bar * 2 + step * 0.25, duration: 0.22, velocity: 0.8 });
    }
    bass.addNote({ midi: 36 + bar * 2, time: bar * 2, duration: 1.9, velocity: 0.7 });
  }
  return { bytes: Buffer.from(midi.toArray()), trackCount: 2, noteCount: 4 * 8 + 4 };
}

/** Not a MIDI file at all: a header chunk that lies about its length. */
export function makeBrokenMidi() {
  return Buffer.from([0x4d, 0x54, 0x68, 0x64, 0x00, 0x00, 0x00, 0x06, 0x00, 0x01, 0x00, 0x02, 0x01, 0xe0, 0x4d, 0x54, 0x72]);
}

/** One second of a 440 Hz sine, 16-bit mono 22050 Hz: an audio clip to import. */
export function makeSineWav() {
  const sampleRate = 22050;
  const length = sampleRate;
  const data = Buffer.alloc(length * 2);
  for (let i = 0; i < length; i++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 0.5 * 32767), i * 2);
  }
  return pcm16Wav(data, sampleRate, 1);
}

/** A 16-bit PCM WAV file around interleaved sample bytes `data`. */
export function pcm16Wav(data, sampleRate, channels) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2 * channels, 28);
  header.writeUInt16LE(2 * channels, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
