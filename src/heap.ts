import { setFlagsFromString } from 'node:v8';

/**
 * Rendering allocates much and keeps little (one page of a 10,000-name list at a time, ~35 MB live), but
 * V8 lets the heap grow to up to 4× what survived the last full collection before collecting again: a
 * long list then peaked at 264 MB RSS with 190 MB needed. Growing by at most 1.5× keeps the peak near what
 * is live (218 MB for 10,000 names) at no measurable CPU cost. A V8 flag read whenever the heap limit is
 * recomputed, so setting it here (this process renders and exits) takes effect. pack renders the forms
 * and lays out the 材料清单 of every evidence file: with the same bound a pack of 8,192 files peaks at
 * ~270 MB instead of ~370 MB, in the same wall time (~8% more CPU spent collecting).
 */
export function boundHeapGrowth(): void {
  try {
    setFlagsFromString('--heap-growing-percent=50');
  } catch {
    // Not V8, or the flag is gone: the default growth is only a memory cost.
  }
}
