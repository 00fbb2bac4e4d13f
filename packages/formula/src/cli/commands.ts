/**
 * The subcommands of `gradlab-formula`, registered in one place: a first
 * argument that is one of these names runs that command with the arguments
 * after it; anything else (a name, an option, `--`) runs the default command.
 *
 * To add one: write `src/cli/NAME-command.ts` exporting a {@link Command}, and
 * add one entry below. It is loaded only when it is run, so that it costs the
 * other commands nothing.
 *
 * @example
 * ```ts
 * // check: () => import('./check-command').then((m) => m.checkCommand),
 * ```
 */
import type { CliContext } from './io';

/** A subcommand: `gradlab-formula NAME ...argv`. */
export interface Command {
  /**
   * Runs with the arguments after the command's name and returns the exit code
   * (0 done, 1 a failure it reported, 2 bad input). A FormulaError it throws is
   * printed as one line on stderr (`gradlab-formula: ...`) with exit code 2; use
   * `parseOptions` from `./options` for its options and `context` for all I/O.
   */
  run(argv: readonly string[], context: CliContext): Promise<number>;
}

/** A registered subcommand: its one-line summary for the main help, and how to load it. */
export interface SubcommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Every subcommand, by the word that runs it. */
export const SUBCOMMANDS: Readonly<Record<string, SubcommandEntry>> = {
  check: {
    summary: "check a student's forward and backward pass (--answers FILE), or write a blank answers file (--template)",
    load: () => import('./check-command').then((m) => m.checkCommand),
  },
  kit: {
    summary: 'an instructor kit for a roster: answer key and handouts (--roster FILE --out DIR)',
    load: () => import('./kit-command').then((m) => m.kitCommand),
  },
};
