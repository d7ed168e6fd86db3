import type { ListPage } from 'verify-elements/protocol';
import { fromBase64, toBase64Url, utf8 } from './bytes.js';
import { E } from './errors.js';
import { intParam, one, queryParams, type WithRequest } from './params.js';

/** What a listed row needs: the list is ordered by creation date, then SID. */
export interface Listed {
  sid: string;
  date_created: number;
}

/** A place in a list: the page of rows after (`PA`) or before (`PB`) the row with this creation date and SID, and its number. */
interface Cursor {
  after: boolean;
  page: number;
  date: number;
  sid: string;
}

const TOKEN = /^P([AB])([A-Za-z0-9_-]{1,200})$/;
const POSITION = /^(\d{1,7})\.(\d{1,16})\.([A-Z]{2}[0-9a-f]{32})$/;

const tokenOf = (after: boolean, page: number, row: Listed) => `P${after ? 'A' : 'B'}${toBase64Url(utf8(`${page}.${row.date_created}.${row.sid}`))}`;

/** The cursor in a PageToken; a 400 (Twilio's 21481) for anything this API did not issue. */
function cursorOf(token: string): Cursor {
  const [, side, payload] = TOKEN.exec(token) ?? [];
  const bytes = payload === undefined ? null : fromBase64(payload);
  const [, page, date, sid] = (bytes && POSITION.exec(new TextDecoder().decode(bytes))) ?? [];
  if (page === undefined || date === undefined || sid === undefined) throw E.invalidPageToken();
  return { after: side === 'A', page: Number(page), date: Number(date), sid };
}

/** Orders rows by creation, then SID: a total order, so a cursor stays put while rows come and go. */
const byCreation = (a: Listed, b: Listed) => a.date_created - b.date_created || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0);

/** The index of the first row in `rows` (ordered by `compare`) that comes after the cursor's row. */
function firstAfter(rows: Listed[], cursor: Listed, compare: (a: Listed, b: Listed) => number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(rows[mid], cursor) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * One page of `items` (the whole filtered list, in any order) in Twilio's list shape:
 * `{ [key]: [...], meta }`, ordered by creation (newest first when `descending`). The position
 * travels as an opaque `PageToken` (also accepted as `pageToken`: the two SDKs differ) naming the
 * row the page follows or precedes (and the page number), so rows created or deleted meanwhile
 * neither repeat nor skip rows. Without a token the list starts at its beginning, whatever `Page`
 * says: as in Twilio, `Page` is the client's own count. `filters` are the query parameters to
 * carry into the page URLs.
 */
export function page<T extends Listed, R, K extends string>(
  c: WithRequest, items: T[], key: K, filters: Record<string, string>, render: (item: T) => R, descending = false,
): ListPage<K, R> {
  const query = queryParams(c);
  const size = intParam(one(query, 'PageSize'), 'PageSize', 1, 1000, 50);
  const token = one(query, 'PageToken') ?? one(query, 'pageToken');
  const cursor = token ? cursorOf(token) : null;
  const number = cursor?.page ?? intParam(one(query, 'Page'), 'Page', 0, 1e6, 0);
  const compare = descending ? (a: Listed, b: Listed) => byCreation(b, a) : byCreation;
  const rows = [...items].sort(compare);

  let start = 0;
  let end = Math.min(size, rows.length);
  if (cursor) {
    const at = firstAfter(rows, { date_created: cursor.date, sid: cursor.sid }, compare);
    // The cursor's own row, when it is still there, is on neither side.
    const before = at > 0 && rows[at - 1].sid === cursor.sid ? at - 1 : at;
    [start, end] = cursor.after ? [at, Math.min(at + size, rows.length)] : [Math.max(0, before - size), before];
  }
  const shown = rows.slice(start, end);

  const path = new URL(c.req.url);
  const url = (extra: Record<string, string | number>) => {
    const q = new URLSearchParams({ ...filters, PageSize: String(size), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) });
    return `${path.origin}${path.pathname}?${q}`;
  };
  // A computed key widens to `string`; it is `key`, so the object is the page of `K`.
  return {
    [key]: shown.map(render),
    meta: {
      page: number,
      page_size: size,
      first_page_url: url({ Page: 0 }),
      previous_page_url: start > 0 && shown.length ? url({ Page: Math.max(0, number - 1), PageToken: tokenOf(false, Math.max(0, number - 1), shown[0]) }) : null,
      next_page_url: end < rows.length && shown.length ? url({ Page: number + 1, PageToken: tokenOf(true, number + 1, shown[shown.length - 1]) }) : null,
      url: url(token ? { Page: number, PageToken: token } : { Page: number }),
      key,
    },
  } as ListPage<K, R>;
}
