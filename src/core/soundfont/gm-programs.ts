/**
 * General MIDI program names, families and playable ranges. The ranges keep a dataset to the
 * notes an instrument really plays (a tuba has no C7), so a model never learns from samples that a
 * bank stretched far beyond their recording.
 */

export const GM_FAMILIES = [
  'piano', 'chromatic-percussion', 'organ', 'guitar', 'bass', 'strings', 'ensemble', 'brass',
  'reed', 'pipe', 'synth-lead', 'synth-pad', 'synth-effects', 'ethnic', 'percussive', 'sound-effects',
] as const;
export type GmFamily = (typeof GM_FAMILIES)[number];

export const GM_PROGRAM_NAMES: readonly string[] = [
  'Acoustic Grand Piano', 'Bright Acoustic Piano', 'Electric Grand Piano', 'Honky-tonk Piano',
  'Electric Piano 1', 'Electric Piano 2', 'Harpsichord', 'Clavinet',
  'Celesta', 'Glockenspiel', 'Music Box', 'Vibraphone', 'Marimba', 'Xylophone', 'Tubular Bells', 'Dulcimer',
  'Drawbar Organ', 'Percussive Organ', 'Rock Organ', 'Church Organ', 'Reed Organ', 'Accordion', 'Harmonica', 'Tango Accordion',
  'Acoustic Guitar (nylon)', 'Acoustic Guitar (steel)', 'Electric Guitar (jazz)', 'Electric Guitar (clean)',
  'Electric Guitar (muted)', 'Overdriven Guitar', 'Distortion Guitar', 'Guitar Harmonics',
  'Acoustic Bass', 'Electric Bass (finger)', 'Electric Bass (pick)', 'Fretless Bass',
  'Slap Bass 1', 'Slap Bass 2', 'Synth Bass 1', 'Synth Bass 2',
  'Violin', 'Viola', 'Cello', 'Contrabass', 'Tremolo Strings', 'Pizzicato Strings', 'Orchestral Harp', 'Timpani',
  'String Ensemble 1', 'String Ensemble 2', 'Synth Strings 1', 'Synth Strings 2',
  'Choir Aahs', 'Voice Oohs', 'Synth Voice', 'Orchestra Hit',
  'Trumpet', 'Trombone', 'Tuba', 'Muted Trumpet', 'French Horn', 'Brass Section', 'Synth Brass 1', 'Synth Brass 2',
  'Soprano Sax', 'Alto Sax', 'Tenor Sax', 'Baritone Sax', 'Oboe', 'English Horn', 'Bassoon', 'Clarinet',
  'Piccolo', 'Flute', 'Recorder', 'Pan Flute', 'Blown Bottle', 'Shakuhachi', 'Whistle', 'Ocarina',
  'Lead 1 (square)', 'Lead 2 (sawtooth)', 'Lead 3 (calliope)', 'Lead 4 (chiff)',
  'Lead 5 (charang)', 'Lead 6 (voice)', 'Lead 7 (fifths)', 'Lead 8 (bass + lead)',
  'Pad 1 (new age)', 'Pad 2 (warm)', 'Pad 3 (polysynth)', 'Pad 4 (choir)',
  'Pad 5 (bowed)', 'Pad 6 (metallic)', 'Pad 7 (halo)', 'Pad 8 (sweep)',
  'FX 1 (rain)', 'FX 2 (soundtrack)', 'FX 3 (crystal)', 'FX 4 (atmosphere)',
  'FX 5 (brightness)', 'FX 6 (goblins)', 'FX 7 (echoes)', 'FX 8 (sci-fi)',
  'Sitar', 'Banjo', 'Shamisen', 'Koto', 'Kalimba', 'Bagpipe', 'Fiddle', 'Shanai',
  'Tinkle Bell', 'Agogo', 'Steel Drums', 'Woodblock', 'Taiko Drum', 'Melodic Tom', 'Synth Drum', 'Reverse Cymbal',
  'Guitar Fret Noise', 'Breath Noise', 'Seashore', 'Bird Tweet', 'Telephone Ring', 'Helicopter', 'Applause', 'Gunshot',
];

/** Inclusive MIDI pitch range per family (the usual written range of its instruments). */
const FAMILY_RANGES: Readonly<Record<GmFamily, readonly [number, number]>> = {
  'piano': [21, 108],
  'chromatic-percussion': [53, 96],
  'organ': [36, 96],
  'guitar': [40, 84],
  'bass': [28, 67],
  'strings': [36, 96],
  'ensemble': [36, 96],
  'brass': [40, 84],
  'reed': [46, 88],
  'pipe': [60, 96],
  'synth-lead': [36, 96],
  'synth-pad': [36, 96],
  'synth-effects': [36, 96],
  'ethnic': [48, 84],
  'percussive': [36, 84],
  'sound-effects': [48, 72],
};

/** Instruments whose range differs much from their family's. */
const PROGRAM_RANGES: Readonly<Record<number, readonly [number, number]>> = {
  6: [29, 89], // harpsichord
  9: [67, 108], // glockenspiel
  12: [45, 96], // marimba
  14: [60, 77], // tubular bells
  40: [55, 100], // violin
  41: [48, 88], // viola
  42: [36, 76], // cello
  43: [28, 60], // contrabass
  46: [24, 103], // harp
  47: [40, 57], // timpani
  56: [54, 86], // trumpet
  57: [40, 72], // trombone
  58: [28, 58], // tuba
  59: [54, 86], // muted trumpet
  60: [41, 77], // french horn
  64: [56, 88], // soprano sax
  65: [49, 81], // alto sax
  66: [44, 76], // tenor sax
  67: [36, 69], // baritone sax
  68: [58, 91], // oboe
  69: [52, 81], // english horn
  70: [34, 72], // bassoon
  71: [50, 91], // clarinet
  72: [74, 108], // piccolo
};

export function gmFamily(program: number): GmFamily {
  return GM_FAMILIES[Math.min(15, Math.max(0, Math.floor(program / 8)))];
}

export function gmProgramName(program: number): string {
  return GM_PROGRAM_NAMES[program] ?? `Program ${program}`;
}

/** Inclusive [low, high] MIDI pitches the program plays. */
export function gmPlayableRange(program: number): readonly [number, number] {
  return PROGRAM_RANGES[program] ?? FAMILY_RANGES[gmFamily(program)];
}

/** Pitches from the low end of the range up, every `step` semitones. */
export function gmPitchGrid(program: number, step: number): number[] {
  const [low, high] = gmPlayableRange(program);
  const pitches: number[] = [];
  for (let pitch = low; pitch <= high; pitch += step) pitches.push(pitch);
  return pitches;
}
