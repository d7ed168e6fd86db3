// The CDN build, as a browser without an import map reads it: every import must be a relative path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../dist/cdn/', import.meta.url);
const files = readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith('.js'));

test('the CDN build has an autoloader and one module per tag', () => {
  for (const entry of ['autoloader.js', 'verify-elements.js', 'otp-input.js', 'verify-enroll.js', 'verify-challenge-prompt.js', 'verify-passkey.js', 'verify-totp-enroll.js']) {
    assert.ok(files.includes(entry), entry);
  }
});

test('no module of the CDN build imports a bare specifier (lit, idb, firebase…)', () => {
  const bare: string[] = [];
  for (const file of files) {
    const code = readFileSync(new URL(file, dir), 'utf8');
    // Minified: `from"…"`, `import"…"`, `import("…")`, with no space (a space would be text in a string).
    for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport\(?)["']([^"']+)["']/g)) {
      if (!/^\.{1,2}\//.test(specifier)) bare.push(`${file}: ${specifier}`);
    }
  }
  assert.deepEqual(bare, []);
});
