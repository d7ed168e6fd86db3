// Passkeys, authenticator apps (TOTP) and the settings list of factors in the demo, end to end: a
// demo process whose public URL is http://localhost:PORT (WebAuthn takes a domain as relying party,
// never an IP address), its API probed as an attacker would, and its page in real browsers: Chromium
// with the DevTools protocol's virtual authenticator for passkeys, every engine for authenticator apps.
// Codes come from the `otpauth` library, from the key the page shows.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { URI, TOTP } from 'otpauth';
import { startDemo, stopDemo, visitor as apiVisitor, type DemoProcess } from './support/demo-process.js';
import { browsers, type Driver } from './support/drivers.js';

let demo: DemoProcess;
let origin = '';

/** A free loopback port, for a demo whose public URL must name it before it listens. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}
/** A demo on localhost (PUBLIC_URL names the passkeys' relying party); `origin` is the one its page has. */
async function startLocalhostDemo() {
  const port = await freePort();
  const started = await startDemo({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}` });
  return { child: started.child, origin: `http://localhost:${port}` };
}

before(async () => {
  ({ child: demo, origin } = await startLocalhostDemo());
});
after(() => stopDemo(demo));

const visitor = (cookies: Record<string, string> = {}, site = () => origin) => apiVisitor(site, cookies);
let users = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++users}`;
const newPhone = () => `+1555${String(process.pid % 1000).padStart(3, '0')}${String(5000 + ++users).padStart(4, '0')}`;
/** A new signed-in user: the browser that signed up. */
async function signedUp(prefix = 'factors') {
  const browser = visitor();
  const name = unique(prefix);
  assert.equal((await browser.call('/api/signup', { name, phone: newPhone() })).status, 200);
  return { name, browser };
}
/** The user's authenticator app, set up through the API: its TOTP generator. */
async function withAuthenticator(browser: ReturnType<typeof visitor>) {
  const started = await browser.call('/api/totp/start', { friendlyName: 'Phone app' });
  assert.equal(started.status, 200, JSON.stringify(started.json));
  const totp = URI.parse(String(started.json.uri));
  assert.ok(totp instanceof TOTP);
  assert.equal(totp.secret.base32, started.json.secret, 'the key shown is the one in the URI');
  const confirmed = await browser.call('/api/totp/confirm', { factorSid: started.json.factorSid, code: totp.generate() });
  assert.deepEqual(confirmed.json, { status: 'verified' });
  return { totp, factorSid: String(started.json.factorSid) };
}
/** A code of the next time step: the one of this step may have confirmed the app already. */
const nextCode = (totp: TOTP) => totp.generate({ timestamp: Date.now() + totp.period * 1000 });

const POSTS = ['/api/passkeys/register/options', '/api/passkeys/register/verify', '/api/passkeys/sign-in/options', '/api/passkeys/sign-in/verify', '/api/totp/start', '/api/totp/confirm', '/api/signin/totp'];

describe('the factors backend is safe to copy', () => {
  test('its routes take only JSON from the site’s own Origin', async () => {
    const { browser } = await signedUp('csrf');
    const Cookie = Object.entries(browser.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    const send = (path: string, headers: Record<string, string>, method = 'POST') => fetch(`${origin}${path}`, { method, headers: { Cookie, ...headers }, body: method === 'POST' ? '{}' : undefined });
    for (const path of POSTS) {
      assert.equal((await send(path, { 'Content-Type': 'application/json', Origin: 'https://evil.example' })).status, 403, path);
      assert.equal((await send(path, { 'Content-Type': 'text/plain', Origin: 'https://evil.example' })).status, 403, path);
      assert.equal((await send(path, { 'Content-Type': 'text/plain', Origin: origin })).status, 415, path);
    }
    const factors = await browser.call('/api/factors');
    const sid = factors.json.factors?.[0]?.sid ?? 'YF00000000000000000000000000000000';
    assert.equal((await send(`/api/factors/${sid}`, { Origin: 'https://evil.example' }, 'DELETE')).status, 403);
    assert.equal((await send(`/api/factors/${sid}`, {}, 'DELETE')).status, 403, 'a DELETE without Origin');
  });

  test('adding, listing and removing factors need a signed-in user', async () => {
    const nobody = visitor();
    for (const path of ['/api/passkeys/register/options', '/api/totp/start']) {
      const answer = await nobody.call(path, {});
      assert.equal(answer.status, 401, path);
      assert.match(String(answer.json.message), /Sign in first/, 'the elements’ contract: { message }');
    }
    assert.equal((await nobody.call('/api/factors')).status, 401);
    assert.equal((await nobody.call('/api/factors/YF00000000000000000000000000000000', undefined, 'DELETE')).status, 401);
  });

  test('passkey sign-in answers alike for a known name, a name nobody has and no name: any passkey of this site', async () => {
    const { name } = await signedUp('known');
    const answers = [];
    for (const body of [{ identity: name }, { identity: unique('nobody') }, {}]) {
      const answer = await visitor().call('/api/passkeys/sign-in/options', body);
      assert.equal(answer.status, 200);
      answers.push(answer.json.publicKey!);
    }
    for (const publicKey of answers) {
      assert.deepEqual(Object.keys(publicKey).sort(), Object.keys(answers[0]).sort());
      assert.deepEqual(publicKey.allowCredentials ?? [], [], 'no credentials listed: nothing tells whose they are');
      assert.equal(publicKey.rpId, 'localhost', 'the relying party is the site’s own host');
    }
    assert.equal(new Set(answers.map(a => a.challenge)).size, 3, 'a new challenge each time');
    // The challenge sid stays on the server: the answer carries no Verify sid.
    assert.doesNotMatch(JSON.stringify(answers), /"(YC|YF|VA)[0-9a-f]{32}"/);
  });

  test('a passkey assertion without a sign-in this browser started signs nobody in', async () => {
    const browser = visitor();
    const forged = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', authenticatorAttachment: 'platform', response: { authenticatorData: 'AAAA', clientDataJSON: 'AAAA', signature: 'AAAA' } };
    const answer = await browser.call('/api/passkeys/sign-in/verify', forged);
    assert.equal(answer.status, 400);
    assert.match(String(answer.json.message), /Start signing in again/);
    // Started, but forged: Verify refuses it, and the page gets the contract's words, not Verify's internals.
    await browser.call('/api/passkeys/sign-in/options', {});
    const refused = await browser.call('/api/passkeys/sign-in/verify', forged);
    assert.equal(refused.status, 400);
    assert.match(String(refused.json.message), /did not sign you in/);
    assert.equal((await browser.call('/api/me')).json.user, null);
  });

  test('an authenticator app: the key is shown at setup, a wrong first code leaves it unconfirmed, and sign-in offers it before an SMS code', async () => {
    const { name, browser } = await signedUp('totp');
    const started = await browser.call('/api/totp/start', {});
    assert.equal(started.status, 200);
    assert.equal(started.headers.get('Cache-Control'), 'no-store', 'the key is never cached');
    const totp = URI.parse(String(started.json.uri)) as TOTP;
    const wrong = totp.generate() === '000000' ? '000001' : '000000';
    assert.deepEqual((await browser.call('/api/totp/confirm', { factorSid: started.json.factorSid, code: wrong })).json, { status: 'unverified' });
    assert.equal((await visitor().call('/api/signin', { name })).json.method, 'code', 'an unconfirmed app is not offered');
    assert.deepEqual((await browser.call('/api/totp/confirm', { factorSid: started.json.factorSid, code: totp.generate() })).json, { status: 'verified' });
    const listed = (await browser.call('/api/factors')).json.factors!;
    assert.deepEqual(listed.map(f => [f.sid, f.type, f.status]), [[started.json.factorSid, 'totp', 'verified']]);
    assert.ok(!Number.isNaN(Date.parse(listed[0].created)));
    // Sign-in: the app is offered; its code signs in; a wrong one does not.
    const other = visitor();
    const start = await other.call('/api/signin', { name });
    assert.deepEqual([start.json.method, start.json.methods], ['totp', ['totp', 'code']]);
    assert.equal((await other.call('/api/signin/totp', { code: wrong })).status, 400);
    assert.equal((await other.call('/api/me')).json.user, null);
    const signedIn = await other.call('/api/signin/totp', { code: nextCode(totp) });
    assert.equal(signedIn.json.user, name);
    assert.equal((await other.call('/api/me')).json.user, name);
  });

  test('authenticator codes are bounded: five wrong ones per attempt, then 429 even for the right one', async () => {
    const { name, browser } = await signedUp('totp-limit');
    const { totp } = await withAuthenticator(browser);
    const attacker = visitor();
    await attacker.call('/api/signin', { name });
    const right = nextCode(totp);
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) assert.equal((await attacker.call('/api/signin/totp', { code: wrong })).status, 400);
    const sixth = await attacker.call('/api/signin/totp', { code: right });
    assert.equal(sixth.status, 429);
    assert.equal((await attacker.call('/api/me')).json.user, null);
  });

  test('a factor of another user cannot be removed: 404, as for a sid nobody has; the user’s own goes, and no longer signs in', async () => {
    const alice = await signedUp('alice');
    const mallory = await signedUp('mallory');
    const { totp, factorSid } = await withAuthenticator(alice.browser);
    const theirs = await mallory.browser.call(`/api/factors/${factorSid}`, undefined, 'DELETE');
    const unknown = await mallory.browser.call('/api/factors/YF0123456789abcdef0123456789abcdef', undefined, 'DELETE');
    const malformed = await mallory.browser.call('/api/factors/..%2F..%2Fnope', undefined, 'DELETE');
    for (const answer of [theirs, unknown, malformed]) assert.deepEqual([answer.status, answer.json], [404, { error: 'Not found.' }]);
    assert.deepEqual((await alice.browser.call('/api/factors')).json.factors!.map(f => f.sid), [factorSid], 'still there');
    assert.deepEqual((await mallory.browser.call('/api/factors')).json.factors, [], 'and not listed to another');
    const removed = await alice.browser.call(`/api/factors/${factorSid}`, undefined, 'DELETE');
    assert.deepEqual([removed.status, removed.json], [200, { removed: factorSid }]);
    assert.deepEqual((await alice.browser.call('/api/factors')).json.factors, []);
    const later = visitor();
    assert.equal((await later.call('/api/signin', { name: alice.name })).json.method, 'code', 'the removed app is no longer offered');
    assert.equal((await later.call('/api/signin/totp', { code: nextCode(totp) })).status, 400, 'the removed app’s right code does not sign in');
  });

  test('factor changes are limited per user, with 429 and Retry-After', async () => {
    const { browser } = await signedUp('changes');
    let last = await browser.call('/api/factors/YF0123456789abcdef0123456789abcdef', undefined, 'DELETE');
    for (let i = 0; i < 40 && last.status === 404; i++) last = await browser.call('/api/factors/YF0123456789abcdef0123456789abcdef', undefined, 'DELETE');
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('Retry-After')) > 0);
    // The same limit covers adding: the contract's routes answer it as { message }.
    const adding = await browser.call('/api/totp/start', {});
    assert.equal(adding.status, 429);
    assert.match(String(adding.json.message), /Too many changes/);
  });

  test('passkey sign-ins are limited per client, with 429 and Retry-After', async () => {
    // A demo of its own: this one's limits stay untouched for the browsers below.
    const other = await startLocalhostDemo();
    try {
      let last;
      for (let i = 0; i < 110; i++) {
        last = await visitor({}, () => other.origin).call('/api/passkeys/sign-in/options', {});
        if (last.status !== 200) break;
      }
      assert.equal(last?.status, 429);
      assert.match(String(last?.json.message), /Too many sign-ins from here/);
      assert.ok(Number(last?.headers.get('Retry-After')) > 0);
    } finally {
      await stopDemo(other.child);
    }
  });
});

for (const { engine, missing, open } of browsers) {
  if (missing && process.env.CI === 'true') {
    test(`factors in ${engine}`, () => assert.fail(`${missing}; CI must have every engine`));
    continue;
  }
  describe(`factors in ${engine}`, { skip: missing }, () => {
    let page: Driver;
    const wait = <A = undefined>(fn: (arg: A) => unknown, arg?: A) =>
      page.waitFor(fn, arg).catch(async (error: Error) => {
        const seen = await page.evaluate(() =>
          ['#whoami', '#status', '#settings-status', '#factors', 'verify-totp-enroll']
            .map(s => `${s}: ${(document.querySelector(s)?.shadowRoot ?? document.querySelector(s))?.textContent?.replace(/\s+/g, ' ').trim()}`)
            .join(' | '),
        );
        throw new Error(`${error.message} waiting for ${fn}. Page: ${seen}`);
      });
    const signedInAs = (name: string) => wait(n => document.querySelector('#whoami')!.textContent === `Signed in as ${n}.`, name);
    const signedOut = () => wait(() => document.querySelector('#whoami')!.textContent === 'Signed out.' && !document.querySelector<HTMLElement>('#auth')!.hidden);
    const factorTypes = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#factors li[data-type]')].map(li => li.dataset.type!));
    async function signUp(name: string) {
      await page.evaluate(([n, p]) => {
        document.querySelector<HTMLInputElement>('#name')!.value = n;
        document.querySelector<HTMLInputElement>('#phone')!.value = p;
      }, [name, newPhone()]);
      await page.click('button[value=signup]');
      await signedInAs(name);
    }
    /** Removes the factor of this type in settings, confirming in place, and waits for the list without it. */
    async function remove(type: string) {
      const item = `#factors li[data-type="${type}"]`;
      const focused = () => page.evaluate(() => [document.activeElement!.textContent, document.activeElement!.getAttribute('aria-label')]);
      // The question takes focus on Cancel, which keeps the factor and gives focus back to Remove.
      await page.click(`${item} button`);
      assert.deepEqual(await focused(), ['Cancel', null]);
      await page.click(`${item} [role="group"] button:last-of-type`);
      assert.match(String((await focused())[1]), /^Remove /);
      assert.ok(await page.evaluate(i => document.querySelector(i) !== null, item), 'Cancel keeps the factor');
      // Yes removes it.
      await page.click(`${item} button`);
      await page.click(`${item} [role="group"] button:first-of-type`);
      await wait(t => !document.querySelector(`#factors li[data-type="${t}"]`) && /^Removed /.test(document.querySelector('#settings-status')!.textContent!), type);
    }

    before(async () => {
      page = await open();
    });
    // Each test starts signed out, whatever the one before left.
    beforeEach(async () => {
      await page.goto(`${origin}/`);
      await page.evaluate(() => fetch('/api/signout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(() => undefined));
      await page.reload();
      await signedOut();
    });
    after(() => page?.close());

    test('add an authenticator app in settings, sign in with its code, remove it (announced), and it no longer signs in', async () => {
      const name = unique(`totp-${engine}`);
      await signUp(name);
      await page.click('#add-totp');
      await wait(() => document.querySelector('verify-totp-enroll')?.shadowRoot?.querySelector('[part="key"]'));
      const key = String(await page.evaluate(() => document.querySelector('verify-totp-enroll')!.shadowRoot!.querySelector('[part="key"]')!.textContent)).replace(/\s+/g, '');
      const totp = new TOTP({ secret: key });
      await page.evaluate(() => document.querySelector('verify-totp-enroll')!.shadowRoot!.querySelector<HTMLElement>('otp-input')!.focus());
      await page.keys(totp.generate());
      await wait(() => /Authenticator app added/.test(document.querySelector('#settings-status')!.textContent!));
      await wait(() => document.querySelector('#factors li[data-type="totp"]'));
      assert.equal(await page.evaluate(() => document.querySelector('#settings-status')!.getAttribute('role')), 'status');
      // Sign in: no push enrolled, so the app's code is asked first, with SMS as the next way.
      await page.click('#signout');
      await signedOut();
      await page.evaluate(n => void (document.querySelector<HTMLInputElement>('#name')!.value = n), name);
      await page.click('button[value=signin]');
      await wait(() => !document.querySelector<HTMLElement>('#totp')!.hidden && document.activeElement?.id === 'totp-code');
      assert.equal(await page.evaluate(() => document.querySelector<HTMLElement>('#totp-to-sms')!.hidden), false);
      await page.keys(nextCode(totp));
      await signedInAs(name);
      await wait(() => document.querySelector('#factors li[data-type="totp"]'));
      await remove('totp');
      assert.deepEqual(await factorTypes(), []);
      // Removed: sign-in goes straight to an SMS code.
      await page.click('#signout');
      await signedOut();
      await page.evaluate(n => void (document.querySelector<HTMLInputElement>('#name')!.value = n), name);
      await page.click('button[value=signin]');
      await wait(() => !document.querySelector<HTMLElement>('#code')!.hidden);
      await page.click('#start-over');
      await signedOut();
    });

    if (engine !== 'chromium') return;

    /** puppeteer's selector of a button by its accessible name, through shadow roots (inside <verify-passkey>). */
    const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;
    const signInButton = `#auth verify-passkey >>> ${button('Sign in with a passkey')}`;

    test('passkeys with the virtual authenticator: offered at sign-up, signed in by autofill and by the button, listed, removed', async () => {
      const devtools = await page.devtools!();
      await devtools.send('WebAuthn.enable');
      const { authenticatorId } = await devtools.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      });
      assert.equal(await page.evaluate(() => document.querySelector('#name')!.getAttribute('autocomplete')), 'username webauthn');
      const name = unique('passkey');
      await signUp(name);
      // The offer takes focus, and is the one way to add a passkey while it shows.
      await wait(() => !document.querySelector<HTMLElement>('#passkey-offer')!.hidden && document.activeElement?.id === 'passkey-offer');
      assert.equal(await page.evaluate(() => document.querySelector<HTMLElement>('#add-passkey')!.hidden), true);
      await page.click(`#passkey-offer verify-passkey >>> ${button('Add a passkey')}`);
      await wait(() => /Passkey added/.test(document.querySelector('#settings-status')!.textContent!));
      await wait(() => document.querySelector<HTMLElement>('#passkey-offer')!.hidden && !document.querySelector<HTMLElement>('#add-passkey')!.hidden);
      const { credentials } = await devtools.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(credentials.length, 1);
      assert.equal(credentials[0].rpId, 'localhost');
      assert.ok(credentials[0].isResidentCredential, 'a discoverable credential: sign-in needs no name');
      await wait(() => document.querySelector('#factors li[data-type="passkeys"]'));

      // Autofill: once signed out, the page waits on the user name field (conditional mediation);
      // the virtual authenticator picks the passkey as a user would in the suggestions.
      // (The page may show the sign-in before this looks: the passkey's use is what tells it happened.)
      await page.click('#signout');
      const signCount = async () => (await devtools.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0].signCount;
      for (const deadline = Date.now() + 15_000; (await signCount()) <= credentials[0].signCount; ) {
        assert.ok(Date.now() < deadline, 'the passkey was used for the autofill sign-in');
        await new Promise(r => setTimeout(r, 100));
      }
      await signedInAs(name);
      assert.equal(await page.evaluate(() => fetch('/api/me').then(r => r.json()).then((me: { user: string }) => me.user)), name);

      // The button, in a browser without passkey autofill.
      await devtools.send('Page.enable');
      await devtools.send('Page.addScriptToEvaluateOnNewDocument', { source: 'PublicKeyCredential.isConditionalMediationAvailable = async () => false;' });
      // (Reloaded first: the page before it still has its autofill request, which would sign in again.)
      await page.reload();
      await signedInAs(name);
      await page.click('#signout');
      await signedOut();
      await page.click(signInButton);
      await signedInAs(name);

      // Removed in settings: the passkey no longer signs in.
      await wait(() => document.querySelector('#factors li[data-type="passkeys"]'));
      await remove('passkeys');
      await page.click('#signout');
      await signedOut();
      await page.click(signInButton);
      // The element says why, and offers to try again; the user stays signed out.
      await wait(() => /did not sign you in/.test(document.querySelector('#auth verify-passkey')!.shadowRoot!.querySelector('[part="error"]')?.textContent ?? ''));
      assert.equal(await page.evaluate(() => document.querySelector('#auth verify-passkey')!.shadowRoot!.querySelector('button')?.textContent), 'Try again');
      assert.equal(await page.evaluate(() => document.querySelector('#whoami')!.textContent), 'Signed out.');
    });
  });
}
