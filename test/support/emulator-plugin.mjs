// web-test-runner plugin: runs the Verify Push emulator's CLI as a child process and answers the `emulator` server command with `{ baseUrl, accountSid, authToken }`.
// Each engine gets its own emulator, started on its first request and kept for the whole run:
// engines run at the same time, and the client tests move the emulator's clock and inject faults.
import { randomBytes } from 'node:crypto';
import { spawnEmulator } from '../../emulator/test/spawn.js';

/** An emulator with fresh account credentials of its own. */
function startEmulator() {
  return spawnEmulator(['--account-sid', `AC${randomBytes(16).toString('hex')}`, '--auth-token', randomBytes(16).toString('hex')]);
}

export function emulatorPlugin() {
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
      if (!byEngine.has(engine)) byEngine.set(engine, startEmulator());
      const { baseUrl, accountSid, authToken } = await byEngine.get(engine);
      return { baseUrl, accountSid, authToken };
    },
  };
}
