// The kit from plain JavaScript through webpack 5's own resolution (package exports, sideEffects):
// every tag's entry, as an app that uses them all imports them. None may need firebase to build
// (issue 10: `Can't resolve 'firebase/app'` from verify-enroll.js).
import 'verify-elements/otp-input.js';
import 'verify-elements/verify-enroll.js';
import 'verify-elements/verify-challenge-prompt.js';
import 'verify-elements/verify-passkey.js';
import 'verify-elements/verify-totp-enroll.js';

const section = document.querySelector('[data-flow]');
const field = section.querySelector('otp-input');
field.addEventListener('input', () => (section.querySelector('.model').textContent = field.value));
field.addEventListener('otp-complete', e => (section.querySelector('.completed').textContent = e.detail.value));

const answer = document.querySelector('.answer');
document.addEventListener('verify-enrolled', e => (answer.textContent = `enrolled ${e.detail.factorSid}`));
document.addEventListener('verify-approved', e => (answer.textContent = `approved ${e.detail.challengeSid}`));
