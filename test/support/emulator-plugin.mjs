// web-test-runner plugin: starts a Verify Push emulator through its programmatic API and answers the
// `emulator` server command with `{ baseUrl, accountSid, authToken }`.
// Each engine gets its own emulator, started on its first request and kept for the whole run:
// engines run at the same time, and the client tests move the emulator's clock and inject faults.
import { randomBytes } from 'node:crypto';
import { startEmulator } from 'verify-push-emulator/node';

/** An emulator with fresh account credentials of its own. */
const start = () => startEmulator({ accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') });

export function emulatorPlugin() {
  const byEngine = new Map();
  const stopAll = async () => {
    const started = [...byEngine.values()];
    byEngine.clear();
    await Promise.all(started.map(s => s.then(emulator => emulator.close(), () => {})));
  };
  return {
    name: 'verify-emulator',
    serverStop: stopAll,
    async executeCommand({ command, session }) {
      if (command !== 'emulator') return undefined;
      const engine = session.browser.name;
      if (!byEngine.has(engine)) byEngine.set(engine, start());
      const { baseUrl, accountSid, authToken } = await byEngine.get(engine);
      return { baseUrl, accountSid, authToken };
    },
  };
}
