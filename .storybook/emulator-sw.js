// The Verify Push emulator (emulator/src/app.ts, the same code `npm run emulator` serves) inside a
// Service Worker, so that the static build has one too. stories/support/backend.ts registers it for
// the preview; it answers /v2/, /emulator/ and /storybook/emulator.json on Storybook's own origin,
// and lets every other request through. .storybook/main.ts bundles it to /verify-emulator-sw.js.
import { createEmulatorApp } from '../emulator/src/app.ts';

const CACHE = 'verify-push-emulator';
const STATE = '/storybook/emulator-state.json';

/** Puts the whole journal in the cache: the Cache API has no append, and a story's state is small. */
async function put(text) {
  await (await caches.open(CACHE)).put(STATE, new Response(text, { headers: { 'Content-Type': 'text/plain' } }));
}

/** The journal as the Cache API keeps it (copied here: the worker rewrites it whole on each write). */
let journal = '';

/**
 * The state lives in the Cache API: the browser stops an idle worker, and the one it starts for the
 * next request must know the factors enrolled before.
 * @type {import('../emulator/src/store.ts').Storage}
 */
const storage = {
  name: 'The cached emulator state',
  async load() {
    const saved = await (await caches.open(CACHE)).match(STATE);
    journal = saved ? await saved.text() : '';
    return journal || null;
  },
  async append(lines) {
    await put(journal + lines);
    journal += lines;
  },
  async replace(chunks) {
    const text = [...chunks].join('');
    await put(text);
    journal = text;
  },
};

/**
 * Each story deletes its service when it goes; a tab closed meanwhile leaves one behind, which goes
 * a day later, through the API as a backend would delete it.
 * @param {Awaited<ReturnType<typeof createEmulatorApp>>} emulator
 */
async function pruned(emulator) {
  const authorization = `Basic ${btoa(`${emulator.accountSid}:${emulator.authToken}`)}`;
  const dayAgo = emulator.clock.now() - 86_400_000;
  for (const { sid, date_created } of Object.values(emulator.state.services)) {
    if (date_created < dayAgo) await emulator.app.fetch(new Request(`${self.location.origin}/v2/Services/${sid}`, { method: 'DELETE', headers: { Authorization: authorization } }));
  }
  return emulator;
}

const start = () => createEmulatorApp({ storage, origins: [self.location.origin] });
// A saved state this version cannot read would fail every request for good: start empty instead.
const emulator = start()
  .catch(async error => {
    console.warn(`verify-emulator-sw: the saved emulator state was unreadable (${error.message}); starting empty.`);
    await caches.delete(CACHE);
    return start();
  })
  .then(pruned);
// Once per worker start: if this origin no longer serves the worker (another project's Storybook on
// the same port), it unregisters instead of answering that project's /v2/ requests.
let checked = false;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));
// A page loaded without the worker (a hard reload) asks to be taken over.
self.addEventListener('message', event => event.data === 'claim' && event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.mode === 'navigate' && !checked) {
    checked = true;
    event.waitUntil(self.registration.update().catch(() => self.registration.unregister()));
  }
  if (url.pathname === '/storybook/emulator.json') {
    // Local emulator credentials: a real account's auth token never reaches a browser.
    event.respondWith(emulator.then(({ accountSid, authToken }) => Response.json({ baseUrl: `${url.origin}/v2/`, accountSid, authToken })));
  } else if (/^\/(v2|emulator)\//.test(url.pathname)) {
    event.respondWith(emulator.then(({ app }) => app.fetch(event.request)));
  }
});
