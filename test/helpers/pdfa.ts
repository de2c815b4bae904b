/**
 * A structural PDF/A-2b check of the things this project controls (no Debian tools needed): it reads the
 * uncompressed object dictionaries and the XMP packet of a pdfkit PDF. Not a full validator (veraPDF is not
 * packaged in Debian); qpdf --check runs in .ci/run as well.
 */
import { inflateSync } from 'node:zlib';

export interface PdfaReport {
  problems: string[];
  /** Subset tags of the embedded fonts ("ABCDEF+NotoSerifSC-Regular"). */
  fonts: string[];
  /** Outline (bookmark) titles, in file order. */
  bookmarks: string[];
}

function utf16(hex: string): string {
  return decodeBytes(Buffer.from(hex, 'hex'));
}

function decodeBytes(b: Buffer): string {
  if (b[0] === 0xfe && b[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  }
  return b.toString('latin1');
}

/** A string object `<hex>` or `(literal)` (latin1 text of the file) as text. */
function pdfString(raw: string): string {
  const t = raw.trim();
  if (t.startsWith('<')) return utf16(t.slice(1, -1));
  const bytes: number[] = [];
  const body = t.slice(1, -1);
  const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(c.charCodeAt(0));
      continue;
    }
    const n = body[++i]!;
    if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
      bytes.push(parseInt(oct, 8));
    } else if (esc[n] !== undefined) bytes.push(esc[n]!);
    else if (n !== '\n') bytes.push(n.charCodeAt(0));
  }
  return decodeBytes(Buffer.from(bytes));
}

/** A string object starting at `at` (the `(` or `<`), with balanced parentheses. */
function stringAt(text: string, at: number): string {
  if (text[at] === '<') return text.slice(at, text.indexOf('>', at) + 1);
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(at, i + 1);
  }
  return text.slice(at);
}

/** The value of `/Key (string)` or `/Key <hex>` in a dictionary body. */
function stringEntry(body: string, key: string): string | undefined {
  const m = new RegExp(`/${key}\\s*([(<])`).exec(body);
  if (!m || body[m.index + m[0].length - 2] === '<' && body[m.index + m[0].length - 1] === '<') return undefined;
  return pdfString(stringAt(body, m.index + m[0].length - 1));
}

/** Every FlateDecode stream of the file, inflated (page contents, fonts…), as latin1 text. */
export function inflatedStreams(bytes: Uint8Array): string[] {
  // The core returns Uint8Array (the page has no Buffer): a view, not a copy.
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/\/Filter \/FlateDecode[^]*?stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      /* not a stream of ours */
    }
  }
  return out;
}

export function checkPdfa(bytes: Uint8Array): PdfaReport {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const problems: string[] = [];
  const text = pdf.toString('latin1');
  if (!text.startsWith('%PDF-1.7')) problems.push(`header ${text.slice(0, 8)} (want %PDF-1.7)`);
  const second = text.slice(text.indexOf('\n') + 1, text.indexOf('\n', text.indexOf('\n') + 1));
  if (!/^%[\x80-\xff]{4}/.test(second)) problems.push('no binary comment after the header');
  if (/\/Encrypt\b/.test(text)) problems.push('encrypted');
  if (/\/JavaScript\b|\/JS\b/.test(text)) problems.push('JavaScript');
  if (!/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/.test(text)) problems.push('no document ID in the trailer');

  // Objects: "n 0 obj ... endobj"
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2]!);
  const dict = (n: number) => objects.get(n) ?? '';
  const ref = (body: string, key: string): number | undefined => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
    return m ? Number(m[1]) : undefined;
  };

  const catalog = [...objects.values()].find((b) => /\/Type \/Catalog/.test(b)) ?? '';
  if (!catalog) problems.push('no catalog');
  // OutputIntent with an embedded sRGB profile.
  const intents = /\/OutputIntents \[(\d+) 0 R\]/.exec(catalog);
  if (!intents) problems.push('no OutputIntents in the catalog');
  else {
    const oi = dict(Number(intents[1]));
    if (!/\/S \/GTS_PDFA1/.test(oi)) problems.push('OutputIntent subtype is not GTS_PDFA1');
    const prof = ref(oi, 'DestOutputProfile');
    if (prof === undefined || !/\/N 3/.test(dict(prof))) problems.push('OutputIntent without an RGB DestOutputProfile');
  }
  // XMP metadata (uncompressed) mirroring the info dictionary.
  const metaRef = ref(catalog, 'Metadata');
  const xmp = metaRef !== undefined ? (/stream\r?\n([\s\S]*?)\r?\nendstream/.exec(dict(metaRef))?.[1] ?? '') : '';
  if (!xmp) problems.push('no XMP metadata stream');
  const xmpText = Buffer.from(xmp, 'latin1').toString('utf8');
  if (!/<pdfaid:part>2<\/pdfaid:part>/.test(xmpText)) problems.push('XMP: pdfaid:part is not 2');
  if (!/<pdfaid:conformance>B<\/pdfaid:conformance>/.test(xmpText)) problems.push('XMP: pdfaid:conformance is not B');
  const trailerInfo = /\/Info (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')));
  if (!trailerInfo) problems.push('no Info dictionary');
  else {
    const info = dict(Number(trailerInfo[1]));
    const entry = (key: string): string | undefined => {
      const n = ref(info, key);
      if (n !== undefined) {
        const body = dict(n).trim();
        return body.startsWith('(') || body.startsWith('<') ? pdfString(stringAt(body, 0)) : undefined;
      }
      return stringEntry(info, key);
    };
    const title = entry('Title');
    if (title !== undefined && !xmpText.includes(title.replace(/&/g, '&amp;').replace(/</g, '&lt;'))) problems.push(`XMP dc:title does not match the Title "${title}"`);
    if (entry('ModDate') !== undefined && !/<xmp:ModifyDate>/.test(xmpText)) problems.push('XMP has no ModifyDate for the info ModDate');
    if (entry('CreationDate') !== undefined && !/<xmp:CreateDate>/.test(xmpText)) problems.push('XMP has no CreateDate for the info CreationDate');
    const producer = entry('Producer');
    if (producer !== undefined && !xmpText.includes(`<pdf:Producer>${producer}</pdf:Producer>`)) problems.push('XMP pdf:Producer does not match');
  }
  // Fonts: every font embedded, with a subset tag.
  const fonts: string[] = [];
  for (const body of objects.values()) {
    if (!/\/Type \/FontDescriptor/.test(body)) continue;
    const name = /\/FontName \/([^\s/>]+)/.exec(body)?.[1] ?? '?';
    fonts.push(name);
    if (!/\/FontFile[23]? \d+ 0 R/.test(body)) problems.push(`font ${name} is not embedded`);
    if (!/^[A-Z]{6}\+/.test(name)) problems.push(`font ${name} has no subset tag`);
  }
  for (const body of objects.values()) {
    if (/\/Type \/Font\b/.test(body) && /\/Subtype \/(Type1|TrueType|Type3)\b/.test(body)) problems.push('a simple (standard 14?) font that is not embedded');
  }
  // Transparency groups and image interpolation are not used; ExtGState soft masks neither.
  if (/\/Interpolate true/.test(text)) problems.push('image interpolation');
  // Bookmarks.
  const bookmarks: string[] = [];
  const outlines = ref(catalog, 'Outlines');
  if (outlines !== undefined) {
    for (const body of objects.values()) {
      const title = stringEntry(body, 'Title');
      if (title !== undefined && /\/Parent \d+ 0 R/.test(body)) bookmarks.push(title);
    }
  }
  // Content streams must inflate (a cheap sanity check of the file structure).
  for (const m of text.matchAll(/\/Filter \/FlateDecode[^]*?stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      inflateSync(pdf.subarray(start, end));
    } catch {
      problems.push(`a stream at ${start} does not inflate`);
      break;
    }
  }
  return { problems, fonts, bookmarks };
}
