#!/usr/bin/env node
// The floor for `validate` (#18): what any validator of these filings must do at least — read each
// file, parse it (js-yaml, or JSON.parse for .json) and run the precompiled JSON Schema validator
// (dist/schema/validator.cjs, the same one cluster uses) — and nothing else: no rules, metrics,
// positions, evidence checks or report. `npm run bench` runs it beside `cluster validate` on the same
// files, so the figures are ratios to this floor.
//   node bench/floor-validate.cjs <file or folder>...
'use strict';
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const jsyaml = require('js-yaml');
const validate = require('../dist/schema/validator.cjs');

function* files(p) {
  if (statSync(p).isDirectory()) {
    for (const e of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) yield* files(join(p, e.name));
      else if (/^cluster\.(ya?ml|json)$/.test(e.name)) yield join(p, e.name);
    }
  } else yield p;
}

let n = 0;
let invalid = 0;
for (const arg of process.argv.slice(2)) {
  for (const f of files(arg)) {
    const text = readFileSync(f, 'utf8');
    const data = f.endsWith('.json') ? JSON.parse(text) : jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
    if (!validate(data)) invalid++;
    n++;
  }
}
process.stdout.write(`${n} files, ${invalid} invalid by the schema\n`);
