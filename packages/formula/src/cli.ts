#!/usr/bin/env node
/**
 * gradlab-formula: the course script's output for a name, and the worked
 * solution, graph and checks for it or for any formula. The only entry point
 * of the package that needs Node; the commands live in `src/cli/` (the
 * subcommands are registered in `src/cli/commands.ts`).
 */
import { version } from '../package.json';
import { commandDirectory } from './cli/files';
import { Output } from './cli/io';
import { main } from './cli/main';

main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: new Output(process.stdout),
  stderr: new Output(process.stderr),
  env: process.env,
  cwd: commandDirectory(process.env, process.cwd()),
  version,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not bad input: say so in one line, and keep the details for a report.
    process.stderr.write(`gradlab-formula: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.GRADLAB_DEBUG) console.error(error);
    process.exitCode = 1;
  },
);
