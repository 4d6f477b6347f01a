import midiPackage from '@tonejs/midi';

const { Midi } = midiPackage;

/** Reads an exported MIDI file with an independent parser: notes, every text meta event, tempo. */
export function inspectMidi(bytes) {
  const midi = new Midi(bytes);
  const noteCount = midi.tracks.reduce((sum, track) => sum + track.notes.length, 0);
  const texts = midi.header.meta.map((event) => event.text);
  for (const track of midi.tracks) if (track.name) texts.push(track.name);
  const bpm = midi.header.tempos[0]?.bpm ?? 120;
  const notes = midi.tracks.flatMap((track) =>
    track.notes.map((n) => ({ track: track.name, pitch: n.midi, startTick: n.ticks, endTick: n.ticks + n.durationTicks })),
  );
  return { noteCount, trackCount: midi.tracks.filter((t) => t.notes.length > 0).length, texts, bpm, notes, ppq: midi.header.ppq };
}

/** The notes of `after` that `before` does not have (same track name, pitch, start and end), as a multiset. */
export function notesAdded(before, after) {
  const key = (n) => `${n.track}|${n.pitch}|${n.startTick}|${n.endTick}`;
  const left = new Map();
  for (const n of before) left.set(key(n), (left.get(key(n)) ?? 0) + 1);
  return after.filter((n) => {
    const count = left.get(key(n)) ?? 0;
    if (count > 0) left.set(key(n), count - 1);
    return count === 0;
  });
}

/** Walks a WAV file's RIFF chunks; decodes the samples to find the peak. Throws if malformed. */
export function inspectWav(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') throw new Error('no RIFF/WAVE header');
  if (view.getUint32(4, true) + 8 !== bytes.length) throw new Error('RIFF size does not match the file size');
  const chunks = new Map();
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = ascii(offset);
    const size = view.getUint32(offset + 4, true);
    chunks.set(id, bytes.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size + (size % 2);
  }
  const fmt = chunks.get('fmt ');
  const data = chunks.get('data');
  if (!fmt || !data) throw new Error(`missing chunks: have ${[...chunks.keys()].join(', ')}`);
  const fmtView = new DataView(fmt.buffer, fmt.byteOffset, fmt.byteLength);
  const format = fmtView.getUint16(0, true);
  const channels = fmtView.getUint16(2, true);
  const sampleRate = fmtView.getUint32(4, true);
  const bits = fmtView.getUint16(14, true);
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const bytesPerSample = bits / 8;
  const samples = new Float32Array(Math.floor(data.length / bytesPerSample));
  for (let i = 0; i < samples.length; i++) {
    const offset = i * bytesPerSample;
    if (bits === 16) samples[i] = dataView.getInt16(offset, true) / 32768;
    else if (bits === 24) samples[i] = ((dataView.getUint8(offset + 2) << 24) | (dataView.getUint16(offset, true) << 8)) / 2 ** 31;
    else samples[i] = dataView.getFloat32(offset, true);
  }
  /** Largest absolute sample between two times (seconds), over all channels. */
  const peakBetween = (from, to) => {
    let peak = 0;
    const end = Math.min(samples.length, Math.round(to * sampleRate) * channels);
    for (let i = Math.max(0, Math.round(from * sampleRate) * channels); i < end; i++) peak = Math.max(peak, Math.abs(samples[i]));
    return peak;
  };
  const peak = peakBetween(0, Infinity);
  const metadata = ['LIST', 'iXML']
    .map((id) => (chunks.has(id) ? Buffer.from(chunks.get(id)).toString('latin1') : ''))
    .join('\n');
  const frames = data.length / (bytesPerSample * channels);
  return { format, channels, sampleRate, bits, seconds: frames / sampleRate, peak, peakBetween, metadata };
}
