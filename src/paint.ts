import type { Paint } from './format/types.js';
import { PLAIN } from './format/types.js';

/** chalk honours FORCE_COLOR and non-TTY output but ignores NO_COLOR: we honour it. */
export async function paintFor(stream: NodeJS.WriteStream, toFile: boolean): Promise<Paint> {
  if (toFile) return PLAIN;
  if (process.env.NO_COLOR) return PLAIN;
  const { Chalk, supportsColor, supportsColorStderr } = await import('chalk');
  const support = stream === process.stderr ? supportsColorStderr : supportsColor;
  const level = process.env.FORCE_COLOR !== undefined ? (support ? support.level : 1) : stream.isTTY && support ? support.level : 0;
  if (level === 0) return PLAIN;
  return new Chalk({ level: level as 0 | 1 | 2 | 3 });
}
