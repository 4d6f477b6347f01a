/**
 * What a plugin is to the host: a descriptor (identity, kind, parameters) plus, per kind, the
 * few functions the host calls. Modelled on what CLAP/VST3/WAM hosts give a plugin: typed
 * parameters with ranges and defaults, state save/restore, presets and bypass.
 */
import type { Song } from '../core/music/types.ts';

export type PluginKind = 'midi-generator' | 'midi-effect' | 'instrument' | 'audio-effect';

export type ParamKind = 'float' | 'int' | 'bool' | 'choice';

export type ParamValue = number | boolean | string;

/** A full, validated set of parameter values, keyed by ParamSpec.id. */
export type ParamValues = Record<string, ParamValue>;

export interface ParamSpec {
  id: string;
  label: string;
  kind: ParamKind;
  /** float/int: inclusive range */
  min?: number;
  max?: number;
  default: ParamValue;
  /** choice: the allowed values, in display order */
  choices?: string[];
  unit?: string;
  /** float: the smallest meaningful change (UI knobs, automation quantisation) */
  step?: number;
  /** float: how 0..1 automation maps onto the range ('log' for frequencies and times) */
  scale?: 'linear' | 'log';
  /** false for settings that must not change while playing; default true */
  automatable?: boolean;
}

export interface PluginDescriptor {
  /** kebab-case, unique in a registry; also the preset folder name */
  id: string;
  name: string;
  /** semver; presets and states of another major version are refused */
  version: string;
  kind: PluginKind;
  params: ParamSpec[];
  /** folder under models/ holding the plugin's trained model, if it has one */
  model?: string;
  description: string;
}

/** Everything needed to restore a plugin instance: saved in projects, exchanged as JSON. */
export interface PluginState {
  plugin: string;
  version: string;
  params: ParamValues;
  bypass: boolean;
}

/** Every plugin: data the host can list, show and validate. */
export interface Plugin {
  descriptor: PluginDescriptor;
}

/** Transforms a song's notes (transpose, quantise, arpeggiate...). Never mutates its input. */
export interface MidiEffectPlugin extends Plugin {
  process(song: Song, params: ParamValues): Song;
}

/**
 * A sound source described by its parameters only; the engine realises it (Tone.js for playback,
 * its offline renderer for export), so the description stays free of audio APIs.
 */
export type InstrumentPlugin = Plugin;

export function isMidiEffect(plugin: Plugin): plugin is MidiEffectPlugin {
  return plugin.descriptor.kind === 'midi-effect' && 'process' in plugin;
}

/** Web Audio Modules 2.0 parameter description (WamParameterInfo's data fields). */
export interface WamParameterInfo {
  id: string;
  label: string;
  type: 'float' | 'int' | 'boolean' | 'choice';
  defaultValue: number;
  minValue: number;
  maxValue: number;
  /** choice: WAM stores the index; these are the labels */
  choices: string[];
  units: string;
  discreteStep: number;
}

/**
 * WAM parameters are numbers only: booleans become 0/1 and choices their index, which is why
 * Alea's ParamSpec maps onto WamParameterInfo one to one.
 */
export function toWamParameterInfo(spec: ParamSpec): WamParameterInfo {
  const choices = spec.choices ?? [];
  const base = { id: spec.id, label: spec.label, units: spec.unit ?? '', choices };
  switch (spec.kind) {
    case 'bool':
      return { ...base, type: 'boolean', defaultValue: spec.default === true ? 1 : 0, minValue: 0, maxValue: 1, discreteStep: 1 };
    case 'choice':
      return {
        ...base,
        type: 'choice',
        defaultValue: Math.max(0, choices.indexOf(String(spec.default))),
        minValue: 0,
        maxValue: Math.max(0, choices.length - 1),
        discreteStep: 1,
      };
    case 'int':
    case 'float':
      return {
        ...base,
        type: spec.kind,
        defaultValue: Number(spec.default),
        minValue: spec.min ?? 0,
        maxValue: spec.max ?? 1,
        discreteStep: spec.kind === 'int' ? 1 : (spec.step ?? 0),
      };
  }
}
