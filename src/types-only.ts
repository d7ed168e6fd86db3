// `verify-elements/vue`, `verify-elements/jsx` and `verify-elements/svelte` hold types only. An import of them that a bundler
// or Node keeps at run time lands here: nothing, instead of ERR_PACKAGE_PATH_NOT_EXPORTED.
export {};
