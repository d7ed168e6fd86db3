import type { ListPage } from 'verify-elements/protocol';
import { fromBase64, toBase64Url, utf8 } from './bytes.js';
import { E } from './errors.js';
import { intParam, one, queryParams, type WithRequest } from './params.js';

const tokenOf = (offset: number) => `PT${toBase64Url(utf8(String(offset)))}`;
/** The offset in a page token; NaN when it is none. */
const offsetOf = (token: string) => {
  const bytes = token.startsWith('PT') ? fromBase64(token.slice(2)) : null;
  return bytes ? Number(new TextDecoder().decode(bytes)) : NaN;
};

/**
 * One page of `items` (the whole filtered, ordered list) in Twilio's list shape: `{ [key]: [...], meta }`.
 * The page position travels as `PageToken` (also accepted as `pageToken`: the two SDKs differ) or
 * `Page`; `filters` are the query parameters to carry into the page URLs.
 */
export function page<T, R, K extends string>(c: WithRequest, items: T[], key: K, filters: Record<string, string>, render: (item: T) => R): ListPage<K, R> {
  const query = queryParams(c);
  const size = intParam(one(query, 'PageSize'), 'PageSize', 1, 1000, 50);
  const token = one(query, 'PageToken') ?? one(query, 'pageToken');
  let offset;
  if (token) {
    offset = offsetOf(token);
    if (!Number.isInteger(offset) || offset < 0) throw E.invalidParam('PageToken is not one this API issued. Use the next_page_url of the previous page.');
  } else {
    offset = intParam(one(query, 'Page'), 'Page', 0, 1e6, 0) * size;
  }
  const number = Math.floor(offset / size);
  const path = new URL(c.req.url);
  const url = (extra: Record<string, string | number>) => {
    const q = new URLSearchParams({ ...filters, PageSize: String(size), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) });
    return `${path.origin}${path.pathname}?${q}`;
  };
  // A computed key widens to `string`; it is `key`, so the object is the page of `K`.
  return {
    [key]: items.slice(offset, offset + size).map(render),
    meta: {
      page: number,
      page_size: size,
      first_page_url: url({ Page: 0 }),
      previous_page_url: offset > 0 ? url({ Page: Math.max(0, number - 1), PageToken: tokenOf(Math.max(0, offset - size)) }) : null,
      next_page_url: offset + size < items.length ? url({ Page: number + 1, PageToken: tokenOf(offset + size) }) : null,
      url: url({ Page: number }),
      key,
    },
  } as ListPage<K, R>;
}
