/**
 * The CLI host reads a PDF's fonts ahead, on the thread pool, while summary and compare validate the
 * filings (host.prefetchFile, #18). What readFile then returns must be what it would have read itself,
 * and every refusal (too large, not a regular file, missing) must stay readFile's own, with its message.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { nodeHost } from '../src/host-node.js';
import { readRegularFileAsync } from '../src/read-file.js';
import { loadFont } from '../src/render/layout/fonts.js';

const dir = mkdtempSync(join(tmpdir(), 'cluster-prefetch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prefetchFile / readFile (src/host-node.ts)', () => {
  it('returns the bytes read ahead, once; a later readFile reads the file again', async () => {
    const f = join(dir, 'a.bin');
    writeFileSync(f, Buffer.from('first'));
    await nodeHost.prefetchFile!(f, 1024);
    // Changed after the read ahead: the bytes read ahead are the ones returned (as if read then)…
    writeFileSync(f, Buffer.from('second'));
    expect(Buffer.from(nodeHost.readFile(f, 1024)).toString()).toBe('first');
    // …once: the next read is a read.
    expect(Buffer.from(nodeHost.readFile(f, 1024)).toString()).toBe('second');
  });

  it('the bundled fonts read ahead are the bytes of the files', async () => {
    const { regular } = nodeHost.defaultFontFiles();
    await nodeHost.prefetchFile!(regular, 128 * 1024 * 1024);
    const ahead = nodeHost.readFile(regular, 128 * 1024 * 1024);
    expect(ahead.length).toBeGreaterThan(1_000_000);
    expect(Buffer.from(ahead).equals(readFileSync(regular))).toBe(true);
  });

  it('opens the file when asked (a later unlink or rename does not matter) and loadFont waits for the bytes', async () => {
    const f = join(dir, 'gone.bin');
    writeFileSync(f, Buffer.from('read ahead'));
    void nodeHost.prefetchFile!(f, 1024);
    unlinkSync(f);
    await nodeHost.prefetching!(f);
    expect(Buffer.from(nodeHost.readFile(f, 1024)).toString()).toBe('read ahead');
    expect(nodeHost.prefetching!(f)).toBeUndefined();
    // A face read ahead and then removed: loadFont takes the bytes read ahead, not a second read.
    const face = join(dir, 'face.ttf');
    copyFileSync(nodeHost.defaultFontFiles().regular, face);
    void nodeHost.prefetchFile!(face, 128 * 1024 * 1024);
    unlinkSync(face);
    const { font } = await loadFont(face);
    expect(font.postscriptName).toBe('NotoSerifSC-Regular');
  });

  it('leaves every refusal to readFile: too large, a folder, missing', async () => {
    const big = join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(2000));
    const missing = join(dir, 'none.bin');
    for (const f of [big, dir, missing]) await nodeHost.prefetchFile!(f, 1000);
    expect(await readRegularFileAsync(big, 1000)).toBeUndefined();
    expect(await readRegularFileAsync(dir, 1000)).toBeUndefined();
    expect(await readRegularFileAsync(missing, 1000)).toBeUndefined();
    expect(() => nodeHost.readFile(big, 1000, { zh: '字体文件', en: 'font file' })).toThrow(/字体文件过大/);
    expect(() => nodeHost.readFile(dir, 1000)).toThrow(InputError);
    expect(() => nodeHost.readFile(missing, 1000)).toThrow(/不存在/);
    // A read ahead with a larger limit than the read's own: the read's limit still holds.
    const mid = join(dir, 'mid.bin');
    writeFileSync(mid, Buffer.alloc(1500));
    await nodeHost.prefetchFile!(mid, 4000);
    expect(() => nodeHost.readFile(mid, 1000)).toThrow(/过大/);
  });

  it('a FIFO is never read ahead (no hang, readFile refuses it)', async () => {
    const fifo = join(dir, 'fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    expect(await readRegularFileAsync(fifo, 1000)).toBeUndefined();
    await nodeHost.prefetchFile!(fifo, 1000);
    expect(() => nodeHost.readFile(fifo, 1000)).toThrow(/管道/);
  });
});
