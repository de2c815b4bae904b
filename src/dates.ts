/**
 * The date stamped into generated documents (PDF CreationDate, zip entry times): the same input
 * gives the same bytes. SOURCE_DATE_EPOCH wins; else the filing's 申报时间 (midnight, Beijing);
 * else the profile's deadline (or 1 January after the last data year when it has none).
 */
import type { Profile } from './profile.js';

/** The environment where there is one (the CLI); none in the page. */
function processEnv(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

export function documentDate(data: Record<string, unknown>, profile: Profile, env: Record<string, string | undefined> = processEnv()): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const cover = data.cover as Record<string, unknown> | undefined;
  const d = typeof cover?.date === 'string' ? cover.date : undefined;
  const iso = d && /^\d{4}-\d{2}(-\d{2})?$/.test(d) ? (d.length === 7 ? d + '-01' : d) : (profile.deadline ?? `${profile.dataYears[2]! + 1}-01-01`);
  // Midnight in Beijing (UTC+8) is 16:00 UTC the day before.
  return new Date(Date.parse(`${iso}T00:00:00+08:00`));
}

/**
 * The day generated documents speak for (YYYY-MM-DD in Beijing): `--today` when given, else the day of
 * {@link documentDate}. Render and pack use the same, so the same filing gives the same report.
 */
export function asOfDate(date: Date, today?: string): string {
  return today ?? new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
