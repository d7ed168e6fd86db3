/** English: the kit's default strings, and the shape every other language follows. */
import type { OtpInputStrings } from '../elements/otp-input/strings.js';
import type { VerifyEnrollStrings } from '../elements/verify-enroll/strings.js';
import type { ChallengePromptStrings } from '../elements/verify-challenge-prompt/strings.js';
import type { VerifyTotpEnrollStrings } from '../elements/verify-totp-enroll/strings.js';

const chars = (mode: string) => (mode === 'numeric' ? 'digit' : 'character');
// The error's own message: the kit's messages are written in English.
const message = (_code: number, text: string) => text;
// `incomplete` shows only while 0 < typed < length, so the length is 2 or more: always plural.
export const otpInput: OtpInputStrings = {
  label: 'One-time code',
  filledIn: 'Code filled in',
  required: (length, mode) => `Enter the ${length}-${chars(mode)} code.`,
  incomplete: (length, mode) => `Enter all ${length} ${chars(mode)}s of the code.`,
};

export const verifyEnroll: VerifyEnrollStrings = {
  title: 'Approve sign-ins on this browser',
  intro: 'Enroll this browser to approve your sign-ins with one click instead of typing a code.',
  enroll: 'Enroll this browser',
  checking: 'Checking this browser…',
  enrolling: 'Enrolling this browser…',
  enrolled: 'This browser is enrolled for sign-in approvals.',
  failed: 'Enrolling did not finish.',
  error: message,
  retry: 'Try again',
  remove: 'Remove this browser',
  removing: 'Removing this browser…',
  removed: 'This browser was removed. It no longer receives sign-in requests.',
  fallback: 'This browser gets no notifications from this site, so it checks for sign-in requests while the page is open.',
  steps: { permission: 'Allow notifications', key: 'Create a key for this browser', register: 'Register this browser', verify: 'Verify the key' },
  stepStates: { pending: ', to do', active: ', in progress', done: ', done', failed: ', failed' },
  friendlyName: (browser, os) => (browser || 'Browser') + (os ? ` on ${os}` : ''),
};

export const challengePrompt: ChallengePromptStrings = {
  loading: 'Loading the sign-in request…',
  timeLeft: (_, clock) => `Expires in ${clock}`,
  timeLeftAnnouncement: s => `Expires ${new Intl.RelativeTimeFormat('en').format(s, 'second')}`,
  pickNumber: 'Pick the number shown on the sign-in screen',
  approve: 'Approve',
  deny: 'Deny',
  report: 'Report as suspicious?',
  yes: 'Yes',
  no: 'No',
  approving: 'Approving…',
  denying: 'Denying…',
  approved: 'Approved',
  answerSent: 'Answer sent. The sign-in screen shows whether it worked.',
  denied: 'Denied',
  reported: 'Denied and reported as suspicious',
  expired: 'This request expired',
  answered: 'This request was already answered',
  offline: 'The service cannot be reached. Check the connection and try again.',
  error: message,
  retry: 'Retry',
};

export const verifyTotpEnroll: VerifyTotpEnrollStrings = {
  title: 'Use an authenticator app',
  intro: 'Get sign-in codes from an app such as Google Authenticator, Microsoft Authenticator or 1Password, even offline.',
  start: 'Set up an authenticator app',
  starting: 'Preparing your key…',
  scan: 'Scan this QR code with your authenticator app',
  qrLabel: (account, issuer) => `QR code that adds ${[issuer, account].filter(Boolean).join(', ') || 'this account'} to an authenticator app`,
  manual: 'Cannot scan it? Enter this key in the app instead:',
  copy: 'Copy key',
  copied: 'Key copied.',
  copyRefused: 'The browser did not allow copying. Select the key and copy it yourself.',
  codeLabel: 'Code from the app',
  enterCode: digits => `Then enter the ${digits}-digit code the app shows.`,
  confirm: 'Confirm',
  confirming: 'Checking the code…',
  enrolled: 'Your authenticator app is set up.',
  failed: 'Setting up the app did not finish.',
  retry: 'Start again',
  errors: {
    'wrong-code': 'That code is not right. Enter the code the app shows now.',
    expired: 'This setup has expired. Start again to get a new key.',
    'rate-limited': 'Too many attempts. Wait a minute and try again.',
    network: 'The server cannot be reached. Check the connection and try again.',
    backend: 'The server could not finish this step. Try again later.',
    setup: 'This page cannot set up an authenticator app.',
  },
};
