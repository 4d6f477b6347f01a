import type { Command } from 'commander';
import { registerInfo } from './info.ts';
import { registerRender } from './render.ts';
import { registerBench } from './bench.ts';
import { registerTrain } from './train.ts';
import { registerContinue } from './continue.ts';
import { registerEval } from './eval.ts';

/** Every subcommand; each module imports its heavy dependencies (tfjs, Tone) only when run. */
export function registerCommands(program: Command): void {
  registerInfo(program);
  registerRender(program);
  registerContinue(program);
  registerTrain(program);
  registerEval(program);
  registerBench(program);
}
