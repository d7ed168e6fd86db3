import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
  :host {
    display: block;
  }
  [part='container'] {
    display: grid;
    gap: var(--verify-prompt-gap, 1rem);
    box-sizing: border-box;
    max-inline-size: var(--verify-prompt-max-width, 28rem);
    padding: var(--verify-prompt-padding, 1.25rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--verify-surface, Canvas);
    /* Hostile or just long text (URLs, tokens without spaces) wraps instead of overflowing. */
    overflow-wrap: anywhere;
  }
  h2,
  p,
  dl,
  dd,
  fieldset,
  legend {
    margin: 0;
    padding: 0;
  }
  [part='message'] {
    font-size: var(--verify-prompt-message-size, 1.25rem);
    line-height: 1.3;
  }
  [part='fields'] {
    display: grid;
    gap: 0.5rem;
  }
  [part='field-label'],
  [part='countdown'] {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='countdown'] {
    font-variant-numeric: tabular-nums;
  }
  fieldset {
    border: 0;
    min-inline-size: 0;
  }
  legend {
    margin-block-end: 0.5rem;
    font-weight: 600;
  }
  [part='actions'],
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  button,
  [part~='choice'] {
    box-sizing: border-box;
    min-block-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition: background-color 0.12s, box-shadow 0.12s;
  }
  [part='approve'],
  [part='report-yes'],
  [part='retry'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled,
  fieldset:disabled [part~='choice'] {
    opacity: 0.5;
    cursor: default;
  }
  [part~='choice'] {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-inline-size: 4rem;
    border-color: var(--_border);
    color: inherit;
    font-size: var(--verify-prompt-choice-size, 1.5rem);
    font-variant-numeric: tabular-nums;
  }
  /* The radio stays in the page (keyboard, screen readers); the label is what is drawn. */
  [part~='choice'] input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: inherit;
  }
  [part~='choice-selected'] {
    border-color: var(--_accent);
    box-shadow: 0 0 0 var(--verify-focus-ring-width, 2px) var(--_accent);
  }
  :focus-visible,
  [part~='choice']:has(:focus-visible) {
    outline: var(--verify-focus-ring-width, 2px) solid var(--_accent);
    outline-offset: 2px;
  }
  [part='status'] {
    font-weight: 600;
  }
  /* Focus lands on the message and the Deny question to guide screen readers; they are not controls. */
  [tabindex='-1']:focus {
    outline: none;
  }
  :host([state='error']) [part='status'],
  :host([state='offline']) [part='status'] {
    color: var(--_error);
  }
  @media (prefers-reduced-motion: reduce) {
    button,
    [part~='choice'] {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    button,
    [part~='choice'] {
      border-color: ButtonText;
      background: ButtonFace;
      color: ButtonText;
    }
    [part~='choice-selected'] {
      border-color: Highlight;
      box-shadow: 0 0 0 2px Highlight;
    }
    button:disabled,
    fieldset:disabled [part~='choice'] {
      border-color: GrayText;
      color: GrayText;
    }
    :focus-visible,
    [part~='choice']:has(:focus-visible) {
      outline-color: Highlight;
    }
  }
`,
];
