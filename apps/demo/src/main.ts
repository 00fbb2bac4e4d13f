#!/usr/bin/env node
/** Entry point of `pnpm demo`: see `cli.ts`. */
import { main } from './cli';

// `pnpm demo | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  // `pnpm demo` runs this script in apps/demo; INIT_CWD is where the user typed it.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
