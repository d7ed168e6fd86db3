import { fixture, html, nextFrame } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import type { LitElement, TemplateResult } from 'lit';

// fonts-dejavu-core comes with fontconfig on Debian, so every machine with Chromium has it; its
// Regular and Bold cover every glyph the elements draw (•, ○ ◌ ✓ ✕, …).
const FONT = "'DejaVu Sans'";

/**
 * Fixed viewport, scale factor 1, no motion (the caret stays lit), forced colours as asked.
 * Call before each test: a test that turns forced colours on leaves them for the next one otherwise.
 */
export async function setUpPage({ forcedColors = false } = {}): Promise<void> {
  await executeServerCommand('visual-page', { forcedColors });
  // Without the font, Chromium silently falls back and every image differs: say why instead.
  const ctx = document.createElement('canvas').getContext('2d')!;
  const width = (family: string) => ((ctx.font = `16px ${family}`), ctx.measureText('Mwil 0123').width);
  if (width(`${FONT}, monospace`) === width('monospace')) throw new Error('DejaVu Sans is missing: apt-get install fonts-dejavu-core');
}

/**
 * Renders `content` in a frame with a fixed font, size and padding; the frame is what is
 * photographed, so focus rings drawn outside an element stay in the picture.
 */
export function frame(content: TemplateResult, style = ''): Promise<HTMLElement> {
  return fixture<HTMLElement>(
    html`<div style="display: inline-block; padding: 12px; font: 16px/normal ${FONT}; background: Canvas; color: CanvasText; ${style}">${content}</div>`,
  );
}

/** Compares the frame with test/visual/baselines/<name>.png once fonts and every Lit update settled. */
export async function matchesBaseline(frameEl: HTMLElement, name: string): Promise<void> {
  await document.fonts.ready;
  for (const el of frameEl.querySelectorAll<LitElement>('otp-input, verify-enroll, verify-challenge-prompt')) await el.updateComplete;
  await nextFrame();
  await visualDiff(frameEl, name);
}

/** Waits (up to 4 s) until `ready()` holds after the element's updates. */
export async function until(el: LitElement, ready: () => boolean, what: string): Promise<void> {
  const end = performance.now() + 4000;
  for (;;) {
    await el.updateComplete;
    if (ready()) return;
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise(r => setTimeout(r, 20));
  }
}

export { html };
