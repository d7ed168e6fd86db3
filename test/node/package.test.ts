// The package as a user gets it: built, imported by its own name from Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What these tests read of package.json and custom-elements.json. */
interface PackageJson {
  version: string;
  exports: Record<string, string | Record<string, string>>;
  repository?: { type: string; url: string; directory?: string };
  homepage?: string;
  bugs?: { url: string };
}
interface Manifest {
  modules: Array<{ declarations?: Array<{
    tagName?: string;
    attributes: Array<{ name: string }>;
    events: Array<{ name: string }>;
    cssParts: Array<{ name: string }>;
    cssProperties: Array<{ name: string; default?: string }>;
  }> }>;
}

const pkg: PackageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

let packed: string[] | undefined;
/** The paths `npm pack` puts in the tarball (packed once for the tests that read them). */
function packedPaths(): string[] {
  if (packed) return packed;
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [{ files }] = JSON.parse(run.stdout) as [{ files: Array<{ path: string }> }];
  return (packed = files.map(f => f.path));
}
/** Of `targets` (files or folders of the repository), those the tarball lacks: a folder counts when it holds a packed file. */
const unshipped = (targets: string[]) => {
  const paths = packedPaths();
  return targets.filter(target => !paths.some(p => p === target || p.startsWith(target.replace(/\/?$/, '/'))));
};

test('src/version.ts says the package.json version', () => {
  const source = readFileSync(new URL('../../src/version.ts', import.meta.url), 'utf8');
  assert.match(source, new RegExp(`VERSION = '${pkg.version.replace(/\./g, '\\.')}'`));
});

test('package.json says where the code, its home page and its issue tracker are (npm shows them)', () => {
  assert.equal(pkg.repository?.type, 'git');
  const repo = pkg.repository.url.match(/^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\.git$/)?.[1];
  assert.ok(repo, `repository.url ${pkg.repository.url} is a git+https URL of a GitHub repository`);
  assert.equal(pkg.homepage, `${repo}#readme`);
  assert.equal(pkg.bugs?.url, `${repo}/issues`);
  const emulator: PackageJson = JSON.parse(readFileSync(new URL('../../emulator/package.json', import.meta.url), 'utf8'));
  assert.deepEqual(emulator.repository, { ...pkg.repository, directory: 'emulator' }, 'the emulator names the same repository and its folder');
  assert.equal(emulator.homepage, `${repo}/tree/main/emulator#readme`);
  assert.equal(emulator.bugs?.url, pkg.bugs.url);
});

test('every export path exists after the build', () => {
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
      assert.doesNotThrow(() => readFileSync(new URL(`../../${file}`, import.meta.url)), `${subpath} → ${file}`);
    }
  }
});

test('the WebOTP entry loads in Node and says WebOTP is unsupported there', async () => {
  const { isWebOtpSupported, requestOtp } = await import('verify-elements/webotp');
  assert.equal(isWebOtpSupported(), false);
  assert.equal(await requestOtp(), null);
});

test('custom-elements.json documents <otp-input>', () => {
  const manifest: Manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
  const decl = manifest.modules.flatMap(m => m.declarations ?? []).find(d => d.tagName === 'otp-input');
  assert.ok(decl, 'otp-input declared');
  const attrs = decl.attributes.map(a => a.name);
  for (const a of ['length', 'mode', 'pattern', 'name', 'value', 'required', 'disabled', 'readonly', 'masked', 'groups', 'autosubmit', 'webotp', 'label', 'invalid', 'error-message']) {
    assert.ok(attrs.includes(a), `attribute ${a}`);
  }
  assert.ok(decl.events.some(e => e.name === 'otp-complete'));
  assert.ok(decl.cssParts.some(p => p.name === 'box'));
  assert.ok(decl.cssProperties.some(p => p.name === '--verify-accent'));
});

test("the React wrappers are client components ('use client'), in both builds", () => {
  for (const dir of ['dist', 'dist/development']) {
    for (const file of ['index', 'otp-input', 'verify-enroll', 'verify-challenge-prompt', 'verify-passkey', 'verify-totp-enroll']) {
      const code = readFileSync(new URL(`../../${dir}/react/${file}.js`, import.meta.url), 'utf8');
      assert.match(code, /^["']use client["'];/, `${dir}/react/${file}.js`);
    }
  }
  assert.doesNotMatch(readFileSync(new URL('../../dist/index.js', import.meta.url), 'utf8'), /use client/, 'only the React entry');
});

test('the types-only entries (vue, jsx, svelte) import at run time as empty modules', async () => {
  for (const entry of ['verify-elements/vue', 'verify-elements/jsx', 'verify-elements/svelte']) {
    assert.deepEqual(Object.keys(await import(entry)), [], entry);
  }
});

test('the packed package holds its LICENSE, its build and its manifest, and no sources or tests', () => {
  const paths = packedPaths();
  for (const required of ['LICENSE', 'README.md', 'package.json', 'custom-elements.json', 'dist/index.js', 'dist/types-only.js']) {
    assert.ok(paths.includes(required), `${required} is in the package`);
  }
  assert.deepEqual(paths.filter(p => /^(src|test|emulator|demo|stories|scripts)\//.test(p)), []);
});

test('every CSS custom property has its default in the manifest, and VS Code lists each one once with it', () => {
  const manifest: Manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
  const props = manifest.modules.flatMap(m => m.declarations ?? []).filter(d => d.tagName).flatMap(d => d.cssProperties);
  assert.ok(props.length > 20);
  assert.deepEqual(props.filter(p => !p.default).map(p => p.name), []);
  const vscode: { properties: Array<{ name: string; description: string }> } = JSON.parse(
    readFileSync(new URL('../../dist/editors/vscode.css-custom-data.json', import.meta.url), 'utf8'),
  );
  const names = vscode.properties.map(p => p.name);
  assert.deepEqual(names, [...new Set(names)], 'no property twice');
  assert.deepEqual(new Set(names), new Set(props.map(p => p.name)));
  assert.deepEqual(vscode.properties.filter(p => !/ Default: .+\.$/.test(p.description)).map(p => p.name), []);
});

test('VS Code offers each enumerated attribute by its values, never an empty or quoted one', () => {
  const vscode: { tags: Array<{ name: string; attributes: Array<{ name: string; values?: Array<{ name: string }> }> }> } = JSON.parse(
    readFileSync(new URL('../../dist/editors/vscode.html-custom-data.json', import.meta.url), 'utf8'),
  );
  const values = (tag: string, attribute: string) =>
    vscode.tags.find(t => t.name === tag)?.attributes.find(a => a.name === attribute)?.values?.map(v => v.name);
  assert.deepEqual(values('otp-input', 'case'), ['upper', 'lower']);
  assert.deepEqual(values('otp-input', 'mode'), ['numeric', 'alphanumeric']);
  const odd = vscode.tags.flatMap(t => t.attributes.flatMap(a => (a.values ?? []).filter(v => !v.name || /['"]/.test(v.name)).map(() => `${t.name} ${a.name}`)));
  assert.deepEqual(odd, []);
});

test('every relative link in the README points at a file the package ships', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map(m => m[1]!).filter(target => !/^[a-z]+:/.test(target));
  assert.ok(links.length > 0, 'the README links to files of the package');
  assert.deepEqual(unshipped(links), []);
});

test("the README's part for app developers names no repository path the package does not ship", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  // Everything before the contributor section is read on npm, next to the installed files only: a
  // backticked path of the repository there (`examples/react/`) must be one the package ships.
  const end = readme.indexOf('\n## Working on the kit\n');
  assert.ok(end > 0, 'the README has its contributor section, "Working on the kit"');
  const named = [...readme.slice(0, end).matchAll(/`([^`\n]+)`/g)].map(m => m[1]!.trim()).filter(text => /^(examples|demo|src|docs|test|scripts|emulator|stories|\.storybook)\/\S*$/.test(text));
  assert.ok(named.length > 0, 'the app-developer part names shipped files (docs/themes/)');
  assert.deepEqual(unshipped(named), []);
});
