// A server component: rendered on the server, it renders the client components that hold the
// kit's React wrappers (which carry 'use client').
import { CodeForm } from './code-form';

export default function Page() {
  return (
    <main>
      <h1>Sign in</h1>
      <CodeForm flow="with-input" />
      <CodeForm flow="no-input" />
    </main>
  );
}
