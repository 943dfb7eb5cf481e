/** fhir-core, search and paging (FC-SEARCH, FC-PAGE): a search by patient, _count, next links, bad parameters. */
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { linkOf, refuseOffOrigin } from '../../src/fhir/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  assertBundle,
  assertStatus,
  ensure,
  failCheck,
  label,
  listed,
  matches,
  quoted,
  relativeUrl,
  resourceOf,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import {
  knownMatchCount,
  MAX_PAGES,
  PAGE_SIZE,
  patientId,
  patientReferences,
  refersTo,
  SAVED,
  savedSearch,
  searchType,
  send,
  UNKNOWN_PARAM,
} from './support.js';

export const search: TestDefinition[] = [
  {
    id: 'search-by-patient-searchset',
    title: 'A search by patient returns 200 and a Bundle of type searchset',
    description:
      'A search GET [base]/[type]?patient=[id] answers 200 with a Bundle whose type is "searchset" holding the matches (FHIR R4 search.html; Bundle.type).',
    verifies: ['FC-SEARCH-01'],
    makes: [SAVED.searchByPatient, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery],
    tags: ['search'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const type = searchType(t);
      const res = await send(t, `${type}?patient=${encodeURIComponent(id)}`, { name: SAVED.searchByPatient });
      t.save(SAVED.searchByPatient, res);
      assertStatus(res, 200, '200 and a searchset Bundle');
      assertBundle(res, 'searchset');
    },
  },
  {
    id: 'search-by-patient-matches-belong',
    title: 'Every match of a search by patient refers to that patient',
    description:
      'A reference search parameter such as patient=[id] matches only resources whose reference points at that resource, so every match of the search refers to Patient/[id] through its subject or patient element (FHIR R4 search.html#reference).',
    verifies: ['FC-SEARCH-02'],
    makes: [SAVED.patientDiscovery],
    uses: [SAVED.searchByPatient, SAVED.patientDiscovery],
    tags: ['search'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t);
      const id = await patientId(t);
      const type = searchType(t);
      const found = matches(bundle, type);
      if (found.length === 0) {
        t.skip(
          `${label(res)} returned no ${type}, so there is nothing to check (set testData.patientId to a patient that has ${type} resources)`,
        );
      }
      const strangers = found
        .filter((m) => !patientReferences(m).some((ref) => refersTo(ref, 'Patient', id)))
        .map((m) => {
          const refs = patientReferences(m);
          return `${type}/${m.id ?? '(no id)'} refers to ${refs.length ? refs.join(', ') : 'no patient (no subject or patient reference)'}`;
        });
      ensure(
        strangers.length === 0,
        `${label(res)}: expected every matched ${type} to refer to Patient/${id}, but ${strangers.length} of ${found.length} do not: ${listed(strangers)}`,
      );
    },
  },
  {
    id: 'search-entries-fullurl-mode',
    title: 'Every searchset entry carries fullUrl and search.mode',
    description:
      'Each entry of a searchset Bundle carries fullUrl, the absolute URL of the resource consistent with its id, and search.mode saying whether it is a match or an include (FHIR R4 bundle.html, search.html#Summary).',
    verifies: ['FC-SEARCH-03'],
    uses: [SAVED.searchByPatient],
    tags: ['search'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t);
      const entries: BundleEntry[] = bundle.entry ?? [];
      if (entries.length === 0)
        t.skip(
          `${label(res)} returned no entries, so there is nothing to check (set testData.patientId to a patient with ${searchType(t)} resources)`,
        );
      const problems: string[] = [];
      entries.forEach((entry, i) => {
        const r = entry.resource;
        const what = `entry[${i}]${r ? ` (${r.resourceType}/${r.id ?? '(no id)'})` : ''}`;
        if (!entry.fullUrl) problems.push(`${what} has no fullUrl`);
        else if (/\/_history\//.test(entry.fullUrl))
          problems.push(`${what} has a version-specific fullUrl ${entry.fullUrl}`);
        else if (r?.id && !entry.fullUrl.startsWith('urn:') && !entry.fullUrl.endsWith(`/${r.resourceType}/${r.id}`)) {
          problems.push(`${what} has fullUrl ${entry.fullUrl}, which does not end with ${r.resourceType}/${r.id}`);
        }
        const mode = entry.search?.mode;
        const allowed = r?.resourceType === 'OperationOutcome' ? ['match', 'include', 'outcome'] : ['match', 'include'];
        if (!mode) problems.push(`${what} has no search.mode`);
        else if (!allowed.includes(mode)) problems.push(`${what} has search.mode ${quoted(mode)}`);
      });
      ensure(
        problems.length === 0,
        `${label(res)}: expected every entry to carry fullUrl and search.mode (match or include), but ${listed(problems)}`,
      );
    },
  },
  {
    id: 'search-count-limits-page',
    title: 'The _count parameter limits the number of matches per page',
    description:
      '_count=[n] asks the server to return at most n matches per page; further matches are reached through the paging links (FHIR R4 search.html#count).',
    verifies: ['FC-SEARCH-04'],
    makes: [SAVED.countPage, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery, SAVED.searchByPatient],
    tags: ['search', 'paging'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const type = searchType(t);
      const res = await send(t, `${type}?patient=${encodeURIComponent(id)}&_count=${PAGE_SIZE}`, {
        name: SAVED.countPage,
      });
      t.save(SAVED.countPage, res);
      const bundle = resourceOf(res);
      if (res.status !== 200 || bundle?.resourceType !== 'Bundle') {
        const plain = savedIfMade(t, SAVED.searchByPatient);
        if (plain?.status !== 200)
          t.skip(
            `the search by patient without _count failed too (see FC-SEARCH-01); with _count it answered ${whatCameBack(res)}`,
          );
        failCheck(`${label(res)}: expected 200 and a Bundle of at most ${PAGE_SIZE} matches, got ${whatCameBack(res)}`);
      }
      const n = matches(bundle, type).length;
      ensure(
        n <= PAGE_SIZE,
        `${label(res)}: expected at most ${PAGE_SIZE} matches in the page, got ${n}${typeof bundle.total === 'number' ? ` (Bundle.total ${bundle.total})` : ''}`,
      );
      const plain = savedIfMade(t, SAVED.searchByPatient);
      const plainBundle = plain ? resourceOfQuietly(plain) : undefined;
      const plainCount = plainBundle?.resourceType === 'Bundle' ? matches(plainBundle, type).length : 0;
      const more =
        (typeof bundle.total === 'number' && bundle.total > n) ||
        linkOf(bundle, 'next') !== undefined ||
        plainCount > n;
      if (!more) {
        t.skip(
          `the patient has only ${n} ${type} match(es), so a limit of ${PAGE_SIZE} cannot be observed (set testData.patientId to a patient with at least ${PAGE_SIZE + 1})`,
        );
      }
    },
  },
  {
    id: 'paging-next-link',
    title: 'When more matches remain, the page carries a next link and a self link',
    description:
      'A server that splits search results into pages links each page to the following one with Bundle.link relation "next", and identifies the page itself with relation "self" (FHIR R4 http.html#paging).',
    verifies: ['FC-PAGE-01'],
    uses: [SAVED.countPage],
    tags: ['paging'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t, SAVED.countPage, 'FC-SEARCH-04');
      const type = searchType(t);
      const n = matches(bundle, type).length;
      const next = linkOf(bundle, 'next');
      const relations = (bundle.link ?? []).map((l) => l.relation ?? '?');
      const links = relations.length ? `links ${JSON.stringify(relations)}` : 'no Bundle.link';
      if (!next) {
        const known = knownMatchCount(t, bundle, type);
        if (!known)
          t.skip(`${label(res)} has no next link and no Bundle.total, so whether matches remain cannot be told`);
        const remaining = known.count - n;
        ensure(
          remaining <= 0,
          `${label(res)}: the page holds ${n} match(es) and ${remaining} more remain (${known.source}), so it must carry a Bundle.link with relation "next"; got ${links}`,
        );
        t.skip(`all ${n} match(es) fit in the first page of ${PAGE_SIZE}: nothing remains to link to`);
      }
      ensure(
        linkOf(bundle, 'self'),
        `${label(res)}: expected a Bundle.link with relation "self" next to the "next" link, got ${links}`,
      );
    },
  },
  {
    id: 'paging-every-match-once',
    title: 'Following the next links yields every match exactly once',
    description:
      'Following the "next" links from the first page to the last visits every match of the search once: no match is repeated on a later page, and the matches seen add up to the number of matches of the search (Bundle.total, or the same search without _count when it fits in one page) (FHIR R4 http.html#paging).',
    verifies: ['FC-PAGE-02'],
    uses: [SAVED.countPage],
    tags: ['paging'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t, SAVED.countPage, 'FC-SEARCH-04');
      const type = searchType(t);
      const known = knownMatchCount(t, bundle, type);
      const firstCount = matches(bundle, type).length;
      if (!linkOf(bundle, 'next') && known && firstCount < known.count) {
        t.skip(
          `${label(res)} holds ${firstCount} of ${known.count} matches (${known.source}) but has no next link to follow (see FC-PAGE-01)`,
        );
      }
      const start = label(res);
      const seen = new Map<string, number>();
      const repeats: string[] = [];
      const visit = (page: Bundle, pageNo: number): void => {
        for (const entry of page.entry ?? []) {
          const r = entry.resource;
          if (r?.resourceType !== type || entry.search?.mode === 'include' || entry.search?.mode === 'outcome')
            continue;
          const key = r.id ? `${type}/${r.id}` : (entry.fullUrl ?? `(entry without id on page ${pageNo})`);
          const first = seen.get(key);
          if (first !== undefined) repeats.push(`${key} on page ${first} and again on page ${pageNo}`);
          else seen.set(key, pageNo);
        }
      };
      visit(bundle, 1);
      const visited = new Set([res.url]);
      let pages = 1;
      let next = linkOf(bundle, 'next');
      let capped = false;
      while (next && repeats.length === 0) {
        if (pages >= MAX_PAGES) {
          capped = true;
          break;
        }
        const url = new URL(next, res.url).href;
        refuseOffOrigin(t.http, url);
        ensure(
          !visited.has(url),
          `following the next links from ${start}: page ${pages} links back to ${relativeUrl(url, t.target.baseUrl)}, a page already read, so the paging never ends`,
        );
        visited.add(url);
        const page = await send(t, url);
        pages += 1;
        const pageBundle = resourceOf(page);
        ensure(
          page.status === 200 && pageBundle?.resourceType === 'Bundle',
          `following the next links from ${start}: page ${pages} (${label(page)}) should answer 200 with a Bundle, got ${whatCameBack(page)}`,
        );
        visit(pageBundle, pages);
        next = linkOf(pageBundle, 'next');
      }
      ensure(
        repeats.length === 0,
        `following the next links from ${start}: expected each match exactly once, but ${listed(repeats)}`,
      );
      if (capped) {
        t.info(
          `stopped after ${MAX_PAGES} pages (${seen.size} distinct matches, none repeated); the rest of the results was not read`,
        );
        return;
      }
      if (known) {
        ensure(
          seen.size === known.count,
          `following the next links from ${start}: expected ${known.count} match(es) (${known.source}), got ${seen.size} distinct match(es) over ${pages} page(s)`,
        );
      } else {
        t.info(
          `${seen.size} distinct match(es) over ${pages} page(s), none repeated; there is no Bundle.total nor single-page search to compare the count with`,
        );
      }
    },
  },
  {
    id: 'search-unknown-param-strict-400',
    title: 'With Prefer: handling=strict, an unknown search parameter is refused with 400',
    description:
      'A client asking for strict handling (Prefer: handling=strict) wants the server to reject a search parameter it does not know with an error rather than ignore it; the server answers 400 Bad Request (FHIR R4 search.html#errors).',
    verifies: ['FC-SEARCH-05'],
    makes: [SAVED.unknownParam],
    tags: ['search', 'errors'],
    async run(t: TestContext) {
      const res = await send(t, `Patient?${UNKNOWN_PARAM}=1`, {
        headers: { prefer: 'handling=strict' },
        name: SAVED.unknownParam,
      });
      t.save(SAVED.unknownParam, res);
      assertStatus(
        res,
        400,
        `400 Bad Request for the unknown parameter ${UNKNOWN_PARAM} (with Prefer: handling=strict)`,
      );
    },
  },
  {
    id: 'search-malformed-date-400',
    title: 'A malformed date search value is refused with 400',
    description:
      'A date search parameter takes a FHIR date or dateTime, optionally prefixed (eq, lt, ge...); a value that is not a date cannot be processed and the search fails with 400 Bad Request (FHIR R4 search.html#date and search.html#errors).',
    verifies: ['FC-SEARCH-06'],
    makes: [SAVED.malformedDate],
    tags: ['search', 'errors'],
    async run(t: TestContext) {
      const res = await send(t, 'Patient?birthdate=not-a-date', { name: SAVED.malformedDate });
      t.save(SAVED.malformedDate, res);
      assertStatus(res, 400, '400 Bad Request for the malformed date "not-a-date"');
    },
  },
];
