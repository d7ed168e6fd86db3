// React with the wrappers from verify-elements/react (any React from 18 on): camel-case event
// props typed with the kit's event classes. Each wrapper defines its own tag.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { OtpInput, VerifyChallengePrompt } from 'verify-elements/react';
import type { VerifyPushClient } from 'verify-elements/client';

/** A code field whose value lives in React state: typing updates it, Clear empties the boxes. */
export function SignInCode() {
  const [code, setCode] = useState('');
  const [complete, setComplete] = useState('');
  return (
    <form onSubmit={e => e.preventDefault()}>
      <OtpInput
        label="Code from the SMS"
        length={6}
        value={code}
        onInput={e => setCode(e.currentTarget.value)}
        onOtpComplete={e => setComplete(`${e.detail.value} (${e.detail.source})`)}
      />
      <button type="button" onClick={() => (setCode(''), setComplete(''))}>
        Clear
      </button>
      <p role="status">{complete ? `Complete: ${complete}` : `${code.length} of 6`}</p>
    </form>
  );
}

export interface PushApprovalProps {
  /** From `<VerifyEnroll>` (its `client`, after `onVerifyEnrolled`) or `createVerifyPushClient()`. */
  client: VerifyPushClient;
  factorSid: string;
  challengeSid: string;
}

/** Shows one sign-in request and says how it was answered. */
export function PushApproval({ client, factorSid, challengeSid }: PushApprovalProps) {
  const [answer, setAnswer] = useState('');
  return (
    <section>
      <VerifyChallengePrompt
        client={client}
        factorSid={factorSid}
        challengeSid={challengeSid}
        onVerifyApproved={e => setAnswer(`Approved ${e.detail.challengeSid}`)}
        onVerifyDenied={e => setAnswer(e.detail.reported ? 'Denied and reported' : 'Denied')}
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
