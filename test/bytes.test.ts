import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromLatin1, latin1 } from '../src/bytes.js';

describe('latin1', () => {
  it('maps every byte to the code point of the same value, at every length and chunk boundary', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(latin1(all)).toBe(Buffer.from(all).toString('latin1'));
    // 0x80–0x9F stay C1 code points (windows-1252 would map them to € ‚ ƒ …).
    expect(latin1(Uint8Array.of(0x80, 0x9f, 0xff)).split('').map((c) => c.charCodeAt(0))).toEqual([0x80, 0x9f, 0xff]);
    for (const n of [0, 1, 15, 16, 17, 1023, 4096, 32 * 1024 - 1, 32 * 1024, 32 * 1024 + 1, 100_000]) {
      const b = randomBytes(n);
      const s = latin1(b);
      expect(s.length).toBe(n);
      expect(s).toBe(b.toString('latin1'));
      expect(Buffer.from(fromLatin1(s)).equals(b)).toBe(true);
    }
  });

  it('reads a view at its offset (a subarray of a larger buffer)', () => {
    const b = randomBytes(70_000);
    expect(latin1(b.subarray(5, 69_999))).toBe(b.subarray(5, 69_999).toString('latin1'));
  });

  it('fromLatin1 gives the low byte of each code unit, for ASCII (the native path) and anything else', () => {
    const ascii = Array.from({ length: 300 }, (_, i) => String.fromCharCode(i % 128)).join('');
    for (const n of [0, 1, 63, 64, 65, 127, 128, 300]) {
      const s = ascii.slice(0, n);
      expect(Buffer.from(fromLatin1(s)).equals(Buffer.from(s, 'latin1'))).toBe(true);
      // One code unit above ASCII anywhere: Latin-1 (0x80–0xFF kept) or its low byte (higher ones).
      for (const odd of ['\u00e9', '\u0080', '\u00ff', '\u4e2d', '\ud800']) {
        for (const at of [0, n >> 1, n]) {
          const t = s.slice(0, at) + odd + s.slice(at);
          expect(Buffer.from(fromLatin1(t)).equals(Buffer.from(t, 'latin1')), `${n} ${at} ${odd.charCodeAt(0)}`).toBe(true);
        }
      }
    }
  });
});
