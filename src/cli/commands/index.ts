import type { Command } from 'commander';
import { createBuiltinRegistry } from '../../plugins/builtin/builtin-registry.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { registerPluginCommands } from '../plugin-commands/index.ts';
import { registerInfo } from './info.ts';
import { registerRender } from './render.ts';
import { registerBench } from './bench.ts';
import { registerTrain } from './train.ts';
import { registerEval } from './eval.ts';
import { registerModels } from './models.ts';
import { registerDataset } from './dataset.ts';
import { registerMorph } from './morph.ts';

/**
 * Every subcommand; each module imports its heavy dependencies (tfjs, Tone) only when run.
 * Plugin commands (`alea continue`, `alea gain`…) come from the registry.
 */
export function registerCommands(program: Command, registry: PluginRegistry = createBuiltinRegistry()): void {
  registerInfo(program);
  registerRender(program);
  registerTrain(program);
  registerEval(program);
  registerBench(program);
  registerModels(program);
  registerDataset(program);
  registerMorph(program);
  registerPluginCommands(program, registry);
}
