// React server rendering, as Next.js does it: the server's HTML (renderToString), then hydrateRoot
// over it once the kit's modules ran, which is when <otp-input> has already enhanced its <input>.
// One field without a child <input> (the wrapper renders it), one with the app's own.
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { OtpInput } from 'verify-elements/react';

function Fields() {
  return (
    <form>
      <OtpInput label="Code" length={6} />
      <OtpInput label="Code" length={6}>
        <input name="code" autoComplete="one-time-code" />
      </OtpInput>
    </form>
  );
}

/** Renders the fields as a server would, then hydrates them; React's recoverable errors go to `onRecoverableError`. */
export function mount(root: Element, onRecoverableError: (error: unknown) => void) {
  root.innerHTML = renderToString(<Fields />);
  const app = hydrateRoot(root, <Fields />, { onRecoverableError });
  return () => app.unmount();
}
