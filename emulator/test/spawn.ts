// Runs the emulator's compiled CLI (dist/cli.js: build the package first) as a child process, as
// users run it, for tests and benchmarks.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
// A token given with --auth-token is never printed; the default one is.
const STARTED = /Verify Push emulator on (\S+) \(account (AC\w+), (?:auth token (\S+)|the auth token given),/;

export interface SpawnedEmulator {
  child: ChildProcessByStdio<null, Readable, Readable>;
  baseUrl: string;
  accountSid: string;
  authToken: string;
  line: string;
}

/**
 * Starts `verify-push-emulator --port 0 …args` and resolves once it printed its one line, with the
 * base URL and the credentials it runs with. Both pipes are drained for the child's whole life: a
 * full pipe would stall it.
 * @param args more CLI flags (`--data`, `--account-sid`, …)
 * @param startMs how long it may take to start (reading a large journal takes a while)
 */
export function spawnEmulator(args: string[] = [], startMs = 10_000): Promise<SpawnedEmulator> {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out: string | null = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`The emulator ${why}.${out || err ? `\n${out}${err}` : ''}`));
    };
    const timer = setTimeout(() => fail(`printed no base URL within ${startMs / 1000} s`), startMs);
    const exited = (code: number | null) => fail(`exited with code ${code}`);
    child.once('error', error => fail(`could not start: ${error.message}`));
    child.once('exit', exited);
    child.stdout.on('data', (chunk: Buffer) => {
      if (out === null) return;
      out += chunk;
      const m = STARTED.exec(out);
      if (!m) return;
      const line = out.trim();
      out = null;
      clearTimeout(timer);
      child.off('exit', exited);
      const given = parseArgs({ args, options: { 'auth-token': { type: 'string' } }, strict: false }).values['auth-token'];
      resolve({ child, baseUrl: m[1], accountSid: m[2], authToken: m[3] ?? String(given), line });
    });
  });
}
