import { css } from 'lit';
import { base } from '../internal/base.styles.js';
import { buttons } from '../internal/button.styles.js';

export const styles = [
  base,
  buttons,
  css`
  :host {
    display: block;
  }
  [part='container'] {
    display: grid;
    gap: var(--verify-enroll-gap, 0.75rem);
    max-inline-size: var(--verify-enroll-max-width, 28rem);
    padding: var(--verify-enroll-padding, 1.25rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--verify-surface, Canvas);
    overflow-wrap: anywhere;
  }
  p,
  ol {
    margin: 0;
    padding: 0;
  }
  [part='title'] {
    font-weight: 600;
    font-size: 1.125rem;
    outline: none;
  }
  [part='intro'],
  [part~='step-pending'] {
    color: var(--_muted);
  }
  [part='steps'] {
    display: grid;
    gap: 0.5rem;
    list-style: none;
  }
  /* The state shows in the mark's shape too, never in colour alone. */
  [part='step-icon'] {
    display: inline-block;
    inline-size: 1.5em;
    text-align: center;
  }
  [part~='step-active'] [part='step-icon'] {
    color: var(--_accent);
    animation: spin 1.2s linear infinite;
  }
  [part~='step-done'] [part='step-icon'] {
    color: var(--verify-success-color, light-dark(#15803d, #86efac));
  }
  [part~='step-failed'],
  [part='error'] {
    color: var(--_error);
  }
  @keyframes spin {
    to {
      rotate: 1turn;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='step-active'] [part='step-icon'] {
      animation: none;
    }
  }
  [part='notice'] {
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_accent);
  }
  [part~='button-remove'] {
    background: none;
    color: var(--_accent);
  }
`,
];
