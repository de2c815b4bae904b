import type { SourceLocation } from '../findings.js';
import { parsePointer, pointerOf } from '../catalogue/index.js';

/** Maps JSON Pointers of the filing to where they were written. */
export interface SourceMap {
  /** The value's location; for a pointer that does not exist, its deepest existing ancestor's. */
  locate(pointer: string): SourceLocation | undefined;
  /** The location of the key naming the pointer (for unknown keys); falls back to `locate`. */
  locateKey(pointer: string): SourceLocation | undefined;
}

export class MapSourceMap implements SourceMap {
  constructor(
    private readonly values: Map<string, SourceLocation>,
    private readonly keys: Map<string, SourceLocation> = new Map(),
  ) {}

  locate(pointer: string): SourceLocation | undefined {
    const exact = this.values.get(pointer);
    if (exact) return exact;
    // Not in the file (a missing key): point at the nearest ancestor's key, where it would go.
    let segs = parsePointer(pointer);
    for (;;) {
      const p = pointerOf(segs);
      const hit = this.keys.get(p) ?? this.values.get(p);
      if (hit) return hit;
      if (segs.length === 0) return undefined;
      segs = segs.slice(0, -1);
    }
  }

  locateKey(pointer: string): SourceLocation | undefined {
    return this.keys.get(pointer) ?? this.locate(pointer);
  }
}
