import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/**
 * Where a command that writes `count` files puts them: one file as given; several as
 * name-1.mid…name-N.mid; into a folder (existing, or a path ending in /) as <input>-<tag>-K.mid.
 */
export async function outputPaths(output: string, inputPath: string, count: number, tag: string): Promise<string[]> {
  const isFolder = await stat(output).then((s) => s.isDirectory(), () => false);
  if (isFolder || output.endsWith('/')) {
    const stem = basename(inputPath, extname(inputPath));
    return Array.from({ length: count }, (_, i) => join(output, `${stem}-${tag}-${i + 1}.mid`));
  }
  if (count === 1) return [output];
  const extension = extname(output) || '.mid';
  const stem = output.slice(0, output.length - extname(output).length);
  return Array.from({ length: count }, (_, i) => `${stem}-${i + 1}${extension}`);
}
