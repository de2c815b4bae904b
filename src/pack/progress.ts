/**
 * A one-line progress bar on stderr: files, bytes, rate. Only on a TTY, never in CI
 * (the CI variable), with --no-progress or --quiet; shown only once writing has taken
 * 0.4 s (small packages finish silently); at most 10 redraws a second.
 */
import type { Lang } from '../catalogue/index.js';

export interface ProgressState {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  label?: string;
}

export interface ProgressBar {
  update(s: ProgressState): void;
  done(): void;
}

const NOOP: ProgressBar = { update() {}, done() {} };

export function progressEnabled(opts: { progress?: boolean; quiet?: boolean }, stream: NodeJS.WriteStream = process.stderr, env = process.env): boolean {
  if (opts.progress === false || opts.quiet) return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  return !!stream.isTTY;
}

function mb(n: number): string {
  return (n / 1e6).toFixed(n >= 1e9 ? 0 : 1);
}

export function createProgressBar(
  enabled: boolean,
  lang: Lang,
  stream: NodeJS.WriteStream = process.stderr,
  opts: { delayMs?: number; intervalMs?: number; now?: () => number } = {},
): ProgressBar {
  if (!enabled) return NOOP;
  const now = opts.now ?? (() => performance.now());
  let start: number | undefined;
  const delay = opts.delayMs ?? 400;
  const interval = opts.intervalMs ?? 100;
  let last = -Infinity;
  let shown = false;
  let latest: ProgressState | undefined;
  const draw = (s: ProgressState, force = false): void => {
    const t = now();
    start ??= t;
    if (!force && (t - start < delay || t - last < interval)) return;
    last = t;
    shown = true;
    const frac = s.bytesTotal > 0 ? Math.min(1, s.bytesDone / s.bytesTotal) : s.filesTotal > 0 ? s.filesDone / s.filesTotal : 0;
    const cols = Math.max(40, stream.columns ?? 80);
    const width = Math.max(10, Math.min(30, cols - 60));
    const filled = Math.round(frac * width);
    const rate = s.bytesDone / Math.max(0.001, (t - (start ?? t)) / 1000);
    const text =
      lang === 'zh'
        ? `打包 [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${s.filesDone}/${s.filesTotal} 个文件  ${mb(s.bytesDone)}/${mb(s.bytesTotal)} MB  ${mb(rate)} MB/s`
        : `packing [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${s.filesDone}/${s.filesTotal} files  ${mb(s.bytesDone)}/${mb(s.bytesTotal)} MB  ${mb(rate)} MB/s`;
    stream.write(`\r${text}\x1b[K`);
  };
  return {
    update(s) {
      latest = s;
      draw(s);
    },
    done() {
      if (shown && latest) {
        draw(latest, true);
        stream.write('\n');
      }
    },
  };
}
