// Counts passed, failed and skipped tests per engine and writes them where scripts/test.mjs reads
// them, so `npm test` can print one closing line summed over every runner and engine, and name each
// failure next to it (a CI log is often cut to its end).
import { relative } from 'node:path';
import { writeFileSync } from 'node:fs';

function count(suite, into, file, path = []) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) into.skipped++;
    else if (t.passed) into.passed++;
    else {
      into.failed++;
      into.failures.push(`${file}: ${[...path, t.name].join(' > ')}: ${t.error?.message?.split('\n')[0] ?? 'failed'}`);
    }
  }
  for (const s of suite?.suites ?? []) count(s, into, file, [...path, s.name]);
}

export function countReporter({ file = process.env.WTR_COUNTS_FILE } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const perEngine = {};
      for (const session of sessions) {
        const c = (perEngine[session.browser.name] ??= { passed: 0, failed: 0, skipped: 0, failures: [] });
        const before = c.failed;
        const testFile = relative(process.cwd(), session.testFile);
        count(session.testResults, c, testFile);
        // A file that failed to load, or threw outside any test, has no failing test: count it once.
        if (!session.passed && c.failed === before) {
          c.failed++;
          c.failures.push(`${testFile}: ${session.errors?.[0]?.message?.split('\n')[0] ?? 'did not run'}`);
        }
      }
      if (file) writeFileSync(file, JSON.stringify(perEngine));
    },
  };
}
