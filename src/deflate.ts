/**
 * The one deflate of every zip `cluster` writes (the submission package, the Word files, the filled
 * workbook), the same in the CLI and in the page: fflate, pure JavaScript, so the same input gives the
 * same bytes in both faces. (node:zlib is Chromium's zlib fork, whose output depends on the CPU's SIMD
 * paths; a browser's CompressionStream differs between browsers. Neither can give the same bytes in
 * the other face.)
 *
 * fflate's streaming output depends on how the input is cut into pushes, so the input is re-cut into
 * fixed blocks here: the output is a function of the bytes and the level only, however the source
 * happened to chunk them (a file read in 1 MiB chunks, a File read in the page's slices).
 */
import { Deflate } from 'fflate';
import { concatBytes } from './bytes.js';

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * Input handed to fflate at a time. Each push allocates an output buffer the size of fflate's filled
 * window and a 100 KB symbol table: few large pushes make less garbage than many small ones (the
 * manifest of a 2,000-file package is ~1 MB).
 */
const BLOCK = 1024 * 1024;
/**
 * fflate's hash table: 2^(12 + MEM) entries of 2 bytes. Its streaming default (MEM 8: 2 MB per stream)
 * made every part of a .docx or workbook cost 2 MB; MEM 4 (128 KB) compresses text as well (measured:
 * 773,790 vs 773,866 bytes for 3 MB of YAML) and faster.
 */
const MEM = 4;

function level(n: number | undefined): DeflateLevel {
  const l = n ?? 6;
  if (!Number.isInteger(l) || l < 0 || l > 9) throw new RangeError(`deflate level ${String(n)} (0–9)`);
  return l as DeflateLevel;
}

/**
 * Raw deflate of a stream of chunks: `push` returns the compressed bytes ready so far (possibly none),
 * `end` the rest. Chunks pushed may be reused by the caller once `push` returns.
 */
export class DeflateRawStream {
  private readonly d: Deflate;
  private readonly block = new Uint8Array(BLOCK);
  private fill = 0;
  private out: Uint8Array[] = [];
  private ended = false;

  constructor(lvl?: number) {
    this.d = new Deflate({ level: level(lvl), mem: MEM }, (chunk) => {
      if (chunk.length) this.out.push(chunk);
    });
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.ended) throw new Error('deflate: push after end');
    let off = 0;
    while (off < chunk.length) {
      const n = Math.min(BLOCK - this.fill, chunk.length - off);
      this.block.set(chunk.subarray(off, off + n), this.fill);
      this.fill += n;
      off += n;
      if (this.fill === BLOCK) {
        // fflate copies the pushed bytes into its own window before returning.
        this.d.push(this.block, false);
        this.fill = 0;
      }
    }
    return this.take();
  }

  end(): Uint8Array[] {
    if (this.ended) throw new Error('deflate: ended twice');
    this.ended = true;
    this.d.push(this.block.subarray(0, this.fill), true);
    return this.take();
  }

  private take(): Uint8Array[] {
    const o = this.out;
    this.out = [];
    return o;
  }
}

/** Raw deflate of `data` in one piece: the same bytes as pushing it through DeflateRawStream. */
export function deflateRaw(data: Uint8Array, lvl?: number): Uint8Array {
  const s = new DeflateRawStream(lvl);
  const parts = [...s.push(data), ...s.end()];
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}

