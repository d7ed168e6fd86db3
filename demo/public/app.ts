// The demo page: a site with sign-up, settings that list the user's factors and add a passkey, an
// authenticator app or this browser (push), and sign-in by a passkey (autofill or button), else by
// push approval (number matching), an authenticator code or an SMS code, the next when asked.
import '../../src/index.js';
import { createVerifyPushClient } from '../../src/client/index.js';
import { emulatorTransport } from '../../src/push/emulator.js';
import { pollingTransport, withPollingFallback } from '../../src/push/polling.js';
import { e164 } from '../src/phone.js';
import { $, api, onIpAddress } from './api.js';
import { offerPasskey, showSettings } from './settings.js';

/** Says what happened to the account form, next to it, in its live region. */
const say = (message: string) => ($('status').textContent = message);

// The passkey sign-in of index.html (its button, and autofill on the user name field): taken out at
// once, before its autofill starts, and put back while the form shows (see show()).
const passkeySignIn = $('passkey-signin');
passkeySignIn.remove();
let passkeysOffered = !onIpAddress;
/** Without passkeys here, the form says nothing of them: the user signs in with their name. */
function withoutPasskeys() {
  passkeysOffered = false;
  $('auth').querySelector('verify-passkey')?.remove();
  $('name-hint').hidden = true;
  $('name').removeAttribute('aria-describedby');
}
if (!passkeysOffered) withoutPasskeys();

const { verifyBaseUrl: baseUrl, emulator } = await api<{ verifyBaseUrl: string; emulator: boolean }>('/api/config').catch(error => {
  say(`The demo cannot start: ${(error as Error).message} Reload the page to try again.`);
  throw error;
});
const otp = $<HTMLElementTagNameMap['otp-input']>('sms-input');
const totp = $<HTMLElementTagNameMap['otp-input']>('totp-input');

// This browser as a device: one client, whose factors get pushes from the emulator's stream, or
// are polled when they were enrolled without notifications. Enrolling and answering share it.
// Against the real Verify there is no emulator stream (and no FCM set up here): factors poll.
const client = createVerifyPushClient({
  baseUrl,
  transport: emulator ? withPollingFallback(emulatorTransport({ baseUrl }), pollingTransport()) : pollingTransport(),
});
document.querySelector('verify-challenge-prompt')!.client = client;

type State = 'signed-out' | 'push' | 'totp' | 'code' | 'signed-in';
/** Where focus goes when the control that had it disappears with the state it belonged to. */
const focusFor: Record<State, () => HTMLElement> = {
  'signed-out': () => $('name'),
  push: () => $('push'),
  totp: () => totp,
  code: () => otp,
  'signed-in': () => $('signout'),
};
// Each sign-in attempt's wait for the approval ends when a newer state replaces it.
let waiting: EventSource | undefined;
/** The ways of signing in this attempt has left, after the one shown (from the backend's `methods`). */
let nextWays: string[] = [];

/** Shows a state of the page; `message` (announced next to the form) says why, when there is something to say. */
function show(state: State, user?: string | null, message = '') {
  waiting?.close();
  waiting = undefined;
  const focused = document.activeElement as HTMLElement | null;
  $('whoami').textContent = user ? `Signed in as ${user}.` : 'Signed out.';
  say(message);
  $('auth').hidden = state !== 'signed-out';
  $('push').hidden = state !== 'push';
  $('totp').hidden = state !== 'totp';
  $('code').hidden = state !== 'code';
  $('start-over').hidden = state === 'signed-out' || state === 'signed-in';
  $('signout').hidden = state !== 'signed-in';
  if ($('settings').hidden !== (state !== 'signed-in')) showSettings(state === 'signed-in');
  $('settings').hidden = state !== 'signed-in';
  // The passkey sign-in (and its autofill) is on the page while the form is shown, and only then:
  // leaving the page ends its autofill, and coming back makes it ready (and autofill) again.
  if (state === 'signed-out' && passkeysOffered && !passkeySignIn.isConnected) $('auth').append(passkeySignIn);
  else if (state !== 'signed-out') passkeySignIn.remove();
  // Settings exist for a signed-in user only: the element asks the backend for a token on arrival.
  const enroll = document.querySelector('verify-enroll');
  if (state === 'signed-in' && !enroll) {
    const element = Object.assign(document.createElement('verify-enroll'), { client });
    element.setAttribute('token-url', '/access-token');
    element.setAttribute('transport', emulator ? 'emulator' : 'polling');
    $('settings').append(element);
  } else if (state !== 'signed-in') {
    enroll?.remove();
  }
  // (A control removed with its state, like the passkey sign-in, had focus too.)
  if (focused && (!focused.isConnected || focused.closest('[hidden]'))) focusFor[state]().focus();
}

async function refresh() {
  const { user } = await api<{ user: string | null }>('/api/me');
  show(user ? 'signed-in' : 'signed-out', user);
}

/**
 * Waits for the approval without polling: the backend's stream sends the `result` as soon as
 * Verify's webhook brought news of the challenge (an approval has then signed this browser in). The
 * page also asks once the stream opens, for news that came before. An ended attempt goes back to
 * the form, saying why.
 */
function waitForApproval() {
  say('Waiting for the approval…');
  const stream = (waiting = new EventSource('/api/signin/events'));
  type Result = { status: string; user?: string; reported?: boolean };
  const settle = (result: Result) => {
    if (stream !== waiting || result.status === 'pending') return; // the user moved on, or no news yet
    if (result.status === 'signed-in') return show('signed-in', result.user);
    if (result.status === 'wrong-number') return show('signed-out', null, 'The number picked did not match, so the sign-in was refused. Try again.');
    if (result.status === 'denied') return show('signed-out', null, `The sign-in was denied${result.reported ? ' and reported as suspicious' : ''}.`);
    if (result.status === 'unknown') return void ask(); // the backend could not tell: ask it
    return show('signed-out', null, 'The request expired. Sign in again.');
  };
  const ask = () =>
    api<Result>('/api/signin/status').then(settle, (error: Error) => {
      if (stream === waiting) show('signed-out', null, `${error.message} Sign in again.`);
    });
  stream.addEventListener('open', ask);
  stream.addEventListener('result', event => settle(JSON.parse((event as MessageEvent<string>).data)));
  // EventSource reconnects by itself; only a stream it gave up on ends the attempt.
  stream.addEventListener('error', () => {
    if (stream === waiting && stream.readyState === EventSource.CLOSED) show('signed-out', null, 'The connection to the site was lost. Sign in again.');
  });
}

/** Development only: the emulator's messages to the phone of the user who signed up in this browser. */
async function showOutbox() {
  if (!emulator) return;
  $('dev-outbox').hidden = false;
  type Outbox = { phone: string | null; messages: Array<{ channel: string; body: string; date: string }> };
  const outbox = await api<Outbox>('/api/dev/outbox').catch((error: Error) => error);
  if (outbox instanceof Error) return void ($('outbox').textContent = `The outbox cannot be read: ${outbox.message}`);
  const { phone, messages } = outbox;
  if (phone) $('dev-phone').textContent = phone;
  // Text only: a message is never markup.
  $('outbox').replaceChildren(
    ...messages.map(m => {
      const item = document.createElement('li');
      const time = Object.assign(document.createElement('time'), { dateTime: m.date, textContent: new Date(m.date).toLocaleTimeString() });
      item.append(time, ` ${m.channel.toUpperCase()}`, Object.assign(document.createElement('pre'), { textContent: m.body }));
      return item;
    }),
  );
}

/** Asks Verify to send a code to the user's phone (the same code again within 10 minutes). */
async function askForCode() {
  await api('/api/signin/code', {});
  otp.value = '';
  otp.invalid = false;
  show('code');
  otp.focus();
  await showOutbox();
}

$('auth').addEventListener('submit', async event => {
  event.preventDefault();
  const action = ((event as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? 'signin';
  const name = $<HTMLInputElement>('name').value;
  try {
    if (action === 'signup') {
      // Said before a round trip; the backend checks it again.
      const phone = e164($<HTMLInputElement>('phone').value);
      if ('error' in phone) return say(phone.error);
      show('signed-in', (await api('/api/signup', { name, phone: phone.phone })).user);
      offerPasskey();
      return await showOutbox();
    }
    // The time zone, so that the sign-in request shows its time as the user reads it.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const start = await api<{ method: 'push' | 'totp' | 'code'; methods: string[]; number?: string }>('/api/signin', { name, timeZone });
    nextWays = start.methods.slice(1);
    if (start.method === 'code') return await askForCode();
    if (start.method === 'totp') return showTotp();
    $('number').textContent = start.number!;
    $('push-to-totp').hidden = !nextWays.includes('totp');
    show('push');
    waitForApproval();
  } catch (error) {
    say((error as Error).message);
  }
});

// A failure here (the attempt expired, too many codes) ends the attempt: back to the form, saying why.
const codeOrStartOver = () => askForCode().catch(error => show('signed-out', null, (error as Error).message));
$('use-code').addEventListener('click', codeOrStartOver);
$('totp-to-sms').addEventListener('click', codeOrStartOver);
$('push-to-totp').addEventListener('click', showTotp);

/** Sign-in by the code of the user's authenticator app. */
function showTotp() {
  totp.value = '';
  totp.invalid = false;
  show('totp');
  totp.focus();
}
$('totp').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    show('signed-in', (await api('/api/signin/totp', { code: totp.value })).user);
  } catch (error) {
    totp.invalid = true;
    totp.errorMessage = (error as Error).message;
  }
});
totp.addEventListener('input', () => (totp.invalid = false));

// <verify-passkey> signed the user in (the backend set the session), by its button or autofill.
$('auth').addEventListener('verify-passkey-signed-in', event => show('signed-in', event.detail.identity));
// It shows its other failures itself, with Try again; where passkeys cannot work, the form goes on without them.
$('auth').addEventListener('verify-passkey-unsupported', withoutPasskeys);
$('auth').addEventListener('verify-passkey-error', event => {
  if (event.detail.reason !== 'security' && event.detail.reason !== 'unsupported') return;
  withoutPasskeys();
  say('Passkeys cannot be used on this page. Sign in with your user name.');
});
$('new-code').addEventListener('click', codeOrStartOver);
$('start-over').addEventListener('click', () => show('signed-out'));

$('code').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    show('signed-in', (await api('/api/signin/code/check', { code: otp.value })).user);
  } catch (error) {
    otp.invalid = true;
    otp.errorMessage = (error as Error).message;
  }
});
otp.addEventListener('input', () => (otp.invalid = false));

$('signout').addEventListener('click', async () => {
  try {
    await api('/api/signout', {});
    show('signed-out');
  } catch (error) {
    say((error as Error).message);
  }
});

// The backend's view: the signed webhooks it accepted for this user (kept as they were while it is away).
setInterval(async () => {
  const events = await api<{ type: string; challenge?: string; factor: string; at: string }[]>('/api/events').catch(() => undefined);
  if (!events) return;
  $('events').replaceChildren(
    ...events.map(e => Object.assign(document.createElement('li'), { textContent: `${e.at.slice(11, 19)} ${e.type} ${e.challenge ?? e.factor}` })),
  );
}, 2000);

await refresh().catch(error => say(`${(error as Error).message} Reload the page to try again.`));
await showOutbox();
