import type { Lang } from './catalogue/index.js';

/** Fills `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function fill(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** Numbers as the form prints them: at most 2 decimals, no float noise. */
export function fmtNum(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 10 ** decimals) / 10 ** decimals;
  return Object.is(r, -0) ? '0' : String(r);
}

export function pick<T>(lang: Lang, zh: T, en: T): T {
  return lang === 'zh' ? zh : en;
}

/** Computed values (rates, intensities) always with 2 decimals: "10.00". */
export function fixed2(x: number): string {
  const r = (Math.round(Math.abs(x) * 100 + 1e-7) / 100) * Math.sign(x);
  return Object.is(r, -0) ? '0.00' : r.toFixed(2);
}
