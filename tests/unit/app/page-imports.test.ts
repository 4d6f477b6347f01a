// The page never runs a model (the ML worker does), so its static imports must not reach tfjs:
// that would put ~1 MB of model code in the bundle every page load parses.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// `import … from '…'` and `export … from '…'` (not `import type`, not dynamic `import()`)
const STATIC_IMPORT = /^\s*(import|export)\s+(?!type\b)([^;]*?\bfrom\s+)?['"]([^'"]+)['"]/gm;

function isTypeOnly(clause: string): boolean {
  const names = /^\s*\{([^}]*)\}\s*from/.exec(clause);
  return names !== null && names[1].split(',').every((name) => name.trim() === '' || name.trim().startsWith('type '));
}

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const code = file.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
  return [...code.matchAll(STATIC_IMPORT)].filter((m) => !isTypeOnly(m[2] ?? '')).map((m) => (m[3].startsWith('.') ? normalize(join(dirname(file), m[3])) : m[3]));
}

/** Each module the entry reaches, with the module that first imported it. */
function reach(entry: string): Map<string, string | null> {
  const from = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!file.startsWith('src/')) continue;
    for (const next of staticImports(file)) {
      if (from.has(next)) continue;
      from.set(next, file);
      queue.push(next);
    }
  }
  return from;
}

function chain(from: Map<string, string | null>, end: string): string {
  const links: string[] = [];
  for (let at: string | null | undefined = end; at !== null && at !== undefined; at = from.get(at)) links.push(at);
  return links.join(' <- ');
}

describe('the page bundle', () => {
  it('reaches no tfjs through static imports from the page entry', () => {
    const from = reach('src/app/main.ts');
    const tfjs = [...from.keys()].filter((module) => module.startsWith('@tensorflow/'));
    expect(tfjs.map((module) => chain(from, module))).toEqual([]);
  });
});
