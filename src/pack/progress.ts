/**
 * A one-line progress bar on stderr: files, bytes, rate. Only on a TTY, never in CI
 * (the CI variable), with --no-progress or --quiet; shown only once writing has taken
 * 0.4 s (small packages finish silently); at most 10 redraws a second.
 */
import type { Lang } from '../catalogue/index.js';

export type PackPhase = 'validate' | 'inspect' | 'render' | 'write';

export interface ProgressState {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  label?: string;
  /** Which step of pack (default 'write'): the bar covers validating and rendering too. */
  phase?: PackPhase;
}

/** The share of the whole bar each step starts at and takes (writing dominates on real evidence). */
const PHASES: Record<PackPhase, { start: number; span: number; zh: string; en: string }> = {
  validate: { start: 0, span: 0.05, zh: '校验', en: 'validating' },
  inspect: { start: 0.05, span: 0.05, zh: '检查佐证材料', en: 'inspecting evidence' },
  render: { start: 0.1, span: 0.2, zh: '生成 PDF', en: 'rendering PDFs' },
  write: { start: 0.3, span: 0.7, zh: '打包', en: 'packing' },
};

/**
 * The fraction of the whole pack shown: the step's start plus its share done. While writing, the
 * lesser of bytes and files (the lists come last and are not in the byte estimate), never 100%
 * before done().
 */
export function overallFraction(s: ProgressState): number {
  const ph = PHASES[s.phase ?? 'write'];
  let f = 0;
  if ((s.phase ?? 'write') === 'write') {
    const byBytes = s.bytesTotal > 0 ? s.bytesDone / s.bytesTotal : 1;
    const byFiles = s.filesTotal > 0 ? s.filesDone / s.filesTotal : 1;
    f = Math.min(byBytes, byFiles);
  } else if (s.filesTotal > 0) f = s.filesDone / s.filesTotal;
  return Math.min(0.99, ph.start + ph.span * Math.max(0, Math.min(1, f)));
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
  const draw = (s: ProgressState, force = false, final = false): void => {
    const t = now();
    start ??= t;
    if (!force && (t - start < delay || t - last < interval)) return;
    last = t;
    shown = true;
    const phase = s.phase ?? 'write';
    const frac = final ? 1 : overallFraction(s);
    // Bytes and files never pass their totals: the estimate grows to what was actually written.
    const bytesTotal = Math.max(s.bytesTotal, s.bytesDone);
    const filesTotal = Math.max(s.filesTotal, s.filesDone);
    const cols = Math.max(40, stream.columns ?? 80);
    const width = Math.max(10, Math.min(30, cols - 60));
    const filled = Math.round(frac * width);
    const rate = s.bytesDone / Math.max(0.001, (t - (start ?? t)) / 1000);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%`;
    const label = PHASES[phase][lang];
    const detail =
      phase === 'write'
        ? lang === 'zh'
          ? `  ${s.filesDone}/${filesTotal} 个文件  ${mb(s.bytesDone)}/${mb(bytesTotal)} MB  ${mb(rate)} MB/s`
          : `  ${s.filesDone}/${filesTotal} files  ${mb(s.bytesDone)}/${mb(bytesTotal)} MB  ${mb(rate)} MB/s`
        : s.filesTotal > 0
          ? lang === 'zh'
            ? `  ${s.filesDone}/${filesTotal} 个文件`
            : `  ${s.filesDone}/${filesTotal} files`
          : '';
    stream.write(`\r${label} ${bar}${detail}\x1b[K`);
  };
  return {
    update(s) {
      latest = s;
      draw(s);
    },
    done() {
      if (shown && latest) {
        draw({ ...latest, phase: latest.phase ?? 'write', filesTotal: latest.filesDone, bytesTotal: latest.bytesDone }, true, true);
        stream.write('\n');
      }
    },
  };
}
