import { describe, expect, it } from 'vitest';
import { escapeControls, escapeMessage, jsonSafe, stringifySafe, hasControls } from '../src/escape.js';
import { FORMATTERS } from '../src/format/index.js';
import type { Report } from '../src/format/types.js';
import { PLAIN } from '../src/format/types.js';

// Every character a terminal or a viewer could act on.
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007\r\b\u0000\u007f\u009b31m\u202eevil\u2066\u2028x\ty\nz';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeControls', () => {
  it('shows every control character as \\uXXXX and keeps the rest', () => {
    const s = escapeControls(`名称${HOSTILE}`);
    expect(s).toBe('名称\\u001b[2J\\u001b]0;pwned\\u0007\\u000d\\u0008\\u0000\\u007f\\u009b31m\\u202eevil\\u2066\\u2028x\\u0009y\\u000az');
    expect(hasControls(s)).toBe(false);
    expect(hasControls(HOSTILE)).toBe(true);
  });
  it('escapeMessage keeps newline and tab only', () => {
    expect(escapeMessage('a\nb\tc\u001bd\re')).toBe('a\nb\tc\\u001bd\\u000de');
  });
  it('jsonSafe keeps the JSON value and leaves no raw control', () => {
    const v = { name: HOSTILE, n: 1 };
    const text = stringifySafe(v, 2);
    expect(RAW.test(text.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(text)).toEqual(v);
    expect(jsonSafe('"\u009b"')).toBe('"\\u009b"');
  });
});

describe('every formatter escapes control characters from the data', () => {
  const report: Report = {
    tool: { name: 'cluster', version: '0' },
    profile: 'national-2024',
    results: [
      {
        file: `f${HOSTILE}.yaml`,
        valid: false,
        summary: { error: 1, warning: 0, info: 0 },
        findings: [{ ruleId: 'schema/unknown-key', severity: 'error', message: `未知字段 ${HOSTILE}`, path: '/x', line: 1, column: 1 }],
      },
    ],
  } as unknown as Report;
  for (const [name, f] of Object.entries(FORMATTERS)) {
    it(name, () => {
      const out = f(report, { lang: 'zh', paint: PLAIN, rules: [] } as never);
      // Newlines separate the format's own lines; nothing else may be raw.
      expect(RAW.test(out.replace(/\n/g, '').replace(/\t/g, ''))).toBe(false);
      expect(out).toMatch(/\\u001b|%1B|\\\\u001b/i);
    });
  }
});
