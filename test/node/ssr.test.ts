// Server rendering with Lit SSR, as a Next.js or Astro page would do it: each element renders as
// declarative shadow DOM without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { readFileSync } from 'node:fs';

await import('verify-elements');

// Without Lit's part markers (hydration comments) and the space runs it leaves between attributes.
const rendered = async (template: ReturnType<typeof html>) =>
  (await collectResult(render(template))).replace(/<!--[^]*?-->/g, '').replace(/ {2,}/g, ' ');

test('<otp-input> renders on the server, its boxes showing the value attribute', async () => {
  const out = await rendered(html`<otp-input value="271" length="4"></otp-input>`);
  assert.match(out, /<otp-input[^>]*><template shadowroot(mode)?="open"/);
  const chars = [...out.matchAll(/<span part="char">([^<]*)<\/span>/g)].map(m => m[1]);
  assert.deepEqual(chars, ['2', '7', '1']);
  assert.equal([...out.matchAll(/part="box[ "]/g)].length, 4);
});

test('<otp-input> renders on the server with a child <input>, which stays in light DOM', async () => {
  const out = await rendered(html`<otp-input><input name="code" autocomplete="one-time-code" /></otp-input>`);
  assert.match(out, /<\/template><input name="code" autocomplete="one-time-code"/);
});

test('<verify-enroll> and <verify-challenge-prompt> render on the server', async () => {
  const enroll = await rendered(html`<verify-enroll token-url="/access-token"></verify-enroll>`);
  assert.match(enroll, /<verify-enroll token-url="\/access-token"><template shadowroot(mode)?="open"/);
  assert.match(enroll, /part="title"/);
  const prompt = await rendered(html`<verify-challenge-prompt></verify-challenge-prompt>`);
  assert.match(prompt, /<verify-challenge-prompt><template shadowroot(mode)?="open"/);
});

test('<verify-totp-enroll> renders on the server: its title and Start button', async () => {
  const out = await rendered(html`<verify-totp-enroll url="/totp"></verify-totp-enroll>`);
  assert.match(out, /<verify-totp-enroll url="\/totp"><template shadowroot(mode)?="open"/);
  assert.match(out, /<p part="title" tabindex="-1">Use an authenticator app<\/p>/);
  assert.match(out, /part="button button-start"/);
});

test('<OtpInput> server-renders the <input> the element would add, and keeps an input the app gives', async () => {
  const [{ createElement }, { renderToString }, { OtpInput }] = await Promise.all([import('react'), import('react-dom/server'), import('verify-elements/react')]);
  assert.match(renderToString(createElement(OtpInput, { length: 6 })), /^<otp-input[^>]*><input\/><\/otp-input>$/);
  const own = renderToString(createElement(OtpInput, null, createElement('input', { name: 'code' })));
  assert.match(own, /^<otp-input[^>]*><input name="code"\/><\/otp-input>$/);
});

test('every runtime entry imports in Node, where there is no window', async () => {
  const { exports } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
  const entries = Object.keys(exports).filter(key => !key.endsWith('.json')).map(key => (key === '.' ? 'verify-elements' : `verify-elements/${key.slice(2)}`));
  assert.equal(typeof globalThis.window, 'undefined');
  for (const entry of entries) await assert.doesNotReject(import(entry), entry);
  assert.ok(entries.length >= 15);
});
