// The kit from plain JavaScript through webpack 5's own resolution (package exports, sideEffects).
import 'verify-elements/otp-input.js';

const section = document.querySelector('[data-flow]');
const field = section.querySelector('otp-input');
field.addEventListener('input', () => (section.querySelector('.model').textContent = field.value));
field.addEventListener('otp-complete', e => (section.querySelector('.completed').textContent = e.detail.value));
