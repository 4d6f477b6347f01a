/**
 * What every exported file says about how it was made. Written into MIDI text meta events and
 * WAV INFO/iXML chunks. No timestamps: the same inputs and seed must give the same bytes.
 */
export interface ModelRef {
  name: string;
  /** sha256 of the model's weights (hex), as recorded in its card. */
  sha256: string;
}

export interface Provenance {
  /** e.g. "Alea 0.1.0 continue" */
  generator: string;
  model?: ModelRef;
  params?: Record<string, string | number | boolean>;
  seed?: number;
  /** Free text, e.g. the source file a render came from. */
  source?: string;
}

export const ALEA_VERSION = '0.1.0';

/** A compact, stable, single-line rendering (keys in a fixed order) for text chunks. */
export function provenanceToText(p: Provenance): string {
  const parts: string[] = [`generator=${p.generator}`];
  if (p.model) parts.push(`model=${p.model.name}`, `model_sha256=${p.model.sha256}`);
  if (p.seed !== undefined) parts.push(`seed=${p.seed}`);
  if (p.source !== undefined) parts.push(`source=${p.source}`);
  if (p.params) {
    for (const key of Object.keys(p.params).sort()) parts.push(`${key}=${String(p.params[key])}`);
  }
  return parts.join('; ');
}

/** Inverse of provenanceToText; tolerant of unknown keys (they land in params). */
export function provenanceFromText(text: string): Provenance {
  const result: Provenance = { generator: '' };
  const params: Record<string, string> = {};
  for (const part of text.split('; ')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'generator') result.generator = value;
    else if (key === 'model') result.model = { name: value, sha256: result.model?.sha256 ?? '' };
    else if (key === 'model_sha256') result.model = { name: result.model?.name ?? '', sha256: value };
    else if (key === 'seed') result.seed = Number(value);
    else if (key === 'source') result.source = value;
    else params[key] = value;
  }
  if (Object.keys(params).length > 0) result.params = params;
  return result;
}
