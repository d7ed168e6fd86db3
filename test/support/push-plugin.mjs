// web-test-runner plugin for the push tests.
// - `push-proxy` (every engine): an HTTP proxy in front of the emulator that the test can cut
//   (`drop`: end every open stream), make refuse streams (`refuse`: the next N get a 503), or write
//   raw SSE text into the open streams (`inject`), to see the emulator transport reconnect and report.
// - `push-sw` (Chromium only): a test service worker that runs firebase's own messaging code
//   (test/push/fcm-sw.ts, bundled here with esbuild), fed real `push` events through the DevTools
//   protocol (ServiceWorker.deliverPushMessage), notification permission granted through it too.
//   The worker is served by the test server (the app's origin) and by a second server on another
//   origin, whose worker has no window of its own open: firebase's background path.
//   Also `clear-indexeddb`: clears the page origin's IndexedDB as the browser's "clear site data" does.
import { createServer, request } from 'node:http';
import { build } from 'esbuild';

const SW_PATH = '/__push-sw/fcm-sw.js';
// The same worker, served as text the first time each `?once=` token asks: a deploy caught midway.
const FLAKY_SW_PATH = '/__push-sw/flaky/sw';
const flakyTokens = new Set();
const HOST_PATH = '/__push-sw/host.html';
const HOST_PAGE = `<!doctype html><script>
  window.received = [];
  navigator.serviceWorker.addEventListener('message', e => received.push(e.data));
  navigator.serviceWorker.register('${SW_PATH}');
</script>`;

let bundle;
const workerCode = () =>
  (bundle ??= build({ entryPoints: ['test/push/fcm-sw.ts'], bundle: true, format: 'iife', target: 'es2022', write: false, logLevel: 'silent' }).then(r => r.outputFiles[0].text));

const listen = server => new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));

function startProxy(target) {
  const open = new Set(); // open responses
  const streams = new Set();
  let refuse = 0;
  const server = createServer((req, res) => {
    if (req.url.startsWith('/emulator/push/') && refuse > 0) {
      refuse--;
      res.writeHead(503, { 'Access-Control-Allow-Origin': req.headers.origin ?? '*' }).end();
      return;
    }
    const upstream = request(new URL(req.url, target), { method: req.method, headers: req.headers }, response => {
      res.writeHead(response.statusCode, response.headers);
      if (req.url.startsWith('/emulator/push/')) streams.add(res);
      response.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
    open.add(res);
    res.on('close', () => (open.delete(res), streams.delete(res)));
  });
  return listen(server).then(origin => ({
    server,
    origin,
    drop: () => open.forEach(res => res.destroy()),
    refuse: count => (refuse = count),
    /** Writes into every open stream; answers how many there were. */
    inject: text => {
      streams.forEach(res => res.write(text));
      return streams.size;
    },
  }));
}

export function pushPlugin() {
  const proxies = new Map(); // by engine
  const sessions = new Map(); // CDP session per Chromium browser
  let otherOrigin;
  const servers = [];

  async function cdp(page) {
    const browser = page.browser();
    if (!sessions.has(browser)) {
      sessions.set(browser, (async () => {
        const session = await page.createCDPSession();
        const registrations = new Map(); // scope URL → registration id
        session.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
          for (const r of list) r.isDeleted ? registrations.delete(r.scopeURL) : registrations.set(r.scopeURL, r.registrationId);
        });
        await session.send('ServiceWorker.enable');
        return { session, registrations };
      })());
    }
    return sessions.get(browser);
  }

  async function worker(browser, origin) {
    const target = await browser.waitForTarget(t => t.type() === 'service_worker' && t.url().startsWith(origin), { timeout: 5000 });
    return target.worker();
  }

  // A closed page lingers a moment among the worker's clients, and firebase would still see a window.
  async function closeWindows(browser, origin) {
    await Promise.all((await browser.pages()).filter(p => p.url().startsWith(origin)).map(p => p.close()));
    const sw = await worker(browser, origin);
    for (let i = 0; i < 100; i++) {
      if (!(await sw.evaluate(() => self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(list => list.length)))) return;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`windows of ${origin} stayed open`);
  }

  return {
    name: 'verify-push',
    serve(context) {
      if (context.path === SW_PATH) return workerCode().then(body => ({ body, type: 'js' }));
      if (context.path === FLAKY_SW_PATH) {
        const token = context.URL.searchParams.get('once');
        if (!flakyTokens.has(token)) return flakyTokens.add(token), { body: 'Deploying, try again', type: 'txt' };
        return workerCode().then(body => ({ body, type: 'js' }));
      }
      if (context.path === HOST_PATH) return { body: HOST_PAGE, type: 'html' };
    },
    serverStop() {
      for (const p of proxies.values()) p.then(({ server }) => server.close(), () => {});
      servers.forEach(s => s.close());
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'push-proxy') {
        const engine = session.browser.name;
        if (payload.action === 'start') {
          proxies.get(engine)?.then(({ server }) => server.close());
          proxies.set(engine, startProxy(payload.target));
          return { origin: (await proxies.get(engine)).origin };
        }
        const proxy = await proxies.get(engine);
        if (payload.action === 'drop') proxy.drop();
        if (payload.action === 'refuse') proxy.refuse(payload.count);
        if (payload.action === 'inject') return { streams: proxy.inject(payload.text) };
        return true;
      }
      if (command !== 'push-sw') return undefined;
      if (session.browser.name !== 'Chromium') throw new Error('push-sw needs Chromium (puppeteer and the DevTools protocol).');
      const page = session.browser.getPage(session.id);
      const browser = page.browser();
      const { session: client, registrations } = await cdp(page);
      switch (payload.action) {
        // The second origin, with the worker registered and no window of it left open.
        case 'other-origin': {
          if (!otherOrigin) {
            const server = createServer(async (req, res) => {
              if (req.url === SW_PATH) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await workerCode());
              else if (req.url === HOST_PATH) res.writeHead(200, { 'Content-Type': 'text/html' }).end(HOST_PAGE);
              else res.writeHead(404).end();
            });
            servers.push(server);
            otherOrigin = await listen(server);
          }
          await client.send('Browser.grantPermissions', { origin: otherOrigin, permissions: ['notifications'] });
          const host = await browser.newPage();
          await host.goto(otherOrigin + HOST_PATH);
          // Active, not just activating: a push to an activating worker waits on it.
          await host.evaluate(() => navigator.serviceWorker.ready.then(r => r.active.state === 'activated' || new Promise(ok => r.active.addEventListener('statechange', ok))).then(() => undefined));
          await closeWindows(browser, otherOrigin);
          return { origin: otherOrigin };
        }
        case 'grant':
          await client.send('Browser.grantPermissions', { origin: payload.origin, permissions: ['notifications'] });
          return true;
        case 'deliver': {
          const registrationId = registrations.get(payload.scope);
          if (!registrationId) throw new Error(`No service worker registration for ${payload.scope} (known: ${[...registrations.keys()].join(', ')})`);
          await client.send('ServiceWorker.deliverPushMessage', { origin: new URL(payload.scope).origin, registrationId, data: JSON.stringify(payload.data) });
          return true;
        }
        // Runs a function of the test worker's `self.test` (see fcm-sw.ts) in the worker of `origin`.
        case 'in-worker':
          return (await worker(browser, payload.origin)).evaluate((name, args) => self.test[name](...args), payload.name, payload.args ?? []);
        // Opens a window of `origin` (the host page, which records its worker's messages); `window-messages` reads and closes them.
        case 'open-window': {
          const host = await browser.newPage();
          await host.goto(payload.origin + HOST_PATH);
          return true;
        }
        case 'window-messages': {
          const pages = (await browser.pages()).filter(p => p.url().startsWith(payload.origin));
          const messages = await Promise.all(pages.map(p => p.evaluate(() => window.received)));
          await closeWindows(browser, payload.origin);
          return messages.flat();
        }
        // What "clear site data" does: the browser deletes the origin's IndexedDB and force-closes open connections.
        case 'clear-indexeddb':
          await client.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
          return true;
        default:
          throw new Error(`push-sw: unknown action ${payload.action}`);
      }
    },
  };
}
