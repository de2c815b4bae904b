/**
 * The one deflate of every zip (src/deflate.ts): its bytes depend on the data and the level only,
 * never on how the source cut the data into chunks (the CLI reads 1 MiB chunks, the page other
 * slices), and inflate back to the data.
 */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DeflateRawStream, deflateRaw } from '../src/deflate.js';

function sample(): Uint8Array {
  const text = Buffer.from(Array.from({ length: 40000 }, (_, i) => `line ${i} 中文 ${i % 97}\n`).join(''));
  // Pseudo-random (deterministic) incompressible middle.
  const noise = new Uint8Array(200_000);
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = x >>> 24;
  }
  return Buffer.concat([text, noise, text]);
}

describe('deflateRaw', () => {
  const data = sample();
  const whole = deflateRaw(data, 6);

  it('inflates back to the data', () => {
    expect(Buffer.compare(inflateRawSync(whole), Buffer.from(data))).toBe(0);
    expect(inflateRawSync(deflateRaw(new Uint8Array(0))).length).toBe(0);
  });

  it('gives the same bytes however the input is chunked', () => {
    for (const size of [7, 1000, 12345, 65536, 65537, 1 << 20]) {
      const s = new DeflateRawStream(6);
      const parts: Uint8Array[] = [];
      // One reused buffer, as the zip writer's sources do.
      const buf = new Uint8Array(size);
      for (let i = 0; i < data.length; i += size) {
        const n = Math.min(size, data.length - i);
        buf.set(data.subarray(i, i + n));
        for (const p of s.push(buf.subarray(0, n))) parts.push(p.slice());
      }
      parts.push(...s.end());
      expect(Buffer.compare(Buffer.concat(parts), Buffer.from(whole)), `chunks of ${size}`).toBe(0);
    }
  });

  it('the level changes the bytes (it is really applied)', () => {
    expect(Buffer.compare(Buffer.from(deflateRaw(data, 1)), Buffer.from(whole))).not.toBe(0);
    expect(() => deflateRaw(data, 10)).toThrow(RangeError);
  });
});
