// React 19 with the plain tags: React sets properties (`value`, `length`, `client`) on custom
// elements that have them, and turns `on<event>` props into listeners for that exact event name.
// The tags must be defined before React renders them: import the define modules first.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'verify-elements/otp-input.js';
import 'verify-elements/verify-challenge-prompt.js';
import type { VerifyPushClient } from 'verify-elements/client';

/** A code field whose value lives in React state: typing updates it, Clear empties the boxes. */
export function SignInCode() {
  const [code, setCode] = useState('');
  const [complete, setComplete] = useState('');
  return (
    <form onSubmit={e => e.preventDefault()}>
      <otp-input
        label="Code from the SMS"
        length={6}
        value={code}
        onInput={e => setCode(e.currentTarget.value)}
        onotp-complete={e => setComplete(`${e.detail.value} (${e.detail.source})`)}
      />
      <button type="button" onClick={() => (setCode(''), setComplete(''))}>
        Clear
      </button>
      <p role="status">{complete ? `Complete: ${complete}` : `${code.length} of 6`}</p>
    </form>
  );
}

export interface PushApprovalProps {
  /** From `<verify-enroll>` (its `client`) or `createVerifyPushClient()`. */
  client: VerifyPushClient;
  factorSid: string;
  challengeSid: string;
}

/** Shows one sign-in request and says how it was answered. */
export function PushApproval({ client, factorSid, challengeSid }: PushApprovalProps) {
  const [answer, setAnswer] = useState('');
  return (
    <section>
      <verify-challenge-prompt
        client={client}
        factor-sid={factorSid}
        challenge-sid={challengeSid}
        onverify-approved={e => setAnswer(`Approved ${e.detail.challengeSid}`)}
        onverify-denied={e => setAnswer(e.detail.reported ? 'Denied and reported' : 'Denied')}
      />
      <p role="status">{answer}</p>
    </section>
  );
}

export function App({ push }: { push?: PushApprovalProps }) {
  return (
    <>
      <SignInCode />
      {push && <PushApproval {...push} />}
    </>
  );
}

/** Renders the app into `root`; returns what unmounts it. */
export function mount(root: Element, push?: PushApprovalProps) {
  const reactRoot = createRoot(root);
  reactRoot.render(<App push={push} />);
  return () => reactRoot.unmount();
}
