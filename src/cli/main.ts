import { Command, CommanderError } from 'commander';
import { ALEA_VERSION } from '../core/provenance.ts';
import { registerCommands } from './commands/index.ts';
import { EXIT_OK, EXIT_USAGE } from './run-command.ts';

/**
 * The `alea` command line. Results go to stdout, progress and errors to stderr. Exit codes:
 * 0 success, 1 bad input or failure, 2 bad usage.
 */
const program = new Command('alea')
  .description('Alea: generate, morph, remix and render music offline')
  .version(ALEA_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`alea: ${text.replace(/^error: /, '')}`) });

registerCommands(program);

// `alea bench` reads a child render's peak memory this way (resourceUsage is in KiB).
if (process.env.ALEA_REPORT_MAXRSS) process.on('exit', () => process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help, --version and `alea help` exit 0; help shown because no command was given is bad usage.
    const helpOrVersion = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    process.exitCode = helpOrVersion && error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  } else {
    // Errors thrown by option parsers (usage) land here before any action runs.
    const { describeError, exitCodeFor } = await import('./run-command.ts');
    process.stderr.write(`alea: ${describeError(error)}\n`);
    process.exitCode = exitCodeFor(error);
  }
}
