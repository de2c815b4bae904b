#!/usr/bin/env node
// Thin entry point: everything else is loaded lazily by the command that needs it.
import { main } from '../dist/cli.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`cluster: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
