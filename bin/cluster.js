#!/usr/bin/env node
// Thin entry point: everything else is loaded lazily by the command that needs it.
import { main } from '../dist/cli.js';

// `cluster validate … | head` closes the pipe early: stop quietly instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`cluster: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
