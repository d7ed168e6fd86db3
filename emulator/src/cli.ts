#!/usr/bin/env node
// The local Verify Push emulator: `verify-push-emulator --port 8787 --data state.json`.
import { parseArgs } from 'node:util';
import { DEFAULT_RETENTION_SECONDS } from './retention.js';
import { createEmulator, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, type Emulator, type Listening } from './server.js';

const HELP = `Usage: verify-push-emulator [options]

A local Verify Push API (Twilio Verify v2 push factors) for development and tests.

  --port N            port to listen on (default 8787; 0 picks a free one)
  --host HOST         interface to bind (default 127.0.0.1: loopback only)
  --data FILE         keep state in FILE (a journal) across restarts (default: memory only)
  --retention TIME    how long answered and expired challenges stay: 90s, 30m, 12h, 7d (default 1d)
  --account-sid AC…   account SID the backend authenticates with (default ${DEFAULT_ACCOUNT_SID})
  --auth-token TOKEN  auth token; also signs webhooks (default ${DEFAULT_AUTH_TOKEN})
  --origin ORIGIN     allowed CORS origin, repeatable, * for any (default: any http(s)://localhost or 127.0.0.1 origin)
  --allow-host NAME   serve requests addressed to NAME too, repeatable, * for any (default: loopback names only:
                      localhost, *.localhost, 127.0.0.1, [::1])
  --open-admin        serve /emulator/state, faults, clock and outbox without the account credentials
  --help              this text
`;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        'account-sid': { type: 'string', default: DEFAULT_ACCOUNT_SID },
        'auth-token': { type: 'string', default: DEFAULT_AUTH_TOKEN },
        origin: { type: 'string', multiple: true, default: [] },
        'allow-host': { type: 'string', multiple: true, default: [] },
        'open-admin': { type: 'boolean', default: false },
        retention: { type: 'string', default: `${DEFAULT_RETENTION_SECONDS}s` },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    console.error(`verify-push-emulator: ${message(err)}\n\n${HELP}`);
    process.exit(2);
  }
}

const args = parse();
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

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const retention = /^(\d+(?:\.\d+)?)([smhd])$/.exec(args.retention);
if (!retention) {
  console.error(`verify-push-emulator: --retention must be a number and a unit (s, m, h or d), e.g. 12h; got ${args.retention}.`);
  process.exit(2);
}

let emulator: Emulator;
let server: Listening;
try {
  emulator = await createEmulator({
    accountSid: args['account-sid'], authToken: args['auth-token'], dataFile: args.data, origins: args.origin,
    allowedHosts: args['allow-host'], openAdmin: args['open-admin'], retentionSeconds: Number(retention[1]) * UNITS[retention[2]],
  });
  server = await emulator.listen(port, args.host);
} catch (err) {
  const inUse = err instanceof Error && 'code' in err && err.code === 'EADDRINUSE';
  console.error(`verify-push-emulator: ${inUse ? `port ${port} is in use; pass another --port (0 picks a free one)` : message(err)}`);
  process.exit(1);
}

// The default token is public (it is in the docs); one given on the command line is a secret: never echo it.
const token = emulator.authToken === DEFAULT_AUTH_TOKEN ? `auth token ${DEFAULT_AUTH_TOKEN}` : 'the auth token given';
console.log(`Verify Push emulator on ${server.url} (account ${emulator.accountSid}, ${token}, ${args.data ? `data ${args.data}` : 'memory only'})`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await emulator.close();
    process.exit(0);
  });
}
