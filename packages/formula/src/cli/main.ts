/**
 * Dispatches a command line: a first argument naming a registered subcommand
 * runs it; anything else runs the default command. Errors become one line on
 * stderr and an exit code.
 */
import { FormulaError } from '../errors';
import { SUBCOMMANDS, type SubcommandEntry } from './commands';
import { runFormulaCommand } from './formula-command';
import { errorLine, OutputError, type CliContext } from './io';

/**
 * Runs `gradlab-formula` with `argv` (the arguments after the program) and
 * returns the exit code: 0 done, 1 the output could not be written, 2 bad input
 * (a FormulaError: one line on stderr, never a stack trace).
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), context);
 * ```
 */
export async function main(
  argv: readonly string[],
  context: CliContext,
  subcommands: Readonly<Record<string, SubcommandEntry>> = SUBCOMMANDS,
): Promise<number> {
  try {
    const first = argv[0];
    if (first !== undefined && Object.hasOwn(subcommands, first)) {
      const command = await subcommands[first]!.load();
      return await command.run(argv.slice(1), context);
    }
    const list = Object.entries(subcommands).map(([name, entry]) => ({ name, summary: entry.summary }));
    return await runFormulaCommand(argv, context, list);
  } catch (error) {
    if (error instanceof FormulaError) {
      await context.stderr.write(`gradlab-formula: ${errorLine(error)}\n`);
      return 2;
    }
    if (error instanceof OutputError) {
      await context.stderr.write(`gradlab-formula: ${error.message}\n`).catch(() => {});
      return 1;
    }
    throw error;
  }
}
