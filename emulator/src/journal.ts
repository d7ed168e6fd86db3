/**
 * The saved state is a journal: a header line, then one line per write, each a JSON array of
 * changes: `[kind, row]` puts a row, `[kind, sid]` deletes one. A write appends its line, so its
 * cost does not grow with the state; a compaction replaces the journal by one put per live row.
 */
export type Change<K extends string = string> = [kind: K, rowOrSid: SavedRow | string];

/** What the journal needs of a row: its SID. The store checks the rest (it wrote them). */
export interface SavedRow {
  sid: string;
}

export const HEADER = '{"journal":"verify-push-emulator","version":1}\n';
/** Rows per line of a compacted journal: lines stay short enough to parse without a long pause. */
const ROWS_PER_LINE = 500;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isChange = <K extends string>(value: unknown, kinds: readonly K[]): value is Change<K> =>
  Array.isArray(value) && value.length === 2 && kinds.includes(value[0])
  && (typeof value[1] === 'string' || (isObject(value[1]) && typeof value[1].sid === 'string'));

export const changeLine = (changes: Change[]): string => `${JSON.stringify(changes)}\n`;

export interface SavedJournal<K extends string> {
  changes: Array<Change<K>>;
  /** Whether the text must be rewritten before more is appended: a torn last line, or the old format. */
  rewrite: boolean;
}

/**
 * Reads a saved journal. A last line that is cut short or unreadable is a write that never completed
 * (it was never acknowledged) and is dropped; damage anywhere else stops the start, as does a file
 * that is not the emulator's. The single JSON object of versions before the journal is read too.
 */
export function readJournal<K extends string>(text: string, name: string, kinds: readonly K[]): SavedJournal<K> {
  if (!text.startsWith(HEADER)) return { changes: legacyState(text, name, kinds), rewrite: true };
  const lines = text.slice(HEADER.length).split('\n');
  const changes: Array<Change<K>> = [];
  let rewrite = false;
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    // A write is one line with its newline: text after the last newline is a write that a crash cut
    // short, never acknowledged. It goes, and the journal is rewritten before anything is appended.
    if (i === lines.length - 1) {
      rewrite = true;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed) || !parsed.every(change => isChange(change, kinds))) {
      throw new Error(`${name}: line ${i + 2} is damaged, so the state cannot be read. Move the file away (or restore a copy) and start again.`);
    }
    changes.push(...parsed);
  }
  return { changes, rewrite };
}

/** The rows of the single-object state file of earlier versions, as puts. */
function legacyState<K extends string>(text: string, name: string, kinds: readonly K[]): Array<Change<K>> {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    saved = null;
  }
  const notOurs = `${name} is not the emulator's data file (it starts with neither its journal header nor an earlier version's state). Move it away or pass another --data file.`;
  if (!isObject(saved) || !kinds.some(kind => kind in saved)) throw new Error(notOurs);
  const changes: Array<Change<K>> = [];
  for (const kind of kinds) {
    const table = saved[kind] ?? {};
    if (!isObject(table)) throw new Error(notOurs);
    for (const row of Object.values(table)) {
      const change: unknown = [kind, row];
      if (!isChange(change, kinds)) throw new Error(notOurs);
      changes.push(change);
    }
  }
  return changes;
}

/** The journal of `state` compacted: the header, then every row as a put, a few hundred per line. */
export function* snapshotLines(tables: Record<string, Record<string, SavedRow>>): Generator<string> {
  yield HEADER;
  let line: Change[] = [];
  for (const [kind, table] of Object.entries(tables)) {
    for (const row of Object.values(table)) {
      line.push([kind, row]);
      if (line.length === ROWS_PER_LINE) {
        yield changeLine(line);
        line = [];
      }
    }
  }
  if (line.length) yield changeLine(line);
}
