// Vue's template compiler must know which tags are custom elements: it then renders them as
// elements (setting properties they have, e.g. `value`, `length`, `client`) instead of looking for
// Vue components, and compiles `v-model` on them to the native-input form (`value` + `input`).
// Precompiled templates (Vite, this example's bundler) take it at build time:
//   vue({ template: { compilerOptions } })
// Templates compiled in the browser take it at run time: app.config.compilerOptions.isCustomElement.
export const compilerOptions = {
  isCustomElement: tag => tag === 'otp-input' || tag.startsWith('verify-'),
};
