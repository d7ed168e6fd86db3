// A demo process (`npm start`, from its TypeScript source) for end-to-end tests, and a browserless
// visitor of its API.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

export type DemoProcess = ChildProcessByStdio<null, Readable, null>;

/** What the tests read of the backend's JSON answers (`/api/...`). */
export interface ApiAnswer {
  user?: string | null;
  method?: string;
  sms?: string;
  sent?: boolean;
  phone?: string | null;
  messages?: Array<{ channel: string; body: string; date: string }>;
  token?: string;
  identity?: string;
  status?: string;
  error?: string;
  /** The ways of signing in an attempt offers, strongest first. */
  methods?: string[];
  /** The elements' contract routes say what went wrong in `message` (and Verify's `code`). */
  message?: string;
  code?: number;
  factorSid?: string;
  secret?: string;
  uri?: string;
  publicKey?: { challenge?: string; rpId?: string; allowCredentials?: unknown[]; rp?: { id?: string } };
  factors?: Array<{ sid: string; type: string; friendlyName: string; created: string; status: string }>;
  removed?: string;
}

/**
 * Starts a demo process (`npm start`) with these variables; resolves once it says where it listens.
 * Its output is read to the end: a pipe closed after the first lines would make the demo's next
 * line (a hint it prints after starting) fail with EPIPE and end the process.
 */
export async function startDemo(env: Record<string, string>): Promise<{ child: DemoProcess; origin: string; admin?: string }> {
  const child = spawn(process.execPath, ['--conditions=verify-elements-source', '--import', 'tsx', 'demo/src/server.ts'], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const listening = new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+?)\//.exec(out);
      if (m) resolve(m);
    });
    child.stdout.on('end', () => reject(new Error(`the demo printed no URL: ${out}`)));
  });
  const m = await listening;
  return { child, origin: m[1], admin: /emulator admin on (http:\/\/\S+?)\//.exec(out)?.[1] };
}
export async function stopDemo(child: DemoProcess) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/**
 * A browser's cookies for the backend's API, without a browser: `call(path, body?, method?)` → `{ status, json, cookies }`.
 * It sends the page's Origin, as a browser does on a POST from the site's own page.
 */
export function visitor(site: () => string, cookies: Record<string, string> = {}) {
  return {
    cookies,
    /** The Set-Cookie headers of the last answer. */
    setCookies: [] as string[],
    async call(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; json: ApiAnswer; headers: Headers }> {
      const response = await fetch(`${site()}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', Origin: site(), Cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ') },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      this.setCookies = response.headers.getSetCookie();
      for (const line of response.headers.getSetCookie()) {
        const cookie = /^([^=]+)=([^;]*)/.exec(line);
        assert.ok(cookie, `a Set-Cookie header: ${line}`);
        const [, key, value] = cookie;
        if (value && !/Max-Age=0/i.test(line)) cookies[key] = value;
        else delete cookies[key];
      }
      // The JSON as the tests read it (null when there is none: reading a field of it then fails the test).
      return { status: response.status, json: (await response.json().catch(() => null)) as ApiAnswer, headers: response.headers };
    },
  };
}
export type Visitor = ReturnType<typeof visitor>;
