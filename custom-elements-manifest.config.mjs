import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { readFileSync, writeFileSync } from 'node:fs';

// Framework types and editor data, generated next to the build (dist/ ships; the last step of
// `npm run build` is this one). Type paths are relative to dist/frameworks/.
const frameworks = { outdir: 'dist/frameworks', hideLogs: true, componentTypePath: (_name, tag) => `../elements/${tag}/define.js` };
const editors = { outdir: 'dist/editors', hideLogs: true };

// `type OtpMode = 'numeric' | 'alphanumeric'` and the like, so editors offer the values, not the alias name.
const literalUnions = new Map();

/**
 * What the editor data is made from: the manifest with literal-union aliases spelled out.
 * A copy: the generators must not change custom-elements.json.
 */
function forEditors(manifest) {
  const copy = structuredClone(manifest);
  for (const element of elements(copy)) {
    for (const attribute of element.attributes ?? []) {
      // An empty member (`case=""`: letters as they come) is the attribute left out: editors offer the others.
      const union = literalUnions.get(attribute.type?.text)?.filter(v => v !== "''");
      if (union) attribute.type = { text: union.join(' | ') };
    }
  }
  return copy;
}

/**
 * What the JSX types are made from. The generators type a handler as `(e: CustomEvent<type>) => void`
 * and import each event type by name; the kit's events are classes whose detail the kit's own
 * `GlobalEventHandlersEventMap` declarations name, so the type becomes that detail (no import, and
 * no duplicate one for the `verify-error` of two elements). Native events (`input`, `change`) are
 * the frameworks' own; read-only properties are no props, nor is an attribute that shares its name
 * with a property (`value`: the property is what frameworks set).
 */
function forJsx(manifest) {
  const copy = structuredClone(manifest);
  const kitEvents = new Set(elements(copy).flatMap(e => e.events ?? []).filter(e => /^[a-z]+-[a-z-]+$/.test(e.name)).map(e => e.name));
  for (const element of elements(copy)) {
    const fields = new Set(element.members?.filter(m => m.kind === 'field').map(m => m.name));
    element.attributes = element.attributes?.filter(a => a.fieldName === a.name || !fields.has(a.name));
    element.members = element.members?.filter(m => !m.readonly);
    element.events = element.events
      ?.filter(e => kitEvents.has(e.name))
      .map(e => ({ ...e, type: { text: `GlobalEventHandlersEventMap["${e.name}"]["detail"]` } }));
  }
  return copy;
}

/**
 * What the Vue types are made from: as for JSX, with the names vue-tsc looks up. It reads
 * `:factor-sid` as the prop `factorSid` and `@otp-complete` as `onOtpComplete`; the generator
 * writes `on` + the event's name, so the name becomes `OtpComplete` and its description says the
 * event's real name.
 */
function forVue(manifest) {
  const copy = forJsx(manifest);
  const pascal = name => name.replace(/(^|-)([a-z])/g, (_, _dash, c) => c.toUpperCase());
  for (const element of elements(copy)) {
    for (const attribute of element.attributes ?? []) attribute.name = attribute.fieldName;
    element.events = element.events?.map(e => ({ ...e, name: pascal(e.name), description: `\`@${e.name}\`: ${e.description}` }));
  }
  return copy;
}

/**
 * The fallback of every `var(--verify-…, fallback)` in a stylesheet source, by property name: what
 * each custom property defaults to, read from the CSS itself so the docs cannot drift from it.
 */
function cssDefaults(source) {
  const defaults = new Map();
  for (const match of source.matchAll(/var\((--verify-[\w-]+),\s*/g)) {
    // The fallback runs to the parenthesis that closes this var(): it may hold light-dark(…) or var(…).
    let depth = 1;
    let end = match.index + match[0].length;
    for (; end < source.length && depth; end++) depth += source[end] === '(' ? 1 : source[end] === ')' ? -1 : 0;
    if (!defaults.has(match[1])) defaults.set(match[1], source.slice(match.index + match[0].length, end - 1).trim());
  }
  return defaults;
}

/**
 * VS Code's CSS data is one list for the page: each token once, with what it does in each element
 * that has it (once when they agree) and its default.
 */
function forVsCode(manifest) {
  const copy = forEditors(manifest);
  const uses = new Map();
  for (const element of elements(copy)) {
    for (const prop of element.cssProperties ?? []) uses.set(prop.name, [...(uses.get(prop.name) ?? []), { tag: element.tagName, prop }]);
  }
  const described = new Set();
  for (const element of elements(copy)) {
    element.cssProperties = (element.cssProperties ?? []).filter(prop => {
      if (described.has(prop.name)) return false;
      described.add(prop.name);
      const all = uses.get(prop.name);
      const same = all.every(u => u.prop.description === prop.description);
      const what = same ? prop.description : all.map(u => `<${u.tag}>: ${u.prop.description}`).join(' ');
      prop.description = prop.default ? `${what} Default: ${prop.default}.` : what;
      return true;
    });
  }
  return copy;
}

/**
 * Svelte 5's element types (`svelte/elements`), one entry per tag: the element's global HTML
 * attributes with `on<event>` handlers typed by the element class (so `e.currentTarget.value` is
 * typed), and the JSX props, whose `onotp-complete` and the like are Svelte 5's event attributes too.
 * Written here because custom-element-svelte-integration writes Svelte 4's `on:event` and `bind:` props.
 */
function svelteTypes({ outdir, fileName }) {
  return {
    name: 'svelte-types',
    packageLinkPhase({ customElementsManifest }) {
      const tags = elements(customElementsManifest).map(e => `    '${e.tagName}': Tag<'${e.tagName}', ${e.name}Props>;`);
      const imports = elements(customElementsManifest).map(e => `${e.name}Props`).join(', ');
      writeFileSync(`${outdir}/${fileName}`, `// Generated from custom-elements.json by custom-elements-manifest.config.mjs: the kit's tags in Svelte 5 templates.
import type { HTMLAttributes } from 'svelte/elements';
import type { ${imports} } from './jsx.js';

type Tag<T extends keyof HTMLElementTagNameMap, Props> = Omit<HTMLAttributes<HTMLElementTagNameMap[T]>, keyof Props> & Props;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${tags.join('\n')}
  }
}
`);
    },
  };
}

const elements = manifest => manifest.modules.flatMap(m => m.declarations ?? []).filter(d => d.customElement);

/** Runs a generator plugin on a prepared copy of the manifest, quietly (some log despite `hideLogs`). */
const from = (prepare, plugin) => ({
  name: plugin.name,
  packageLinkPhase({ customElementsManifest }) {
    const { log } = console;
    console.log = () => {};
    try {
      plugin.packageLinkPhase({ customElementsManifest: prepare(customElementsManifest) });
    } finally {
      console.log = log;
    }
  },
});

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/react/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The glob yields files in directory order, which differs between checkouts; CI compares.
      name: 'stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    {
      // defineElement(tag, element) is the guarded registration helper, not an element of its own.
      name: 'drop-define-helper',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          if (mod.path === 'src/define.ts') mod.exports = mod.exports?.filter(e => e.kind !== 'custom-element-definition');
        }
      },
    },
    {
      // @fires names every event; a dispatch the analyzer found on its own comes without a name.
      name: 'drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const element of elements(customElementsManifest)) element.events = element.events?.filter(e => e.name);
      },
    },
    {
      name: 'collect-literal-unions',
      analyzePhase({ ts, node }) {
        if (!ts.isTypeAliasDeclaration(node) || !ts.isUnionTypeNode(node.type)) return;
        const { types } = node.type;
        if (types.every(t => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
          literalUnions.set(node.name.text, types.map(t => `'${t.literal.text}'`));
        }
      },
    },
    {
      // Each --verify-* property's default, from the fallback in the element's styles (or the shared ones, internal/*.styles.ts).
      name: 'css-property-defaults',
      packageLinkPhase({ customElementsManifest }) {
        const base = ['base', 'button'].map(name => readFileSync(`src/elements/internal/${name}.styles.ts`, 'utf8')).join('\n');
        for (const mod of customElementsManifest.modules) {
          for (const element of (mod.declarations ?? []).filter(d => d.customElement)) {
            const own = readFileSync(mod.path.replace(/\.ts$/, '.styles.ts'), 'utf8');
            const defaults = new Map([...cssDefaults(base), ...cssDefaults(own)]);
            for (const prop of element.cssProperties ?? []) prop.default ??= defaults.get(prop.name);
          }
        }
      },
    },
    from(forVue, customElementVuejsPlugin({ ...frameworks, fileName: 'vue.d.ts' })),
    from(forJsx, customElementJsxPlugin({ ...frameworks, fileName: 'jsx.d.ts' })),
    svelteTypes({ ...frameworks, fileName: 'svelte.d.ts' }),
    from(forVsCode, customElementVsCodePlugin({ ...editors, htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' })),
    from(forEditors, customElementJetBrainsPlugin({ ...editors, webTypesFileName: 'web-types.json' })),
  ],
};
