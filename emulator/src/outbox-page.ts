import { html } from 'hono/html';
import type { OutboxMessageJson } from 'verify-elements/protocol';

/**
 * GET /emulator/outbox.html: what the emulator would have sent, one section per recipient, newest
 * first, like a local mail catcher. Every value is escaped by `html` (a message is text, never
 * markup), and the page's CSP allows no script at all.
 */
export function outboxPage(messages: OutboxMessageJson[]) {
  const byRecipient = new Map<string, OutboxMessageJson[]>();
  for (const m of [...messages].reverse()) byRecipient.set(m.to, [...(byRecipient.get(m.to) ?? []), m]);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Emulator outbox (${messages.length})</title>
<link rel="icon" href="data:,">
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 50rem; padding: 0 1rem; }
section { border: 1px solid #8886; border-radius: 8px; margin: 1rem 0; padding: 0 1rem; }
li { margin: .75rem 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0; padding: .5rem; background: #8881; border-radius: 4px; }
</style>
</head>
<body>
<h1>Emulator outbox</h1>
<p>What the Verify emulator would have sent (nothing leaves it), newest first. <a href="">Reload</a> to see new messages; the JSON is at <a href="outbox">outbox</a>.</p>
${byRecipient.size ? '' : html`<p>No message yet: start a verification (POST /v2/Services/{sid}/Verifications).</p>`}
${[...byRecipient].map(([to, list]) => html`<section aria-label="${to}">
<h2>${to}</h2>
<ol reversed>
${list.map(m => html`<li><time datetime="${m.date_created}">${m.date_created}</time> · ${m.channel} · ${m.verification_sid}<pre>${m.body}</pre></li>`)}
</ol>
</section>`)}
</body>
</html>`;
}
