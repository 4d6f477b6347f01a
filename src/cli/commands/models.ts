import type { Command } from 'commander';
import { AleaError } from '../../core/errors.ts';
import { createBuiltinRegistry } from '../../plugins/builtin/builtin-registry.ts';
import { WEIGHTS_DTYPES, type WeightsDtype } from '../../ml/runtime/float16.ts';
import { SHIPPED_MODELS_DIR, resolveModelDir } from '../model-location.ts';
import { parseChoiceOption } from '../options.ts';
import { action } from '../run-command.ts';

interface IndexOptions {
  dir: string;
  check?: boolean;
}

/** `alea models index`: (re)writes models/index.json from the model folders; `--check` only compares. */
export function registerModels(program: Command): void {
  const models = program.command('models').description('the installed models (folders under models/)');
  models
    .command('index')
    .description('write models/index.json from the model folders (each checked by loading it)')
    .option('--dir <dir>', 'the models folder', SHIPPED_MODELS_DIR)
    .option('--check', 'exit 1 when index.json disagrees with the folders, without writing')
    .action(
      action(async (options: IndexOptions) => {
        const { expectedModelIndex, writeModelIndex } = await import('../../plugins/model-index-node.ts');
        const registry = createBuiltinRegistry();
        if (options.check === true) {
          const { readFile } = await import('node:fs/promises');
          const { join } = await import('node:path');
          const path = join(options.dir, 'index.json');
          const current = await readFile(path, 'utf8').catch(() => '');
          if (current !== (await expectedModelIndex(options.dir, registry))) {
            throw new AleaError('bad-input', 'disagrees with the model folders (run `alea models index`)', path);
          }
          process.stdout.write(`${path} is up to date\n`);
          return;
        }
        const result = await writeModelIndex(options.dir, registry);
        process.stdout.write(`${result.changed ? 'wrote' : 'unchanged:'} ${result.path} (${result.models} models)\n`);
      }),
    );
  models
    .command('quantize')
    .description("store a model's float32 weights as float16 (tfjs's weight quantization): half the bytes to download")
    .argument('<dir|name>', 'model folder, or the name of a shipped model')
    .option('--dtype <dtype>', `stored type of the float weights: ${WEIGHTS_DTYPES.join(', ')}`, parseChoiceOption('--dtype', WEIGHTS_DTYPES), 'float16')
    .action(
      action(async (ref: string, options: { dtype: WeightsDtype }) => {
        const dir = await resolveModelDir(ref);
        const { quantizeModelFolder, repointDependents } = await import('../../ml/runtime/quantize-node.ts');
        const { basename, dirname, resolve: resolvePath } = await import('node:path');
        const result = await quantizeModelFolder(dir, options.dtype);
        if (!result.changed) {
          process.stdout.write(`${dir}: already ${options.dtype} (${result.bytesAfter} bytes of weights); nothing changed\n`);
          return;
        }
        const share = ((100 * result.bytesAfter) / result.bytesBefore).toFixed(1);
        process.stdout.write(`${dir}: ${result.quantized} weights now ${options.dtype}, ${result.bytesBefore} → ${result.bytesAfter} bytes (${share}%)\n`);
        process.stdout.write(`${result.clamped} values beyond ${options.dtype}'s range (±65504) clamped\n`);
        const name = basename(resolvePath(dir));
        for (const other of await repointDependents(dirname(resolvePath(dir)), name, result.weightsHashBefore, result.weightsHashAfter)) {
          process.stdout.write(`${other}: config.json now names ${name} ${result.weightsHashAfter} (was ${result.weightsHashBefore})\n`);
        }
        await refreshModelIndexFor(dir);
      }),
    );
}

/** After a command changed a model folder: refreshes the index of the models folder holding it. */
export async function refreshModelIndexFor(modelDir: string): Promise<void> {
  const { dirname, resolve } = await import('node:path');
  const parent = dirname(resolve(modelDir));
  if (parent !== resolve(SHIPPED_MODELS_DIR)) return;
  const { writeModelIndex } = await import('../../plugins/model-index-node.ts');
  const result = await writeModelIndex(parent, createBuiltinRegistry());
  if (result.changed) process.stderr.write(`updated ${result.path}\n`);
}
