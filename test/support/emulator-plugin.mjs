// web-test-runner plugin: runs the Verify Push emulator (`node emulator/cli.js --port 0`) as a child
// process and answers the `emulator` server command with `{ baseUrl, accountSid, authToken }`.
// Each engine gets its own emulator, started on its first request and kept for the whole run:
// engines run at the same time, and the client tests move the emulator's clock and inject faults.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Starts `node <cli> --port 0` with fresh account credentials; resolves when it prints its base URL. */
export function startEmulator(cli = 'emulator/cli.js') {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [cli, '--port', '0', '--host', '127.0.0.1', '--account-sid', accountSid, '--auth-token', authToken], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  // Keep draining both pipes for the whole run: a full pipe would stall the emulator.
  child.stderr.on('data', chunk => (err = (err + chunk).slice(-2000)));
  return new Promise((resolve, reject) => {
    const fail = why => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`The emulator (${cli}) ${why}.${err ? `\n${err}` : ''}`));
    };
    const timer = setTimeout(() => fail('printed no base URL within 10 s'), 10_000);
    child.once('error', error => fail(`could not start: ${error.message}`));
    child.once('exit', code => fail(`exited with code ${code}`));
    child.stdout.on('data', chunk => {
      if (out === null) return;
      out += chunk;
      const baseUrl = out.match(/https?:\/\/\S+?\/v2\//)?.[0];
      if (!baseUrl) return;
      out = null;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, info: { baseUrl, accountSid, authToken } });
    });
  });
}

export function emulatorPlugin({ cli = 'emulator/cli.js' } = {}) {
  const byEngine = new Map();
  const stopAll = () => {
    for (const started of byEngine.values()) started.then(({ child }) => child.kill(), () => {});
    byEngine.clear();
  };
  return {
    name: 'verify-emulator',
    serverStart() {
      process.once('exit', stopAll);
    },
    serverStop: stopAll,
    async executeCommand({ command, session }) {
      if (command !== 'emulator') return undefined;
      const engine = session.browser.name;
      if (!byEngine.has(engine)) byEngine.set(engine, startEmulator(cli));
      return (await byEngine.get(engine)).info;
    },
  };
}
