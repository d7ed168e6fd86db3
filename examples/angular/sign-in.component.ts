// Angular: the tags in a standalone component. CUSTOM_ELEMENTS_SCHEMA lets the template use them;
// `[prop]` sets element properties, `(event)` listens to DOM events, and with strictTemplates
// `$event` is typed from the kit's GlobalEventHandlersEventMap (an OtpCompleteEvent, …).
import { Component, CUSTOM_ELEMENTS_SCHEMA, input, signal } from '@angular/core';
import 'verify-elements/otp-input.js';
import 'verify-elements/verify-challenge-prompt.js';
import type { VerifyPushClient } from 'verify-elements/client';
import type { OtpCompleteEvent, VerifyApprovedEvent, VerifyDeniedEvent } from 'verify-elements';

@Component({
  selector: 'app-sign-in',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <form (submit)="$event.preventDefault()">
      <otp-input
        #otp
        label="Code from the SMS"
        [length]="6"
        [value]="code()"
        (input)="code.set(otp.value)"
        (otp-complete)="completed($event)"
      ></otp-input>
      <button type="button" (click)="code.set(''); complete.set('')">Clear</button>
      <p role="status">{{ complete() ? 'Complete: ' + complete() : code().length + ' of 6' }}</p>
    </form>
    @if (push(); as push) {
      <verify-challenge-prompt
        [client]="push.client"
        [factorSid]="push.factorSid"
        [challengeSid]="push.challengeSid"
        (verify-approved)="approved($event)"
        (verify-denied)="denied($event)"
      ></verify-challenge-prompt>
      <p role="status">{{ answer() }}</p>
    }
  `,
})
export class SignInComponent {
  /** From `<verify-enroll>` (its `client`) or `createVerifyPushClient()`, with the request to show. */
  readonly push = input<{ client: VerifyPushClient; factorSid: string; challengeSid: string }>();
  readonly code = signal('');
  readonly complete = signal('');
  readonly answer = signal('');

  completed(event: OtpCompleteEvent) {
    this.complete.set(`${event.detail.value} (${event.detail.source})`);
  }

  approved(event: VerifyApprovedEvent) {
    this.answer.set(`Approved ${event.detail.challengeSid}`);
  }

  denied(event: VerifyDeniedEvent) {
    this.answer.set(event.detail.reported ? 'Denied and reported' : 'Denied');
  }
}
