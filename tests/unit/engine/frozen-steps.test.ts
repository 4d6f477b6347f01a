// A track with an active audio-effect chain is rendered ahead for live playback ("frozen"). Live,
// that render pauses between notes and between the chain's chunks, so the page gets its turn (in
// one task it took 66 ms on the page); the samples are the same as rendered in one go.
import { describe, expect, it } from 'vitest';
import { freezeMidiTrack } from '../../../src/engine/frozen-tracks.ts';
import { resolveVoice } from '../../../src/engine/instruments/resolve-voice.ts';
import type { MultisampleVoice } from '../../../src/engine/instruments/voice.ts';
import type { NoteEvent } from '../../../src/engine/note-events.ts';
import { renderVoice, renderVoiceInSteps } from '../../../src/engine/offline/render-project.ts';
import { pluginState } from '../../../src/engine/plugin-lookup.ts';
import type { MidiTrackSetup } from '../../../src/engine/project.ts';
import { processAudio } from '../../../src/plugins/audio-stream.ts';
import { gainPlugin } from '../../../src/plugins/builtin/gain.ts';

const SR = 16000;
const notes: NoteEvent[] = [60, 64, 67, 72].map((pitch, i) => ({ time: i * 0.25, duration: 0.3, pitch, velocity: 0.8 }));

const sine = Float32Array.from({ length: SR }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / SR));
const sampled: MultisampleVoice = {
  kind: 'multisample',
  sampleRate: SR,
  zones: [{ rootPitch: 69, loPitch: 0, hiPitch: 127, loVelocity: 1, hiVelocity: 127, channels: [sine] }],
  attack: 0.01,
  release: 0.1,
  volumeDb: -3,
  oneShot: false,
};

/** A pause that counts its calls and yields to a timer, as a live one does once its budget is spent. */
function countingPause(): { pause: () => Promise<void>; calls: () => number } {
  let calls = 0;
  return {
    pause: () => {
      calls++;
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
    calls: () => calls,
  };
}

describe('a frozen track rendered in steps', () => {
  it('renders a synth and a sampled voice note by note with the samples of one go', async () => {
    const synth = await resolveVoice(pluginState('poly-synth', 'instrument'), { sampleRate: SR });
    for (const voice of [synth, sampled]) {
      const whole = renderVoice(voice, notes, SR, SR * 2);
      const counter = countingPause();
      const stepped = await renderVoiceInSteps(voice, notes, SR, SR * 2, counter.pause);
      expect(counter.calls()).toBe(notes.length);
      expect(Math.max(...whole.map(Math.abs))).toBeGreaterThan(0.01);
      expect(stepped).toEqual(whole);
    }
  });

  it('pauses between the chain’s chunks too, and freezes to the same clip as without pauses', async () => {
    const gain = { ...pluginState('gain', 'audio-effect'), params: { gain: -6, invert: false } };
    const setup: MidiTrackSetup = { instrument: pluginState('poly-synth', 'instrument'), midiEffects: [], chain: [gain], strip: { volumeDb: 0, pan: 0, mute: false, solo: false } };
    const [once] = await freezeMidiTrack(setup, sampled, notes, SR);
    const counter = countingPause();
    const [stepped] = await freezeMidiTrack(setup, sampled, notes, SR, undefined, counter.pause);
    expect(stepped.audio.channels).toEqual(once.audio.channels);
    expect(stepped.length).toBe(once.length);
    // a pause per note, then one per chunk of the gain's work
    expect(counter.calls()).toBeGreaterThan(notes.length);
  });

  it('processAudio awaits its pause once per chunk and returns the same audio', async () => {
    const audio = { sampleRate: 8000, channels: [Float32Array.from({ length: 10_000 }, (_, i) => i / 10_000)] };
    const counter = countingPause();
    const paused = await processAudio(gainPlugin, audio, { gain: -6 }, { frames: 4096, pause: counter.pause });
    const plain = await processAudio(gainPlugin, audio, { gain: -6 }, { frames: 4096 });
    expect(counter.calls()).toBe(3);
    expect(paused.channels).toEqual(plain.channels);
  });
});
