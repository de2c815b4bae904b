import { formatGithub, streamGithub } from './github.js';
import { formatJson, streamJson } from './json.js';
import { formatJunit, streamJunit } from './junit.js';
import { formatSarif, streamSarif } from './sarif.js';
import { formatText, streamText } from './text.js';
import type { Format, Formatter, StreamFormatter } from './types.js';

export * from './types.js';

export const FORMATTERS: Record<Format, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
};

/** The same formats, written result by result (validate streams its results: memory flat in the count). */
export const STREAM_FORMATTERS: Record<Format, StreamFormatter> = {
  text: streamText,
  json: streamJson,
  sarif: streamSarif,
  junit: streamJunit,
  github: streamGithub,
};
