/**
 * The Node face of the workbook core: inflate by node:zlib for ./zip.ts. Workbooks are written with
 * src/deflate.ts (fflate) in every face, so the page's workbook (in its submission zip) has the CLI's
 * bytes.
 */
import { inflateRawSync } from 'node:zlib';
import { deflateRaw } from '../deflate.js';
import { templateZip, type TemplateOptions } from './template.js';
import type { Deflate, Inflate } from './zip.js';

/** The one deflate (level 6, as zlib's default was). */
export const nodeDeflate: Deflate = (data) => deflateRaw(data, 6);
export const nodeInflate: Inflate = (data, maxOutput) => inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutput) });

/** The template workbook as bytes (see ./template.ts). */
export async function templateBytes(opts: TemplateOptions & { date: Date }): Promise<Buffer> {
  const bytes = await templateZip(opts, nodeDeflate);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
