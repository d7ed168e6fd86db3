// JSX types for the plain tags in React 19: React's own props for any element (onInput, className,
// ref, …) and, from verify-elements/jsx, each element's properties, attributes and typed
// `on<event>` props (React 19 listens to `onotp-complete` as the `otp-complete` event).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CustomElements } from 'verify-elements/jsx';

type Tags = {
  [Tag in keyof CustomElements]: DetailedHTMLProps<HTMLAttributes<HTMLElementTagNameMap[Tag]>, HTMLElementTagNameMap[Tag]> & CustomElements[Tag];
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends Tags {}
  }
}
