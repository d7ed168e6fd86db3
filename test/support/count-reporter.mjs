// Counts passed, failed and skipped tests per engine and writes them where scripts/test.mjs reads
// them, so `npm test` can print one closing line summed over every runner and engine.
import { writeFileSync } from 'node:fs';

function count(suite, into) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) into.skipped++;
    else if (t.passed) into.passed++;
    else into.failed++;
  }
  for (const s of suite?.suites ?? []) count(s, into);
}

export function countReporter({ file = process.env.WTR_COUNTS_FILE } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const perEngine = {};
      for (const session of sessions) {
        const c = (perEngine[session.browser.name] ??= { passed: 0, failed: 0, skipped: 0 });
        const before = c.failed;
        count(session.testResults, c);
        // A file that failed to load, or threw outside any test, has no failing test: count it once.
        if (!session.passed && c.failed === before) c.failed++;
      }
      if (file) writeFileSync(file, JSON.stringify(perEngine));
    },
  };
}
