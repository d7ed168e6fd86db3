// Plain DOM in strict TypeScript: the tag, its properties and its events typed by the kit's own
// declarations (HTMLElementTagNameMap, GlobalEventHandlersEventMap), with no cast.
import 'verify-elements/otp-input.js';
import type { OtpCompleteEvent } from 'verify-elements';

const section = document.querySelector<HTMLElement>('[data-flow]');
const field = section?.querySelector('otp-input');
const model = section?.querySelector('.model');
const completed = section?.querySelector('.completed');
if (!field || !model || !completed) throw new Error('index.html lost its <otp-input>, .model or .completed');

field.length = 6;
field.addEventListener('input', () => {
  model.textContent = field.value;
});
field.addEventListener('otp-complete', (event: OtpCompleteEvent) => {
  const { value, source } = event.detail;
  completed.textContent = value;
  completed.setAttribute('data-source', source);
});
