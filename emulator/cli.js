#!/usr/bin/env node
// The local Verify Push emulator: `verify-push-emulator --port 8787 --data state.json`.
import { parseArgs } from 'node:util';
import { createEmulator, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN } from './server.js';

const HELP = `Usage: verify-push-emulator [options]

A local Verify Push API (Twilio Verify v2 push factors) for development and tests.

  --port N            port to listen on (default 8787; 0 picks a free one)
  --host HOST         interface to bind (default 127.0.0.1: loopback only)
  --data FILE         keep state in FILE across restarts (default: memory only)
  --account-sid AC…   account SID the backend authenticates with (default ${DEFAULT_ACCOUNT_SID})
  --auth-token TOKEN  auth token; also signs webhooks (default ${DEFAULT_AUTH_TOKEN})
  --origin ORIGIN     allowed CORS origin, repeatable, * for any (default: any http(s)://localhost or 127.0.0.1 origin)
  --help              this text
`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      'account-sid': { type: 'string', default: DEFAULT_ACCOUNT_SID },
      'auth-token': { type: 'string', default: DEFAULT_AUTH_TOKEN },
      origin: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  console.error(`verify-push-emulator: ${/** @type {Error} */ (err).message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`verify-push-emulator: --port must be a whole number from 0 to 65535; got ${args.port}.`);
  process.exit(2);
}
if (!/^AC[0-9a-zA-Z]{32}$/.test(args['account-sid'])) {
  console.error('verify-push-emulator: --account-sid must be AC followed by 32 letters or digits (the twilio library checks the AC prefix).');
  process.exit(2);
}

let emulator, server;
try {
  emulator = await createEmulator({ accountSid: args['account-sid'], authToken: args['auth-token'], dataFile: args.data, origins: args.origin });
  server = await emulator.listen(port, args.host);
} catch (err) {
  const e = /** @type {NodeJS.ErrnoException} */ (err);
  console.error(`verify-push-emulator: ${e.code === 'EADDRINUSE' ? `port ${port} is in use; pass another --port (0 picks a free one)` : e.message}`);
  process.exit(1);
}

console.log(`Verify Push emulator on ${server.url} (account ${emulator.accountSid}, auth token ${emulator.authToken}, ${args.data ? `data ${args.data}` : 'memory only'})`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await emulator.close();
    process.exit(0);
  });
}
