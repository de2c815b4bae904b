/** ZIP writer and reader for `cluster pack` (Windows-friendly names, deterministic, streaming, ZIP64). */
export { writeZip, writeZipAtomic, openNodePath } from './writer-node.js';
export {
  defaultMethodFor,
  MemorySink,
  writeZipTo,
  zipToBytes,
  ZipWriteError,
  type PathSource,
  type ZipSink,
  type ZipEntryInput,
  type ZipMethod,
  type ZipProgress,
  type ZipWriteOptions,
  type ZipWriteResult,
  type ZipWrittenEntry,
} from './writer.js';
export { auditZip, type AuditProblem } from './audit.js';
export { readZip, readZipLayout, type ZipLayout, openEntryStream, hashEntry, checkSafeName, ZipFormatError, type ZipEntryInfo, type ZipReadOptions, type ZipNameProblem, type ZipBytes } from './reader.js';
export { validateEntryName, encodeEntryName, decodeEntryName, ZipNameError, type FilenameEncoding, type NameEncoding, type EncodedName } from './names.js';
export { toDosDateTimeBeijing, fromDosDateTimeBeijing } from './dostime.js';
export { crc32 } from './crc32.js';
