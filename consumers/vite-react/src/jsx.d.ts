// The README's JSX declaration: the kit's tags in React's IntrinsicElements, event props typed.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CustomElements } from 'verify-elements/jsx';

type Tags = { [T in keyof CustomElements]: DetailedHTMLProps<HTMLAttributes<HTMLElementTagNameMap[T]>, HTMLElementTagNameMap[T]> & CustomElements[T] };
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends Tags {}
  }
}
