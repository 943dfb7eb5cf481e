/**
 * Offset paging over the full, ordered list of matches. medplum returns a
 * total but no Bundle.link, so the links are ours: self shows the parameters
 * honoured, next repeats them with the following _offset.
 */
import type { BundleLink } from '@medplum/fhirtypes';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  offset: number;
  size: number;
  /** True when matches remain after this page. */
  hasMore: boolean;
}

export function pageOf<T>(matches: readonly T[], offset: number, size: number): Page<T> {
  const items = matches.slice(offset, offset + size);
  // A zero-size page (_count=0, _summary=count) asks for the total only: no next page to follow.
  return { items, offset, size, hasMore: size > 0 && offset + items.length < matches.length };
}

export interface LinkOptions {
  /** paging-no-next-link fault. */
  omitNext: boolean;
  /** paging-repeats-page fault: next points back at the first page. */
  nextIsFirstPage: boolean;
}

export function pageLinks(
  searchUrl: string,
  used: readonly (readonly [string, string])[],
  page: Page<unknown>,
  options: LinkOptions,
): BundleLink[] {
  const filters = used.filter(([k]) => k !== '_count' && k !== '_offset');
  const links: BundleLink[] = [{ relation: 'self', url: withQuery(searchUrl, used) }];
  if (page.hasMore && !options.omitNext) {
    const nextOffset = options.nextIsFirstPage ? 0 : page.offset + page.items.length;
    links.push({
      relation: 'next',
      url: withQuery(searchUrl, [...filters, ['_count', String(page.size)], ['_offset', String(nextOffset)]]),
    });
  }
  return links;
}

function withQuery(url: string, params: readonly (readonly [string, string])[]): string {
  const query = new URLSearchParams(params.map(([k, v]): [string, string] => [k, v])).toString();
  return query === '' ? url : `${url}?${query}`;
}
