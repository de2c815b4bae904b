/**
 * The Node face of the workbook core: compression by node:zlib for ./zip.ts. (A browser hands in
 * CompressionStream-based functions instead; nothing else in src/xlsx needs Node.)
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { templateZip, type TemplateOptions } from './template.js';
import type { Deflate, Inflate } from './zip.js';

export const nodeDeflate: Deflate = (data) => deflateRawSync(data);
export const nodeInflate: Inflate = (data, maxOutput) => inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutput) });

/** The template workbook as bytes (see ./template.ts). */
export async function templateBytes(opts: TemplateOptions & { date: Date }): Promise<Buffer> {
  const bytes = await templateZip(opts, nodeDeflate);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
