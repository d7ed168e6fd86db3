import { fixture, html, nextFrame } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../../src/elements/otp-input/define.js';
import type { OtpInput } from '../../../src/elements/otp-input/otp-input.js';

/** Renders a template whose first (or only) `<otp-input>` is returned with its real input. */
export async function mount(template: TemplateResult) {
  const root = await fixture<HTMLElement>(template);
  const el = (root.localName === 'otp-input' ? root : root.querySelector('otp-input')) as OtpInput;
  await el.updateComplete;
  const input = el.querySelector(':scope > input') as HTMLInputElement;
  return { root, el, input };
}

/** The boxes as a person sees them: the characters shown, '' for an empty box. */
export function shown(el: OtpInput): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="box"]')].map(b => b.querySelector('[part="char"]')?.textContent ?? '');
}

/** The middle of `element` on screen, where a person clicks it. */
export function centre(element: Element): [number, number] {
  const r = element.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** Box `index` of `el`. */
export const box = (el: HTMLElement, index: number) => el.shadowRoot!.querySelectorAll('[part~="box"]')[index];

// Successive clicks land 12 px apart, left and right of a box's middle: engines pair two clicks at
// one spot into a double click (which selects the whole code), even across tests.
let clicks = 0;

/** A real click on box `index`, near its middle. */
export function clickBox(el: HTMLElement, index: number) {
  const [x, y] = centre(box(el, index));
  return sendMouse({ type: 'click', position: [x + (clicks++ % 2 ? 6 : -6), y] });
}

/** A real press on box `index`, a move to box `to` with the button down, and the release: a drag. */
export async function dragBoxes(el: HTMLElement, from: number, to: number) {
  await sendMouse({ type: 'move', position: centre(box(el, from)) });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: centre(box(el, to)) });
  await sendMouse({ type: 'up' });
}

/** The text the input has selected. */
export const selected = (input: HTMLInputElement) => input.value.slice(input.selectionStart!, input.selectionEnd!);

// WebDriver's key codes: WebKit's driver takes key sequences, where a modifier stays down until sent again.
const WEBDRIVER_KEYS: Record<string, string> = { Shift: '\uE008', Control: '\uE009', ArrowLeft: '\uE012', ArrowRight: '\uE014', Backspace: '\uE003', Tab: '\uE004' };
const webdriver = /AppleWebKit/.test(navigator.userAgent) && !/Chrome/.test(navigator.userAgent);

/** `key` pressed with `modifier` held, as a person does it. */
export async function withModifier(modifier: 'Shift' | 'Control', key: string) {
  if (webdriver) return sendKeys({ type: `${WEBDRIVER_KEYS[modifier]}${WEBDRIVER_KEYS[key] ?? key}${WEBDRIVER_KEYS[modifier]}` });
  await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  await sendKeys({ up: modifier });
}

/** A click on box `index` with Shift held (test/support/modified-click-plugin.mjs). */
export const shiftClickBox = (el: HTMLElement, index: number) =>
  executeServerCommand('modified-click', { position: centre(box(el, index)), modifier: 'Shift' });

/** Index of the box that typing goes to, or -1. */
export function activeBox(el: OtpInput): number {
  return [...el.shadowRoot!.querySelectorAll('[part~="box"]')].findIndex(b => b.part.contains('box-active'));
}

/** Indexes of every active box (a selected range shows several). */
export function activeBoxes(el: OtpInput): number[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="box"]')].flatMap((b, i) => (b.part.contains('box-active') ? [i] : []));
}

/**
 * Sends a `beforeinput` as a browser does for paste or autofill into a text field (the text in
 * `data`, as the Input Events spec says for inputs); returns whether it was cancelled.
 */
export function beforeInput(input: HTMLInputElement, inputType: string, data: string): boolean {
  const event = new InputEvent('beforeinput', { inputType, data, bubbles: true, cancelable: true, composed: true });
  return !input.dispatchEvent(event);
}

/** Records the events of a type that reach `target`. */
export function record<T extends Event = Event>(target: EventTarget, type: string): T[] {
  const seen: T[] = [];
  target.addEventListener(type, e => seen.push(e as T));
  return seen;
}

/** Runs `run` and returns what it wrote to console.warn (kept out of the test log). */
export async function warningsDuring(run: () => unknown): Promise<string[]> {
  const original = console.warn;
  const seen: string[] = [];
  console.warn = (...args: unknown[]) => seen.push(args.join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}

/** Waits until what an input started is done: the render, otp-complete (the next task), the frame after. */
export async function settle(el: OtpInput) {
  await el.updateComplete;
  await new Promise(resolve => setTimeout(resolve));
  await nextFrame();
  await el.updateComplete;
}

export { html };
