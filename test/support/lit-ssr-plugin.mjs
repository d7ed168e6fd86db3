// web-test-runner plugin: renders the kit's three elements with Lit SSR in Node, as a site's server
// would, and answers the `lit-ssr` server command with that HTML (declarative shadow DOM and Lit's
// hydration markers). It renders the BUILT package (dist/): the page must hydrate with the same
// build, since Lit matches each template by a digest of its strings, which the build minifies.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';

export function litSsrPlugin() {
  return {
    name: 'lit-ssr',
    async executeCommand({ command }) {
      if (command !== 'lit-ssr') return undefined;
      await import('verify-elements');
      return collectResult(
        render(html`
          <otp-input value="271" length="4"><input name="code" autocomplete="one-time-code" /></otp-input>
          <otp-input label="Code" length="6"></otp-input>
          <verify-enroll token-url="/test-token"></verify-enroll>
          <verify-challenge-prompt></verify-challenge-prompt>
        `),
      );
    },
  };
}
