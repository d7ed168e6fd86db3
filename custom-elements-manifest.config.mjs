export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
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
  ],
};
