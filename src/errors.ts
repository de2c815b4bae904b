import type { SourceLocation } from './findings.js';
import type { Lang } from './catalogue/index.js';

/** A message in both languages; the CLI picks one with --lang. */
export interface Msg {
  zh: string;
  en: string;
}

/**
 * The command could not do its job (exit code 2): bad usage, unreadable or malformed input,
 * an output it could not write. Never shown with a stack trace unless --debug.
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(
    readonly msg: Msg,
    readonly file?: string,
    readonly location?: SourceLocation,
    exitCode = 2,
  ) {
    super(msg.zh);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
  text(lang: Lang): string {
    return this.msg[lang];
  }
}

/** A file that cannot be read as a filing at all: reported as `input/unreadable`. */
export class InputError extends CliError {
  constructor(msg: Msg, file: string, location?: SourceLocation) {
    super(msg, file, location, 2);
    this.name = 'InputError';
  }
}

export function formatLocation(file: string | undefined, loc?: SourceLocation): string {
  if (!file) return '';
  if (loc?.sheet) return `${file} [${loc.sheet}${loc.cell ? '!' + loc.cell : ''}]`;
  if (loc?.line) return `${file}:${loc.line}${loc.column ? ':' + loc.column : ''}`;
  return file;
}

/**
 * Control characters a filing can carry into a message (an evidence path, an unknown key, a file
 * name) are shown as \u001b, never sent to the terminal: ESC sequences could rewrite the screen.
 * The one shared escape lives in ./escape.ts.
 */
export { escapeControls as visible } from './escape.js';
