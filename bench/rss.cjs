// Preloaded into benchmarked node processes (NODE_OPTIONS=--require): records peak RSS at exit.
const { appendFileSync } = require('node:fs');
const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
