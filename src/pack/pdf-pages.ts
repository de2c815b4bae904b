/**
 * Page count of a PDF file without loading it: follows `startxref` → cross-reference table or
 * stream (and its /Prev chain) → /Root → /Pages → /Count, reading only the few objects needed
 * (object streams included). Memory stays bounded whatever the file size. Returns null when the
 * file is not a PDF this can read (damaged, encrypted object streams, unusual structure); the
 * caller shows "—" rather than a wrong number.
 */
import { latin1 } from '../bytes.js';
import { host } from '../host.js';

/** Reads at a position, as Node's FileHandle does (the Node face passes its handles; the page, its bytes). */
export interface PositionalReader {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

type Val =
  | { t: 'num'; v: number }
  | { t: 'name'; v: string }
  | { t: 'ref'; n: number; g: number }
  | { t: 'dict'; v: Map<string, Val> }
  | { t: 'arr'; v: Val[] }
  | { t: 'str' }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'kw'; v: string };

class PdfSyntax extends Error {}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** A tiny PDF object parser over a byte buffer (enough for dictionaries, arrays and numbers). */
class Parser {
  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
  ) {}

  skipWs(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  private token(): string {
    const b = this.buf;
    const start = this.pos;
    while (this.pos < b.length && !WS.has(b[this.pos]!) && !DELIM.has(b[this.pos]!)) this.pos++;
    return latin1(b.subarray(start, this.pos));
  }

  value(depth = 0): Val {
    if (depth > 64) throw new PdfSyntax('nesting too deep');
    this.skipWs();
    const b = this.buf;
    if (this.pos >= b.length) throw new PdfSyntax('unexpected end');
    const c = b[this.pos]!;
    if (c === 0x2f) {
      this.pos++;
      return { t: 'name', v: this.token() };
    }
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const m = new Map<string, Val>();
      for (;;) {
        this.skipWs();
        if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return { t: 'dict', v: m };
        }
        const k = this.value(depth + 1);
        if (k.t !== 'name') throw new PdfSyntax('dictionary key is not a name');
        m.set(k.v, this.value(depth + 1));
      }
    }
    if (c === 0x3c) {
      const end = b.indexOf(0x3e, this.pos);
      if (end < 0) throw new PdfSyntax('unterminated hex string');
      this.pos = end + 1;
      return { t: 'str' };
    }
    if (c === 0x5b) {
      this.pos++;
      const a: Val[] = [];
      for (;;) {
        this.skipWs();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return { t: 'arr', v: a };
        }
        if (this.pos >= b.length) throw new PdfSyntax('unterminated array');
        a.push(this.value(depth + 1));
      }
    }
    if (c === 0x28) {
      let level = 0;
      while (this.pos < b.length) {
        const x = b[this.pos++]!;
        if (x === 0x5c) this.pos++;
        else if (x === 0x28) level++;
        else if (x === 0x29 && --level === 0) return { t: 'str' };
      }
      throw new PdfSyntax('unterminated string');
    }
    if (c === 0x7b || c === 0x7d || c === 0x29 || c === 0x3e || c === 0x5d) throw new PdfSyntax('unexpected delimiter');
    const tok = this.token();
    if (tok === '') throw new PdfSyntax('empty token');
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) {
      const n = Number(tok);
      // "n g R": an indirect reference.
      if (/^\d+$/.test(tok)) {
        const save = this.pos;
        this.skipWs();
        const g = this.token();
        if (/^\d+$/.test(g)) {
          this.skipWs();
          if (this.buf[this.pos] === 0x52 /* R */ && (this.pos + 1 >= b.length || WS.has(b[this.pos + 1]!) || DELIM.has(b[this.pos + 1]!))) {
            this.pos++;
            return { t: 'ref', n, g: Number(g) };
          }
        }
        this.pos = save;
      }
      return { t: 'num', v: n };
    }
    if (tok === 'true' || tok === 'false') return { t: 'bool', v: tok === 'true' };
    if (tok === 'null') return { t: 'null' };
    return { t: 'kw', v: tok };
  }

  keyword(): string {
    this.skipWs();
    return this.token();
  }
}

type XrefEntry = { type: 1; offset: number } | { type: 2; stream: number; index: number };

const MAX_READ = 1 << 20;
const MAX_INFLATE = 64 << 20;

class PdfFile {
  private readonly xref = new Map<number, XrefEntry>();
  private readonly objStreams = new Map<number, { first: number; data: Uint8Array; offsets: Map<number, number> }>();
  trailer: Map<string, Val> | undefined;

  constructor(
    private readonly fh: PositionalReader,
    private readonly size: number,
  ) {}

  async read(position: number, length: number): Promise<Uint8Array> {
    const len = Math.max(0, Math.min(length, this.size - position));
    const buf = new Uint8Array(len);
    let off = 0;
    while (off < len) {
      const { bytesRead } = await this.fh.read(buf, off, len - off, position + off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  }

  async loadXref(): Promise<void> {
    const tailLen = Math.min(this.size, 4096);
    const tail = latin1(await this.read(this.size - tailLen, tailLen));
    const m = /startxref\s+(\d+)/g;
    let last: RegExpExecArray | null = null;
    for (let r = m.exec(tail); r; r = m.exec(tail)) last = r;
    if (!last) throw new PdfSyntax('no startxref');
    const seen = new Set<number>();
    const queue: number[] = [Number(last[1])];
    while (queue.length) {
      const at = queue.shift()!;
      if (seen.has(at) || seen.size > 64 || at >= this.size) continue;
      seen.add(at);
      const trailer = await this.readSection(at);
      this.trailer ??= trailer;
      const xs = trailer.get('XRefStm');
      if (xs?.t === 'num') queue.unshift(xs.v);
      const prev = trailer.get('Prev');
      if (prev?.t === 'num') queue.push(prev.v);
    }
  }

  /** Reads one cross-reference section (table or stream); older sections never override newer. */
  private async readSection(at: number): Promise<Map<string, Val>> {
    const head = await this.read(at, 64);
    const text = latin1(head).trimStart();
    if (text.startsWith('xref')) return this.readTable(at);
    return this.readXrefStream(at);
  }

  private async readTable(at: number): Promise<Map<string, Val>> {
    // Read in growing windows until "trailer" and its dictionary are in view.
    for (let len = 64 * 1024; ; len *= 4) {
      const buf = await this.read(at, Math.min(len, MAX_READ * 16));
      const s = latin1(buf);
      const ti = s.indexOf('trailer');
      if (ti < 0) {
        if (at + buf.length >= this.size || len >= MAX_READ * 16) throw new PdfSyntax('xref table without trailer');
        continue;
      }
      const lines = s.slice(s.indexOf('xref') + 4, ti);
      const re = /(\d+)\s+(\d+)\s*[\r\n]+|(\d{10})\s+(\d{5})\s+([nf])/g;
      let obj = 0;
      for (let r = re.exec(lines); r; r = re.exec(lines)) {
        if (r[1] !== undefined) obj = Number(r[1]);
        else {
          if (r[5] === 'n' && !this.xref.has(obj)) this.xref.set(obj, { type: 1, offset: Number(r[3]) });
          obj++;
        }
      }
      const p = new Parser(buf, ti + 7);
      const d = p.value();
      if (d.t !== 'dict') throw new PdfSyntax('trailer is not a dictionary');
      return d.v;
    }
  }

  private async readXrefStream(at: number): Promise<Map<string, Val>> {
    const { dict, data } = await this.streamObjectAt(at);
    if (nameOf(dict.get('Type')) !== 'XRef') throw new PdfSyntax('startxref does not point to a cross-reference section');
    const w = arrNums(dict.get('W'));
    if (w.length !== 3) throw new PdfSyntax('bad /W');
    const size = num(dict.get('Size'));
    const index = dict.has('Index') ? arrNums(dict.get('Index')) : [0, size ?? 0];
    const rowLen = w[0]! + w[1]! + w[2]!;
    let pos = 0;
    const field = (width: number, dflt: number): number => {
      if (width === 0) return dflt;
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[pos++]!;
      return v;
    };
    for (let i = 0; i + 1 < index.length; i += 2) {
      const start = index[i]!;
      const count = index[i + 1]!;
      for (let k = 0; k < count; k++) {
        if (pos + rowLen > data.length) throw new PdfSyntax('xref stream too short');
        const type = field(w[0]!, 1);
        const f2 = field(w[1]!, 0);
        const f3 = field(w[2]!, 0);
        const obj = start + k;
        if (this.xref.has(obj)) continue;
        if (type === 1) this.xref.set(obj, { type: 1, offset: f2 });
        else if (type === 2) this.xref.set(obj, { type: 2, stream: f2, index: f3 });
      }
    }
    return dict;
  }

  /** Parses "n g obj <dict> stream … endstream" at `at`; returns the dictionary and the decoded data. */
  private async streamObjectAt(at: number): Promise<{ dict: Map<string, Val>; data: Uint8Array }> {
    const head = await this.read(at, 8192);
    const p = new Parser(head);
    p.skipWs();
    const n = p.value();
    const g = p.value();
    const kw = p.keyword();
    if (n.t !== 'num' || g.t !== 'num' || kw !== 'obj') throw new PdfSyntax('no object header');
    const d = p.value();
    if (d.t !== 'dict') throw new PdfSyntax('stream object without dictionary');
    if (p.keyword() !== 'stream') throw new PdfSyntax('not a stream');
    // The data starts after the EOL that follows "stream".
    let start = p.pos;
    if (head[start] === 0x0d) start++;
    if (head[start] === 0x0a) start++;
    const length = await this.resolveNum(d.v.get('Length'));
    if (length === undefined || length < 0 || length > MAX_INFLATE) throw new PdfSyntax('bad stream /Length');
    const raw = await this.read(at + start, length);
    return { dict: d.v, data: decode(d.v, raw) };
  }

  async resolveNum(v: Val | undefined): Promise<number | undefined> {
    if (v?.t === 'num') return v.v;
    if (v?.t === 'ref') {
      const o = await this.object(v.n);
      return o?.t === 'num' ? o.v : undefined;
    }
    return undefined;
  }

  async resolve(v: Val | undefined): Promise<Val | undefined> {
    return v?.t === 'ref' ? this.object(v.n) : v;
  }

  /** The value of indirect object `n` (a dictionary's stream data is not read). */
  async object(n: number, depth = 0): Promise<Val | undefined> {
    if (depth > 8) throw new PdfSyntax('reference loop');
    const e = this.xref.get(n);
    if (!e) return undefined;
    if (e.type === 1) {
      const buf = await this.read(e.offset, 64 * 1024);
      const p = new Parser(buf);
      const on = p.value();
      p.value();
      if (on.t !== 'num' || on.v !== n || p.keyword() !== 'obj') throw new PdfSyntax(`object ${n} not at its offset`);
      return p.value();
    }
    let os = this.objStreams.get(e.stream);
    if (!os) {
      const se = this.xref.get(e.stream);
      if (!se || se.type !== 1) throw new PdfSyntax('object stream not found');
      const { dict, data } = await this.streamObjectAt(se.offset);
      if (nameOf(dict.get('Type')) !== 'ObjStm') throw new PdfSyntax('not an object stream');
      const count = num(dict.get('N')) ?? 0;
      const first = num(dict.get('First')) ?? 0;
      const hp = new Parser(data);
      const offsets = new Map<number, number>();
      for (let i = 0; i < count; i++) {
        const a = hp.value();
        const b = hp.value();
        if (a.t !== 'num' || b.t !== 'num') throw new PdfSyntax('bad object stream header');
        offsets.set(a.v, b.v);
      }
      os = { first, data, offsets };
      this.objStreams.set(e.stream, os);
    }
    const off = os.offsets.get(n);
    if (off === undefined) throw new PdfSyntax(`object ${n} not in its object stream`);
    return new Parser(os.data, os.first + off).value();
  }
}

function num(v: Val | undefined): number | undefined {
  return v?.t === 'num' ? v.v : undefined;
}

function nameOf(v: Val | undefined): string | undefined {
  return v?.t === 'name' ? v.v : undefined;
}

function arrNums(v: Val | undefined): number[] {
  if (v?.t !== 'arr') return [];
  return v.v.map((x) => (x.t === 'num' ? x.v : NaN)).filter((x) => Number.isFinite(x));
}

/** FlateDecode (with PNG predictors) or no filter; anything else is not supported here. */
function decode(dict: Map<string, Val>, raw: Uint8Array): Uint8Array {
  const filter = dict.get('Filter');
  const filters = filter?.t === 'arr' ? filter.v.map(nameOf) : filter ? [nameOf(filter)] : [];
  let data = raw;
  for (const f of filters) {
    if (f !== 'FlateDecode' && f !== 'Fl') throw new PdfSyntax(`unsupported filter ${String(f)}`);
    data = host().inflateZlib(data, MAX_INFLATE);
  }
  const parms = dict.get('DecodeParms') ?? dict.get('DP');
  const pd = parms?.t === 'arr' ? parms.v[0] : parms;
  if (pd?.t === 'dict') {
    const predictor = num(pd.v.get('Predictor')) ?? 1;
    if (predictor >= 10) data = unpredictPng(data, num(pd.v.get('Columns')) ?? 1);
    else if (predictor !== 1) throw new PdfSyntax('TIFF predictor not supported');
  }
  return data;
}

function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rowLen = columns + 1;
  const rows = Math.floor(data.length / rowLen);
  const out = new Uint8Array(rows * columns);
  const prev = new Uint8Array(columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * rowLen]!;
    const row = data.subarray(r * rowLen + 1, (r + 1) * rowLen);
    const cur = out.subarray(r * columns, (r + 1) * columns);
    for (let i = 0; i < columns; i++) {
      const left = i > 0 ? cur[i - 1]! : 0;
      const up = prev[i]!;
      const ul = i > 0 ? prev[i - 1]! : 0;
      let v = row[i]!;
      if (type === 1) v += left;
      else if (type === 2) v += up;
      else if (type === 3) v += (left + up) >> 1;
      else if (type === 4) {
        const pp = left + up - ul;
        const pa = Math.abs(pp - left);
        const pb = Math.abs(pp - up);
        const pc = Math.abs(pp - ul);
        v += pa <= pb && pa <= pc ? left : pb <= pc ? up : ul;
      }
      cur[i] = v & 0xff;
    }
    prev.set(cur);
  }
  return out;
}

async function countPages(pdf: PdfFile): Promise<number | null> {
  await pdf.loadXref();
  const root = await pdf.resolve(pdf.trailer?.get('Root'));
  if (root?.t !== 'dict') return null;
  const pages = await pdf.resolve(root.v.get('Pages'));
  if (pages?.t !== 'dict') return null;
  const count = await pdf.resolveNum(pages.v.get('Count'));
  return count !== undefined && Number.isInteger(count) && count >= 0 ? count : null;
}

/** Page count of a PDF read through an open handle (not closed here). */
export async function pdfPageCountOfHandle(fh: PositionalReader, size: number): Promise<number | null> {
  try {
    return await countPages(new PdfFile(fh, size));
  } catch {
    return null;
  }
}

/** Page count of an in-memory PDF. */
export async function pdfPageCountOfBuffer(data: Uint8Array): Promise<number | null> {
  const reader: PositionalReader = {
    read: async (buf, off, len, pos) => {
      const n = Math.max(0, Math.min(len, data.length - pos));
      buf.set(data.subarray(pos, pos + n), off);
      return { bytesRead: n };
    },
  };
  try {
    return await countPages(new PdfFile(reader, data.length));
  } catch {
    return null;
  }
}
