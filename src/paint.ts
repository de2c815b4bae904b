import type { Paint } from './format/types.js';
import { PLAIN } from './format/types.js';
import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * Colour exactly as chalk detects it (FORCE_COLOR, including FORCE_COLOR=0, TTY, TERM, CI), plus
 * NO_COLOR, which chalk ignores. Files and machine formats are never coloured (the caller decides).
 */
/**
 * isatty, without loading node:tty (and the net and stream modules it needs, ~3 ms) for the common
 * pipe or file: a terminal is a character device.
 */
function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return isatty(fd);
}

export async function paintFor(stream: 'stdout' | 'stderr', toFile = false): Promise<Paint> {
  if (toFile) return PLAIN;
  if (process.env.NO_COLOR) return PLAIN;
  // Not a terminal and nothing forcing colour: chalk would answer 0 (its supports-color checks these
  // first), so do not load it (a few ms of every piped or redirected run, #18).
  const env = process.env;
  if (!isTerminal(stream === 'stderr' ? 2 : 1) && env.FORCE_COLOR === undefined && !('TF_BUILD' in env && 'AGENT_NAME' in env) && !process.argv.some((a) => /^--(no-)?colou?r/.test(a))) {
    return PLAIN;
  }
  const { Chalk, supportsColor, supportsColorStderr } = await import('chalk');
  const support = stream === 'stderr' ? supportsColorStderr : supportsColor;
  const level = support ? support.level : 0;
  if (level === 0) return PLAIN;
  return new Chalk({ level });
}
