import { scanWavLevels, type WavLevels } from '../../core/audio/wav-levels.ts';
import { readMidi, songProvenance } from '../../core/music/midi-io.ts';
import { TempoMap } from '../../core/music/tempo-map.ts';
import { estimateKey, formatKey } from '../../core/music/key.ts';
import { noteCount, songBarCount, songDurationSeconds, pitchRangeOfNotes } from '../../core/music/song.ts';
import { provenanceToText, type Provenance } from '../../core/provenance.ts';

/** What `alea info` reports, as plain JSON-able data (the --json output). */
export interface InfoReport {
  kind: 'midi' | 'wav' | 'model';
  file: string;
  summary: Record<string, string | number | boolean>;
  tracks?: Record<string, string | number | boolean>[];
  provenance?: Provenance;
}

export function describeMidi(bytes: Uint8Array, file: string): InfoReport {
  const song = readMidi(bytes, file);
  const map = TempoMap.fromSong(song);
  const allNotes = song.tracks.flatMap((t) => (t.isDrum ? [] : t.notes));
  const key = song.keySignatures[0] ?? estimateKey(allNotes);
  const firstMeter = song.timeSignatures[0];
  const summary: Record<string, string | number | boolean> = {
    name: song.name,
    ppq: song.ppq,
    tracks: song.tracks.length,
    notes: noteCount(song),
    bars: songBarCount(song, map),
    seconds: round(songDurationSeconds(song, map), 3),
    tempo: round(song.tempos[0]?.bpm ?? 120, 2),
    tempoChanges: song.tempos.length,
    timeSignature: firstMeter ? `${firstMeter.numerator}/${firstMeter.denominator}` : '4/4',
  };
  if (key) summary.key = formatKey(key) + (song.keySignatures.length === 0 ? ' (estimated)' : '');
  const tracks = song.tracks.map((track, index) => {
    const range = pitchRangeOfNotes(track.notes);
    return {
      index,
      name: track.name,
      channel: track.channel,
      program: track.program,
      drums: track.isDrum,
      notes: track.notes.length,
      range: range ? `${range.lowest}-${range.highest}` : '-',
    };
  });
  const provenance = songProvenance(song);
  return { kind: 'midi', file, summary, tracks, ...(provenance ? { provenance } : {}) };
}

export function describeWav(bytes: Uint8Array, file: string): InfoReport {
  // Levels straight from the file's bytes: no decoded copy of a long recording is held.
  return wavReport(scanWavLevels(bytes, file), file);
}

/** The report of a WAV's levels, however they were read (whole, or streamed from disk). */
export function wavReport(levels: WavLevels, file: string): InfoReport {
  const { info, provenance, seconds, peakDb, rmsDb } = levels;
  const summary = {
    format: info.format,
    bitDepth: info.bitDepth,
    channels: info.channels,
    sampleRate: info.sampleRate,
    seconds: round(seconds, 3),
    peakDb: round(peakDb, 2),
    rmsDb: round(rmsDb, 2),
  };
  return { kind: 'wav', file, summary, ...(provenance ? { provenance } : {}) };
}

export function formatInfo(report: InfoReport): string {
  const lines = [`${report.file} (${report.kind})`];
  for (const [key, value] of Object.entries(report.summary)) lines.push(`  ${key.padEnd(14)} ${value}`);
  if (report.tracks && report.tracks.length > 0) {
    lines.push('  tracks:');
    for (const track of report.tracks) {
      lines.push(`    ${Object.entries(track).map(([k, v]) => `${k}=${v}`).join('  ')}`);
    }
  }
  if (report.provenance) lines.push(`  provenance     ${provenanceToText(report.provenance)}`);
  return `${lines.join('\n')}\n`;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
