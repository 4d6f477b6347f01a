/**
 * A project as JSON text and back. Audio stays out (clips name pooled sources by id), so a saved
 * project is small; −Infinity faders (silence) are written as the string "-Infinity", which
 * JSON itself cannot hold.
 */
import { badInput } from '../core/errors.ts';
import { describeZodIssue } from '../plugins/zod-issues.ts';
import type { Project } from './project.ts';
import { projectSchema } from './project-schema.ts';
import { validateProject } from './project-validate.ts';

const SILENCE = '-Infinity';

export function projectToJson(project: Project): string {
  return JSON.stringify(project, (_key, value: unknown) => (value === Number.NEGATIVE_INFINITY ? SILENCE : value));
}

/**
 * Reads a project written by projectToJson and checks it (every field, plugins, params, strips).
 * @throws AleaError 'bad-input' for text that is not a project
 */
export function projectFromJson(text: string): Project {
  let raw: unknown;
  try {
    raw = JSON.parse(text, (_key, value: unknown) => (value === SILENCE ? Number.NEGATIVE_INFINITY : value));
  } catch (error) {
    throw badInput(`project is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = projectSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw badInput(`project: ${describeZodIssue(parsed.error.issues[0])}`);
  const project: Project = parsed.data;
  return validateProject(project);
}
