'use client';
// The wrappers in a client component, server-rendered then hydrated: <OtpInput> with the app's own
// <input> (works before JavaScript) and without one (the element makes it): neither may fail hydration.
import { useState } from 'react';
import { OtpInput } from 'verify-elements/react';

export function CodeForm({ flow }: { flow: 'with-input' | 'no-input' }) {
  const [code, setCode] = useState('');
  const [completed, setCompleted] = useState('');
  return (
    <section data-flow={flow}>
      <OtpInput label="Code" length={6} value={code} onInput={e => setCode(e.currentTarget.value)} onOtpComplete={e => setCompleted(e.detail.value)}>
        {flow === 'with-input' ? <input name="code" autoComplete="one-time-code" /> : null}
      </OtpInput>
      <p className="model">{code}</p>
      <p className="completed">{completed}</p>
    </section>
  );
}
