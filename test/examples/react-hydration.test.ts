// examples/react/server-rendered.tsx with React's development build: hydrating the server's HTML
// reports nothing (no #418, no attribute mismatch), although the element enhanced its <input> first.
import { expect, waitUntil } from '@open-wc/testing';

interface Example {
  mount(root: Element, onRecoverableError: (error: unknown) => void): () => void;
}

describe('React hydration of <OtpInput> (examples/react/server-rendered.tsx)', function () {
  this.timeout(20_000);
  it('hydrates with and without a child <input>, with no error or warning', async () => {
    const example = (await import('/__examples/react/server-rendered.js' as string)) as Example;
    const reported: unknown[] = [];
    const { error, warn } = console;
    console.error = (...args: unknown[]) => reported.push(args.join(' '));
    console.warn = (...args: unknown[]) => reported.push(args.join(' '));
    const root = document.body.appendChild(document.createElement('div'));
    try {
      const unmount = example.mount(root, e => reported.push(e));
      const fields = [...root.querySelectorAll('otp-input')];
      // Hydrated: React has set the `label` property on both (it is no attribute).
      await waitUntil(() => fields.every(el => el.label === 'Code'), 'React hydrated and set the properties');
      await new Promise(r => setTimeout(r, 100));
      expect(reported.map(String)).to.deep.equal([]);
      expect(fields.map(el => el.querySelectorAll('input').length)).to.deep.equal([1, 1]);
      unmount();
    } finally {
      Object.assign(console, { error, warn });
      root.remove();
    }
  });
});
