// The package as an app's bundler sees it: every import(), however lazy, is resolved at build time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, type Plugin } from 'esbuild';

// An app that never installed firebase (an optional peer): resolving it fails, as in such an app.
const withoutFirebase: Plugin = {
  name: 'without-firebase',
  setup(b) {
    b.onResolve({ filter: /^firebase(\/|$)/ }, ({ path }) => ({ errors: [{ text: `Can't resolve '${path}' (firebase is not installed)` }] }));
  },
};

const bundle = (contents: string) =>
  build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'bundle-out', // not written
    write: false,
    logLevel: 'silent',
    plugins: [withoutFirebase],
  });

for (const entry of ['verify-elements', 'verify-elements/verify-enroll.js', 'verify-elements/verify-challenge-prompt.js', 'verify-elements/verify-totp-enroll.js', 'verify-elements/otp-input.js', 'verify-elements/client', 'verify-elements/react']) {
  test(`${entry} bundles in an app without firebase`, async () => {
    const result = await bundle(`import '${entry}';`);
    assert.deepEqual(result.errors, []);
  });
}

test('verify-elements/push/fcm is the one entry that needs firebase', async () => {
  await assert.rejects(bundle(`import 'verify-elements/push/fcm';`), /firebase is not installed/);
});
