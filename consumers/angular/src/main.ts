// Angular with strictTemplates: CUSTOM_ELEMENTS_SCHEMA lets the template use the tags, `[prop]`
// sets properties, `(event)` listens, and `$event` is the kit's event class.
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import 'verify-elements/otp-input.js';
import type { OtpCompleteEvent } from 'verify-elements';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <section data-flow="angular">
      <otp-input #otp label="Code" [length]="6" [value]="code()" (input)="code.set(otp.value)" (otp-complete)="completed($event)"></otp-input>
      <p class="model">{{ code() }}</p>
      <p class="completed">{{ complete() }}</p>
    </section>
  `,
})
class AppComponent {
  readonly code = signal('');
  readonly complete = signal('');

  completed(event: OtpCompleteEvent) {
    this.complete.set(event.detail.value);
  }
}

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
