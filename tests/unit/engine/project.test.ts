import { describe, expect, it } from 'vitest';
import { AleaError } from '../../../src/core/errors.ts';
import { createEmptySong, createTrack } from '../../../src/core/music/song.ts';
import { defaultInstrumentFor } from '../../../src/engine/instrument-choice.ts';
import { songEndSeconds, songEvents } from '../../../src/engine/note-events.ts';
import { audibleTracks, createProject, withInstrument, withStrip } from '../../../src/engine/project.ts';
import { validateProject } from '../../../src/engine/project-validate.ts';
import { note } from './signal.ts';

function threeTrackSong() {
  const song = createEmptySong('s', 480, 120);
  song.tracks = [
    createTrack('piano', { program: 0, notes: [note(60, 0, 1)] }),
    createTrack('bass', { program: 33, notes: [note(36, 0, 2)] }),
    createTrack('drums', { isDrum: true, notes: [note(36, 0, 0.25, 127)] }),
  ];
  return song;
}

describe('Project', () => {
  it('gives each track an instrument from its GM program, drums the drum kit', () => {
    const project = createProject(threeTrackSong());
    expect(project.tracks.map((t) => [t.instrument.plugin, t.instrument.params.sound])).toEqual([
      ['sampler', 'keys'],
      ['sampler', 'bass'],
      ['sampler', 'drums'],
    ]);
    expect(defaultInstrumentFor({ program: 89, isDrum: false }).plugin).toBe('poly-synth');
    expect(validateProject(project)).toEqual(project);
  });

  it('works out which tracks sound from mute and solo', () => {
    let project = createProject(threeTrackSong());
    expect(audibleTracks(project)).toEqual([true, true, true]);
    project = withStrip(project, 1, { mute: true });
    expect(audibleTracks(project)).toEqual([true, false, true]);
    project = withStrip(project, 2, { solo: true });
    expect(audibleTracks(project)).toEqual([false, false, true]);
    // mute wins over solo
    project = withStrip(project, 1, { solo: true });
    expect(audibleTracks(project)).toEqual([false, false, true]);
  });

  it('changes return new projects and refuse bad values in one line', () => {
    const project = createProject(threeTrackSong());
    const louder = withStrip(project, 0, { volumeDb: -3 });
    expect(project.tracks[0].strip.volumeDb).toBe(0);
    expect(louder.tracks[0].strip.volumeDb).toBe(-3);
    expect(() => withStrip(project, 0, { pan: 2 })).toThrow('track 0 pan must be between -1 and 1, got 2');
    expect(() => withStrip(project, 5, { pan: 0 })).toThrow('track 5 does not exist (the project has 3 tracks)');
    const synthOnPiano = withInstrument(project, 0, 'poly-synth', { oscillator: 'square' });
    expect(synthOnPiano.tracks[0].instrument.params).toMatchObject({ oscillator: 'square', release: 0.4 });
    expect(() => withInstrument(project, 0, 'poly-synth', { cutoff: 5 })).toThrow(AleaError);
  });

  it('validateProject names the track whose instrument params are bad', () => {
    const project = createProject(threeTrackSong());
    project.tracks[1].instrument.params.release = -1;
    expect(() => validateProject(project)).toThrow("track 1 (bass): param 'release' must be a number between 0 and 5, got -1");
    project.tracks.pop();
    expect(() => validateProject(project)).toThrow('project has 2 track setups for 3 song tracks');
  });

  it('converts notes to seconds with the tempo map', () => {
    const song = threeTrackSong();
    const events = songEvents(song);
    expect(events[1][0]).toEqual({ time: 0, duration: 1, pitch: 36, velocity: 100 / 127 });
    expect(songEndSeconds(song)).toBe(1);
  });
});
