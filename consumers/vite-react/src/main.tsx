// React 19 both ways: the plain tag (React sets properties and listens to `on<event>` props) and the
// @lit/react wrappers from verify-elements/react. Each completion changes state the page shows.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'verify-elements/otp-input.js';
import { OtpInput } from 'verify-elements/react';

function Plain() {
  const [code, setCode] = useState('');
  const [completed, setCompleted] = useState('');
  return (
    <section data-flow="plain">
      <otp-input label="Code" length={6} value={code} onInput={e => setCode(e.currentTarget.value)}
        onotp-complete={e => setCompleted(e.detail.value)} />
      <p className="model">{code}</p>
      <p className="completed">{completed}</p>
    </section>
  );
}

function Wrapped() {
  const [code, setCode] = useState('');
  const [completed, setCompleted] = useState('');
  return (
    <section data-flow="wrapped">
      <OtpInput label="Code" length={6} value={code} onInput={e => setCode(e.currentTarget.value)}
        onOtpComplete={e => setCompleted(e.detail.value)} />
      <p className="model">{code}</p>
      <p className="completed">{completed}</p>
    </section>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<StrictMode><Plain /><Wrapped /></StrictMode>);
