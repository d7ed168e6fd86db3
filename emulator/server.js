import { serve } from '@hono/node-server';
import { createEmulatorApp } from './app.js';
import { fileStorage } from './file-storage.js';

export { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN } from './app.js';

/** @typedef {Omit<import('./app.js').AppOptions, 'storage'> & { dataFile?: string }} EmulatorOptions */

/**
 * The emulator app (app.js) served by Node.
 * @param {EmulatorOptions} [options] `dataFile`: persist there; the rest as for the app.
 */
export async function createEmulator({ dataFile, ...options } = {}) {
  const emulator = await createEmulatorApp({ ...options, storage: dataFile ? fileStorage(dataFile) : undefined });
  /** @type {Set<import('node:http').Server>} */
  const servers = new Set();

  return {
    ...emulator,
    /**
     * Serves the app. Resolves once listening, with the base URL (`http://host:port/v2/`).
     * @param {number} [port] 0 picks a free port
     * @param {string} [host]
     */
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const server = /** @type {import('node:http').Server} */ (serve({ fetch: emulator.app.fetch, port, hostname: host }, info => {
          servers.add(server);
          const name = info.address.includes(':') ? `[${info.address}]` : info.address;
          resolve({ url: `http://${name}:${info.port}/v2/`, port: info.port, close: () => closeServer(server) });
        }));
        server.once('error', reject);
      });
    },
    /** Stops serving, ends push streams and webhook retries (also of an app only embedded, never listening), and waits for the last write. */
    async close() {
      await Promise.all([...servers].map(closeServer));
      await emulator.close();
    },
  };

  /** @param {import('node:http').Server} server */
  function closeServer(server) {
    servers.delete(server);
    // Ends the push streams first: the server closes only once no response is open.
    const stopped = emulator.close();
    const closed = new Promise(resolve => {
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    });
    return Promise.all([stopped, closed]).then(() => undefined);
  }
}

/**
 * Starts an emulator and serves it: the CLI's work, for scripts and tests in the same process.
 * Resolves once listening; `close()` stops the server, push streams and webhook retries.
 * @param {EmulatorOptions & { port?: number, host?: string }} [options] `port` 0 (default) picks a free one
 */
export async function startEmulator({ port = 0, host = '127.0.0.1', ...options } = {}) {
  const emulator = await createEmulator(options);
  const server = await emulator.listen(port, host);
  return { ...emulator, baseUrl: server.url, port: server.port };
}

export { fileStorage };
