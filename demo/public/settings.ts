// Settings: every factor of the signed-in user, each with a Remove button (asked to confirm), and
// adding a passkey (<verify-passkey mode="register">) or an authenticator app. What happens is said
// in the settings' own live region.
import { $, api, onIpAddress } from './api.js';

interface Factor {
  sid: string;
  type: string;
  friendlyName: string;
  created: string;
  status: string;
}
const TYPES: Record<string, string> = { push: 'Browser (push)', passkeys: 'Passkey', totp: 'Authenticator app' };

const say = (message: string) => ($('settings-status').textContent = message);

/** Lists the user's factors anew. */
export async function listFactors(): Promise<void> {
  const { factors } = await api<{ factors: Factor[] }>('/api/factors');
  $('factors').replaceChildren(...(factors.length ? factors.map(factorItem) : [Object.assign(document.createElement('li'), { textContent: 'No factors yet: add one below.' })]));
}

function factorItem(factor: Factor): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.sid = factor.sid;
  item.dataset.type = factor.type;
  const label = `${TYPES[factor.type] ?? factor.type}: ${factor.friendlyName}`;
  const added = Object.assign(document.createElement('time'), { dateTime: factor.created, textContent: new Date(factor.created).toLocaleString() });
  const description = Object.assign(document.createElement('span'), { textContent: `${label}, ${factor.status === 'verified' ? 'in use' : 'not confirmed'}, added ` });
  description.append(added);
  const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Remove' });
  remove.setAttribute('aria-label', `Remove ${label}`);
  remove.addEventListener('click', () => confirmRemoval(remove, label, factor.sid));
  item.append(description, ' ', remove);
  return item;
}

/** Asks in place (a question and two buttons, focus on Cancel), then removes, and says so. */
function confirmRemoval(remove: HTMLButtonElement, label: string, sid: string) {
  const question = Object.assign(document.createElement('span'), { role: 'group', textContent: `Remove ${label}? You can no longer sign in with it. ` });
  const yes = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Yes, remove' });
  const no = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Cancel' });
  question.append(yes, ' ', no);
  remove.replaceWith(question);
  no.focus();
  no.addEventListener('click', () => {
    question.replaceWith(remove);
    remove.focus();
  });
  yes.addEventListener('click', async () => {
    try {
      await api(`/api/factors/${encodeURIComponent(sid)}`, undefined, 'DELETE');
      await listFactors();
      say(`Removed ${label}.`);
      $('factors-title').focus();
    } catch (error) {
      say(`${label} was not removed: ${(error as Error).message}`);
    }
  });
}

let passkeysOffered = !onIpAddress;

/** Adding a passkey in the settings, or in the offer after sign-up: one of the two at a time. */
function showPasskeyOffer(offer: boolean) {
  $('passkey-offer').hidden = !(offer && passkeysOffered);
  $('add-passkey').hidden = offer || !passkeysOffered;
}

/** After sign-up: offers a passkey (where the browser can make one), focus on the offer. */
export function offerPasskey() {
  showPasskeyOffer(true);
  if (passkeysOffered) $('passkey-offer').focus();
}

/** Shows the settings' state for a user who just arrived (or left: `signedIn` false). */
export function showSettings(signedIn: boolean) {
  say('');
  // New passkey elements for the user who arrives: one that added a passkey stays done.
  for (const element of $('settings').querySelectorAll('verify-passkey')) element.replaceWith(element.cloneNode());
  showPasskeyOffer(false);
  $('totp-setup').replaceChildren();
  if (signedIn) listFactors().catch(error => say(`Your factors cannot be listed: ${(error as Error).message}`));
  else $('factors').replaceChildren();
}

// <verify-passkey> shows its steps and failures itself; the settings list the new passkey and say so.
$('settings').addEventListener('verify-passkey-registered', async () => {
  const fromOffer = $('passkey-offer').matches(':focus-within');
  showPasskeyOffer(false);
  if (fromOffer) $('factors-title').focus();
  await listFactors().catch(() => {});
  say('Passkey added. Next time, sign in with it.');
});
// A browser without passkeys: the settings offer the other factors only.
$('settings').addEventListener('verify-passkey-unsupported', () => {
  passkeysOffered = false;
  showPasskeyOffer(false);
});
$('offer-dismiss').addEventListener('click', () => {
  showPasskeyOffer(false);
  $('factors-title').focus();
});

// <verify-totp-enroll> shows the key and its QR code once, and confirms the first code through /api/totp.
$('add-totp').addEventListener('click', () => {
  const element = Object.assign(document.createElement('verify-totp-enroll'), { autostart: true, friendlyName: 'Authenticator app' });
  element.setAttribute('url', '/api/totp');
  element.addEventListener('verify-totp-enrolled', async () => {
    await listFactors().catch(() => {});
    say('Authenticator app added. You can sign in with its codes.');
  });
  element.addEventListener('verify-totp-error', event => {
    if (event.detail.step === 'start' || event.detail.reason === 'expired') say('No authenticator app was added. Try again.');
  });
  $('totp-setup').replaceChildren(element);
  say('Add the key to your authenticator app, then type the code it shows.');
});
