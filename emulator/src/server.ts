import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { type AppOptions, createEmulatorApp } from './app.js';
import { fileStorage } from './file-storage.js';
import { loopbackOnly } from './local.js';

export { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN } from './app.js';
export { fileStorage };

export interface EmulatorOptions extends AppOptions {
  /** Persist the state in this journal file (default: memory only); short for `storage: fileStorage(dataFile)`. */
  dataFile?: string;
  /** Host names served besides loopback ones (localhost, *.localhost, 127.0.0.1, [::1]); `*` for any. */
  allowedHosts?: string[];
}

export interface Listening {
  /** The base URL, `http://host:port/v2/`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The emulator app (app.ts) served by Node. */
export async function createEmulator({ dataFile, allowedHosts, ...options }: EmulatorOptions = {}) {
  const emulator = await createEmulatorApp({ ...options, storage: dataFile ? fileStorage(dataFile) : options.storage });
  const fetch = loopbackOnly(emulator.app.fetch, allowedHosts);
  const servers = new Set<Server>();

  async function closeServer(server: Server): Promise<void> {
    servers.delete(server);
    // Ends the push streams first: the server closes only once no response is open.
    const stopped = emulator.close();
    const closed = new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await Promise.all([stopped, closed]);
  }

  return {
    ...emulator,
    /** Serves the app; resolves once listening. `port` 0 picks a free one. */
    listen(port = 0, host = '127.0.0.1'): Promise<Listening> {
      return new Promise((resolve, reject) => {
        // serve() makes an HTTP/1 server unless told otherwise.
        const server = serve({ fetch, port, hostname: host }, info => {
          servers.add(server);
          const name = info.address.includes(':') ? `[${info.address}]` : info.address;
          resolve({ url: `http://${name}:${info.port}/v2/`, port: info.port, close: () => closeServer(server) });
        }) as Server;
        server.once('error', reject);
      });
    },
    /** Stops serving, ends push streams and webhook retries (also of an app only embedded, never listening), and waits for the last write. */
    async close(): Promise<void> {
      await Promise.all([...servers].map(closeServer));
      await emulator.close();
    },
  };
}

export type Emulator = Awaited<ReturnType<typeof createEmulator>>;

/**
 * Starts an emulator and serves it: the CLI's work, for scripts and tests in the same process.
 * Resolves once listening; `close()` stops the server, push streams and webhook retries.
 * `port` 0 (default) picks a free one.
 */
export async function startEmulator({ port = 0, host = '127.0.0.1', ...options }: EmulatorOptions & { port?: number; host?: string } = {}) {
  const emulator = await createEmulator(options);
  const server = await emulator.listen(port, host);
  return { ...emulator, baseUrl: server.url, port: server.port };
}
