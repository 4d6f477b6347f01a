/**
 * What a plugin is to the host: a descriptor (identity, kind, parameters) plus, per kind, the
 * few functions the host calls. Modelled on what CLAP/VST3/WAM hosts give a plugin: typed
 * parameters with ranges and defaults, state save/restore, presets and bypass.
 */
export type PluginKind = 'midi-generator' | 'midi-effect' | 'instrument' | 'audio-effect';

/**
 * 'model' holds a model reference: an installed model's name (a folder of models/, listed in
 * models/index.json) or, where the host has files, a model folder's path. It is checked by
 * loading the folder, not against a fixed list, so a copied or freshly trained model works.
 */
export type ParamKind = 'float' | 'int' | 'bool' | 'choice' | 'model';

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
  /** model: the family (card.json `family`) the folder must hold, e.g. 'transformer' */
  family?: string;
  /** a sentence for tooltips and `--help` (what the param does, in a musician's words) */
  hint?: string;
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
  /**
   * What a plugin keeps beyond its params (Latent Synth: its sounds' latents), as JSON. WAM
   * state is arbitrary JSON, so this stays compatible; the plugin checks it (`parseData`).
   */
  data?: PluginData;
}

/** JSON a plugin keeps in its state and presets (checked by the plugin's own `parseData`). */
export type PluginData = string | number | boolean | null | PluginData[] | { [key: string]: PluginData };

export * from './kinds.ts';
export * from './wam.ts';
