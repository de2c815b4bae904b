/**
 * The fixed texts the PDFs print (titles, 填报说明, 备注, 认定标准, 九's lines) are the seed's own:
 * checked against the notice itself, so a mistyped constant cannot pass the render tests, which take
 * their expectations from these same constants.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as F from '../src/render/fixed.js';
import { loadProfile } from '../src/profile.js';

const profile = loadProfile('national-2024');
/** The seed with markup, whitespace and bracket style removed (OCR noise: "2023 年", "(" vs "（"). */
const norm = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[：:]/g, ':')
    .replace(/^\d+\.|^\(\d+\)/, '');
const seed = norm(readFileSync(new URL('./fixtures/seed-notice.txt', import.meta.url), 'utf8'));

function expectInSeed(text: string): void {
  expect(seed.includes(norm(text)), text).toBe(true);
}

describe('fixed texts of the forms are verbatim from the seed (national-2024)', () => {
  it('titles and header lines', () => {
    for (const t of [F.FORM2_TITLE, F.MINISTRY, F.form1Title(profile), F.INSTRUCTIONS_TITLE, F.PLAN_CHAPTER_4, F.PLAN_GOALS, F.PLAN_LIMIT, F.STANDARD_TITLE, F.STANDARD_EDITION]) expectInSeed(t);
    for (const t of F.FORM1_HEADER_LINES) expectInSeed(t);
    for (const t of F.FORM1_COLUMNS) expectInSeed(t);
  });

  it('the 11 filling rules', () => {
    const rules = F.instructions(profile);
    expect(rules).toHaveLength(11);
    for (const r of rules) expectInSeed(r);
  });

  it('the plan guides, the target table and its remarks a–g', () => {
    expectInSeed(F.PLAN_OVERVIEW_GUIDE);
    expectInSeed(F.PLAN_ACHIEVEMENTS_GUIDE);
    expectInSeed(F.PLAN_TARGETS_NOTE);
    for (const c of F.TARGET_COLUMNS(profile)) expectInSeed(c);
    const remarks = F.planRemarks(profile);
    for (const t of remarks.items) expectInSeed(t);
    expect(remarks.items).toHaveLength(7);
  });

  it('九: declaration, signature and stamp lines', () => {
    for (const t of [F.DECLARATION_ROW, F.DECLARATION_SIGN, F.DECLARATION_STAMP, F.RECOMMENDATION_ROW, F.RECOMMENDATION_STAMP]) expectInSeed(t);
  });

  it('附件3: the preamble and the eight criteria, title and text', () => {
    expectInSeed(F.STANDARD_PREAMBLE);
    expect(F.STANDARD_CLAUSES).toHaveLength(8);
    for (const c of F.STANDARD_CLAUSES) {
      expectInSeed(`${c.no}、${c.title}`);
      expectInSeed(c.text);
    }
  });
});
