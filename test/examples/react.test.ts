import { describeExample } from './scenarios.js';

describeExample('React 19 example with the plain tags (examples/react/plain.tsx)', 'react/plain');
describeExample('React example with the verify-elements/react wrappers (examples/react/wrapped.tsx)', 'react/wrapped');
