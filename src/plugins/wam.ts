/** Web Audio Modules 2.0 parameter info, derived from Alea's ParamSpecs. */
import type { ParamSpec } from './types.ts';

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
 * Alea's ParamSpec maps onto WamParameterInfo one to one. A model reference is not a number a
 * host can automate: it shows as a one-entry choice (the default model).
 */
export function toWamParameterInfo(spec: ParamSpec): WamParameterInfo {
  const choices = spec.kind === 'model' ? [String(spec.default)] : (spec.choices ?? []);
  const base = { id: spec.id, label: spec.label, units: spec.unit ?? '', choices };
  switch (spec.kind) {
    case 'bool':
      return { ...base, type: 'boolean', defaultValue: spec.default === true ? 1 : 0, minValue: 0, maxValue: 1, discreteStep: 1 };
    case 'choice':
    case 'model':
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
