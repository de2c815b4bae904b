/**
 * Timestamps. ZIP's DOS date/time has no zone; Windows Explorer shows it as local wall time.
 * We always write Beijing wall time (UTC+8, no DST since 1991) so the office sees the package
 * time as meant, whatever the packing machine's TZ. The exact instant also goes into the
 * extended-timestamp extra field 0x5455 (UTC Unix seconds) for 7-Zip / Info-ZIP / macOS.
 */

export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export interface DosDateTime {
  date: number;
  time: number;
}

/** DOS date/time (2-second resolution, seconds rounded down) of `d` as Beijing wall time. */
export function toDosDateTimeBeijing(d: Date): DosDateTime {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid package date');
  const w = new Date(ms + BEIJING_OFFSET_MS); // read with getUTC* → Beijing wall clock
  const year = w.getUTCFullYear();
  if (year < 1980) return { date: (0 << 9) | (1 << 5) | 1, time: 0 }; // clamp to 1980-01-01 00:00:00
  if (year > 2107) throw new RangeError(`package date ${d.toISOString()} is after 2107 (DOS time limit)`);
  return {
    date: ((year - 1980) << 9) | ((w.getUTCMonth() + 1) << 5) | w.getUTCDate(),
    time: (w.getUTCHours() << 11) | (w.getUTCMinutes() << 5) | (w.getUTCSeconds() >> 1),
  };
}

/** Interprets DOS date/time as Beijing wall time and returns the instant. */
export function fromDosDateTimeBeijing(date: number, time: number): Date {
  const year = ((date >> 9) & 0x7f) + 1980;
  const month = (date >> 5) & 0x0f;
  const day = date & 0x1f;
  const hour = (time >> 11) & 0x1f;
  const minute = (time >> 5) & 0x3f;
  const second = (time & 0x1f) * 2;
  return new Date(Date.UTC(year, Math.max(month, 1) - 1, Math.max(day, 1), hour, minute, second) - BEIJING_OFFSET_MS);
}

/** Unix seconds for 0x5455, or undefined when outside the signed 32-bit range it can hold. */
export function unixSeconds32(d: Date): number | undefined {
  const s = Math.floor(d.getTime() / 1000);
  return s >= 0 && s <= 0x7fffffff ? s : undefined;
}
