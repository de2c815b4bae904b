/** A minimal Language Server Protocol client over stdio (Content-Length framed JSON-RPC), for tests. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Lsp {
  request<T = unknown>(method: string, params: unknown): Promise<T>;
  notify(method: string, params: unknown): void;
  /** Resolves with the next notification of this method that satisfies `pred`. */
  waitFor<T = unknown>(method: string, pred?: (p: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export function startLsp(command: string, args: string[], cwd: string): Lsp {
  const proc: ChildProcess = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  let id = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const seen: Array<{ method: string; params: unknown }> = [];
  const waiters: Array<{ method: string; pred: (p: unknown) => boolean; resolve: (p: unknown) => void }> = [];
  const send = (msg: unknown) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...(msg as object) }), 'utf8');
    proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    proc.stdin!.write(body);
  };
  proc.stdout!.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, sep).toString())?.[1]);
      if (buf.length < sep + 4 + len) return;
      const msg = JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString('utf8')) as {
        id?: number;
        method?: string;
        params?: unknown;
        result?: unknown;
        error?: { message: string };
      };
      buf = buf.subarray(sep + 4 + len);
      if (msg.method && msg.id !== undefined) {
        // A request from the server (workspace/configuration, client/registerCapability): answer it.
        send({ id: msg.id, result: msg.method === 'workspace/configuration' ? [{ validate: true, hover: true, completion: true, schemaStore: { enable: false } }] : null });
      } else if (msg.method) {
        seen.push({ method: msg.method, params: msg.params });
        for (const w of [...waiters]) {
          if (w.method === msg.method && w.pred(msg.params)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(msg.params);
          }
        }
      } else if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result);
      }
    }
  });
  return {
    request<T>(method: string, params: unknown) {
      const myId = ++id;
      send({ id: myId, method, params });
      return new Promise<T>((resolve, reject) => pending.set(myId, { resolve: resolve as (v: unknown) => void, reject }));
    },
    notify(method, params) {
      send({ method, params });
    },
    waitFor<T>(method: string, pred: (p: T) => boolean = () => true, timeoutMs = 20_000) {
      const hit = seen.find((s) => s.method === method && pred(s.params as T));
      if (hit) return Promise.resolve(hit.params as T);
      return new Promise<T>((resolve, reject) => {
        const w = { method, pred: pred as (p: unknown) => boolean, resolve: resolve as (p: unknown) => void };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`no ${method} within ${timeoutMs} ms`));
          }
        }, timeoutMs).unref();
      });
    },
    async close() {
      try {
        await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
        this.notify('exit', null);
      } finally {
        setTimeout(() => proc.kill(), 1000).unref();
      }
    },
  };
}
