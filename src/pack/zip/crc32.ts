/**
 * CRC-32 (IEEE 802.3, as used by ZIP). The host's when it has a faster one (node:zlib's native crc32
 * in the CLI), else the portable table: the same value either way.
 */
import { hasHost, host } from '../../host.js';

let table: Uint32Array | undefined;

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

function jsCrc32(data: Uint8Array, value = 0): number {
  const t = (table ??= makeTable());
  let c = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 of `data`, continuing from `value` (the CRC of the preceding bytes; 0 to start). */
export function crc32(data: Uint8Array, value = 0): number {
  const native = hasHost() ? host().crc32 : undefined;
  return native ? native(data, value) >>> 0 : jsCrc32(data, value);
}

/** Exposed for tests: the portable implementation. */
export const crc32Portable = jsCrc32;
