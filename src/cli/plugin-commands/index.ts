/**
 * One command per plugin the CLI can run on files, taken from the registry: MIDI generators,
 * MIDI effects and audio effects, each named by its plugin id, its flags derived from its params.
 * Instruments are played by `alea render`. `alea plugins` lists them all.
 */
import { Command } from 'commander';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { isAudioEffect, isMidiEffect, isMidiGenerator, type Plugin } from '../../plugins/types.ts';
import { action } from '../run-command.ts';
import { audioEffectCommand, midiEffectCommand } from './effect-commands.ts';
import { generatorCommand } from './generator-command.ts';

/** The CLI command for a plugin, or null for kinds that have none (instruments). */
export function pluginCommand(plugin: Plugin): Command | null {
  if (isMidiGenerator(plugin)) return generatorCommand(plugin);
  if (isMidiEffect(plugin)) return midiEffectCommand(plugin);
  if (isAudioEffect(plugin)) return audioEffectCommand(plugin);
  return null;
}

/** Adds a command per plugin; a plugin whose id names an existing command is reached as `alea plugin <id>` only. */
export function registerPluginCommands(program: Command, registry: PluginRegistry): void {
  const taken = new Set(program.commands.map((c) => c.name()));
  const nested = new Command('plugin').description('run a plugin by id (every plugin with a command line is also a command of its own)');
  for (const plugin of registry.list()) {
    const own = pluginCommand(plugin);
    const inner = pluginCommand(plugin);
    if (own === null || inner === null) continue;
    if (!taken.has(own.name())) program.addCommand(own);
    nested.addCommand(inner);
  }
  program.addCommand(nested);
  program
    .command('plugins')
    .description('list the plugins Alea hosts: id, kind, version and parameters')
    .option('--json', 'print them as JSON (descriptors)')
    .action(
      action(async (options: { json?: boolean }) => {
        const plugins = registry.list().map((p) => p.descriptor);
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(plugins, null, 2)}\n`);
          return;
        }
        for (const d of plugins) process.stdout.write(`${d.id.padEnd(20)} ${d.kind.padEnd(15)} ${d.version.padEnd(7)} ${d.description}\n`);
      }),
    );
}
