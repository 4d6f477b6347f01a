// Interim engine session built straight on Tone.js, standing in for src/engine until it lands:
// one PolySynth per MIDI track and one Player per audio clip, each through a volume/pan strip.
import * as Tone from 'tone';
import type { AudioData } from '../../core/audio/audio-data.ts';
import { TempoMap } from '../../core/music/index.ts';
import type { StripSettings } from '../state/track-state.svelte.ts';
import type { EnginePort, WorkstationProject } from './engine-port.ts';

interface Strip {
  volume: Tone.Volume;
  panner: Tone.Panner;
}

interface Graph {
  strips: Strip[];
  nodes: { dispose(): unknown }[];
}

const RELEASE_TAIL_SECONDS = 1.5;

function silenced(strip: StripSettings, anySolo: boolean): boolean {
  return strip.muted || (anySolo && !strip.soloed);
}

/** Builds the project's graph in the current Tone context, scheduled on its transport. */
function buildGraph(project: WorkstationProject, transport: ReturnType<typeof Tone.getTransport>): Graph {
  const graph: Graph = { strips: [], nodes: [] };
  const map = TempoMap.fromSong(project.song);
  const settings = [...project.midiStrips, ...project.clips.map((c) => c.strip)];
  const anySolo = settings.some((s) => s.soloed);
  const addStrip = (strip: StripSettings): Tone.Volume => {
    const panner = new Tone.Panner(strip.pan).toDestination();
    const volume = new Tone.Volume({ volume: strip.volumeDb, mute: silenced(strip, anySolo) }).connect(panner);
    graph.strips.push({ volume, panner });
    graph.nodes.push(volume, panner);
    return volume;
  };
  project.song.tracks.forEach((track, index) => {
    const input = addStrip(project.midiStrips[index]);
    const synth = new Tone.PolySynth(Tone.Synth, { volume: -10 }).connect(input);
    const events = track.notes.map((note) => ({
      time: map.tickToSeconds(note.startTick),
      pitch: Tone.Frequency(note.pitch, 'midi').toFrequency(),
      duration: map.tickToSeconds(note.endTick) - map.tickToSeconds(note.startTick),
      velocity: note.velocity / 127,
    }));
    const part = new Tone.Part((time, event) => {
      synth.triggerAttackRelease(event.pitch, event.duration, time, event.velocity);
    }, events);
    part.start(0);
    graph.nodes.push(synth, part);
  });
  for (const clip of project.clips) {
    const input = addStrip(clip.strip);
    const player = new Tone.Player(Tone.ToneAudioBuffer.fromArray(clip.audio.channels)).connect(input);
    player.sync().start(0);
    graph.nodes.push(player);
  }
  void transport;
  return graph;
}

function projectSeconds(project: WorkstationProject): number {
  const map = TempoMap.fromSong(project.song);
  const end = project.song.tracks.reduce((e, t) => Math.max(e, ...t.notes.map((n) => n.endTick)), 0);
  const clipEnd = project.clips.reduce((e, c) => Math.max(e, (c.audio.channels[0]?.length ?? 0) / c.audio.sampleRate), 0);
  return Math.max(map.tickToSeconds(end), clipEnd);
}

class ToneEngineSession implements EnginePort {
  private graph: Graph | null = null;
  private settings: StripSettings[] = [];

  async unlock(): Promise<void> {
    await Tone.start();
  }

  async load(project: WorkstationProject): Promise<string[]> {
    this.stop();
    this.clear();
    const transport = Tone.getTransport();
    transport.cancel();
    this.graph = buildGraph(project, transport);
    this.settings = [...project.midiStrips, ...project.clips.map((c) => c.strip)];
    return project.song.tracks.map((t) => (t.isDrum ? 'Drums (Poly Synth)' : 'Poly Synth'));
  }

  play(fromSeconds: number): void {
    Tone.getTransport().start(undefined, fromSeconds);
  }

  stop(): void {
    Tone.getTransport().pause();
  }

  get playing(): boolean {
    return Tone.getTransport().state === 'started';
  }

  positionSeconds(): number {
    return Tone.getTransport().seconds;
  }

  setLoop(enabled: boolean, startSeconds: number, endSeconds: number): void {
    const transport = Tone.getTransport();
    transport.loop = enabled && endSeconds > startSeconds;
    if (endSeconds > startSeconds) transport.setLoopPoints(startSeconds, endSeconds);
  }

  setStrip(trackIndex: number, strip: StripSettings): void {
    this.settings[trackIndex] = strip;
    const anySolo = this.settings.some((s) => s.soloed);
    this.graph?.strips.forEach((node, index) => {
      const settings = this.settings[index];
      if (settings === undefined) return;
      node.volume.volume.value = settings.volumeDb;
      node.volume.mute = silenced(settings, anySolo);
      node.panner.pan.value = settings.pan;
    });
  }

  async render(project: WorkstationProject, sampleRate: number, onProgress: (fraction: number) => void): Promise<AudioData> {
    onProgress(0);
    const seconds = projectSeconds(project) + RELEASE_TAIL_SECONDS;
    const buffer = await Tone.Offline(({ transport }) => {
      buildGraph(project, transport);
      transport.start(0);
    }, seconds, 2, sampleRate);
    onProgress(1);
    const channels: Float32Array[] = [];
    for (let c = 0; c < buffer.numberOfChannels; c++) channels.push(buffer.getChannelData(c).slice());
    return { sampleRate: buffer.sampleRate, channels };
  }

  dispose(): void {
    this.stop();
    this.clear();
  }

  private clear(): void {
    for (const node of this.graph?.nodes ?? []) node.dispose();
    this.graph = null;
  }
}

export function createEngineSession(): EnginePort {
  return new ToneEngineSession();
}
