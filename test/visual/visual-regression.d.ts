// The package's exports list "import" before "types", so TypeScript finds its JavaScript and no
// types; this is the one function the tests use, as the package's own browser/commands.d.ts says.
declare module '@web/test-runner-visual-regression' {
  export function visualDiff(element: Node, name: string): Promise<void>;
}
