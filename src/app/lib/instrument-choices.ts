/**
 * The instrument picker's choices, as plain values: a track's instrument ⇄ one option string.
 * 'default' is the engine's built-in sound for the track's GM program (Sampler or Poly Synth).
 */
import { GM_PROGRAM_NAMES } from '../../core/soundfont/gm-programs.ts';
import { SAMPLER_SOUNDS } from '../../plugins/builtin/sampler.ts';
import type { ParamValues } from '../../plugins/types.ts';

export interface InstrumentOption {
  value: string;
  label: string;
}

export interface InstrumentGroup {
  label: string;
  options: InstrumentOption[];
}

export const DEFAULT_CHOICE = 'default';
export const LATENT_SYNTH_CHOICE = 'latent-synth';

export function instrumentGroups(): InstrumentGroup[] {
  return [
    { label: 'Built-in', options: [{ value: DEFAULT_CHOICE, label: 'Built-in synth (by program)' }, { value: 'poly-synth', label: 'Poly Synth' }, ...SAMPLER_SOUNDS.map((s) => ({ value: `sampler:${s}`, label: `Sampler: ${s}` }))] },
    { label: 'General MIDI (FluidR3Mono)', options: [{ value: 'gm:drums', label: 'Drum kit' }, ...GM_PROGRAM_NAMES.map((name, p) => ({ value: `gm:${p}`, label: `${String(p + 1).padStart(3, '0')} ${name}` }))] },
    { label: 'Model', options: [{ value: LATENT_SYNTH_CHOICE, label: 'Latent Synth (set from its panel)' }] },
  ];
}

/** The option a track's instrument shows as. */
export function choiceOf(instrument: { plugin: string; params: ParamValues } | undefined): string {
  if (instrument === undefined) return DEFAULT_CHOICE;
  const { plugin, params } = instrument;
  if (plugin === 'gm-soundfont') return params.drums === true ? 'gm:drums' : `gm:${typeof params.program === 'number' ? params.program : 0}`;
  if (plugin === 'sampler') return `sampler:${typeof params.sound === 'string' ? params.sound : 'keys'}`;
  return plugin;
}

/** The plugin and params an option stands for; null for the default (or a choice made elsewhere). */
export function instrumentOfChoice(choice: string): { plugin: string; params: ParamValues } | null {
  if (choice === 'gm:drums') return { plugin: 'gm-soundfont', params: { program: 0, drums: true } };
  if (choice.startsWith('gm:')) {
    const program = Number(choice.slice(3));
    if (Number.isInteger(program) && program >= 0 && program <= 127) return { plugin: 'gm-soundfont', params: { program, drums: false } };
    return null;
  }
  if (choice.startsWith('sampler:')) return { plugin: 'sampler', params: { sound: choice.slice(8) } };
  if (choice === 'poly-synth') return { plugin: 'poly-synth', params: {} };
  return null;
}

/** How an option is named in Undo / Redo ("Flute", "Sampler: keys"); the GM number left off. */
export function choiceName(choice: string): string {
  const option = instrumentGroups()
    .flatMap((g) => g.options)
    .find((o) => o.value === choice);
  return option === undefined ? choice : option.label.replace(/^\d{3} /, '');
}
