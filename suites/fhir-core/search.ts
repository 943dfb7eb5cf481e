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
  listedTexts,
  matches,
  quoted,
  relativeUrl,
  resourceOf,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import type { LocalizedText } from '../../src/util/i18n.js';
import { m } from './messages.js';
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
    title: {
      en: 'A search by patient returns 200 and a Bundle of type searchset',
      fr: 'Une recherche par patient renvoie 200 et un Bundle de type searchset',
    },
    description: {
      en: 'A search GET [base]/[type]?patient=[id] answers 200 with a Bundle whose type is "searchset" holding the matches (FHIR R4 search.html; Bundle.type).',
      fr: 'Une recherche GET [base]/[type]?patient=[id] répond 200 avec un Bundle de type "searchset" qui contient les résultats (FHIR R4 search.html ; Bundle.type).',
    },
    verifies: ['FC-SEARCH-01'],
    makes: [SAVED.searchByPatient, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery],
    tags: ['search'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const type = searchType(t);
      const res = await send(t, `${type}?patient=${encodeURIComponent(id)}`, { name: SAVED.searchByPatient });
      t.save(SAVED.searchByPatient, res);
      assertStatus(res, 200, m.twoAndSearchset());
      assertBundle(res, 'searchset');
    },
  },
  {
    id: 'search-by-patient-matches-belong',
    title: {
      en: 'Every match of a search by patient refers to that patient',
      fr: 'Chaque résultat d’une recherche par patient renvoie à ce patient',
    },
    description: {
      en: 'A reference search parameter such as patient=[id] matches only resources whose reference points at that resource, so every match of the search refers to Patient/[id] through its subject or patient element (FHIR R4 search.html#reference).',
      fr: 'Un paramètre de recherche de type référence comme patient=[id] ne trouve que les ressources dont la référence pointe vers cette ressource : chaque résultat renvoie donc à Patient/[id] par son élément subject ou patient (FHIR R4 search.html#reference).',
    },
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
        t.skip(m.nothingMatched({ request: label(res), type }));
      }
      const strangers = found
        .filter((r) => !patientReferences(r).some((ref) => refersTo(ref, 'Patient', id)))
        .map((r) => {
          const refs = patientReferences(r);
          return m.refersTo({
            resource: `${type}/${r.id ?? '?'}`,
            refs: refs.length ? refs.join(', ') : m.noPatientRef(),
          });
        });
      ensure(
        strangers.length === 0,
        m.strangers({
          request: label(res),
          type,
          id,
          count: strangers.length,
          total: found.length,
          listed: listedTexts(strangers),
        }),
      );
    },
  },
  {
    id: 'search-entries-fullurl-mode',
    title: {
      en: 'Every searchset entry carries fullUrl and search.mode',
      fr: 'Chaque entrée d’un searchset porte fullUrl et search.mode',
    },
    description: {
      en: 'Each entry of a searchset Bundle carries fullUrl, the absolute URL of the resource consistent with its id, and search.mode saying whether it is a match or an include (FHIR R4 bundle.html, search.html#Summary).',
      fr: 'Chaque entrée d’un Bundle searchset porte fullUrl, l’URL absolue de la ressource cohérente avec son id, et search.mode qui dit s’il s’agit d’un résultat (match) ou d’une inclusion (include) (FHIR R4 bundle.html, search.html#Summary).',
    },
    verifies: ['FC-SEARCH-03'],
    uses: [SAVED.searchByPatient],
    tags: ['search'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t);
      const entries: BundleEntry[] = bundle.entry ?? [];
      if (entries.length === 0) t.skip(m.noEntries({ request: label(res), type: searchType(t) }));
      const problems: LocalizedText[] = [];
      entries.forEach((entry, i) => {
        const r = entry.resource;
        const what = `entry[${i}]${r ? ` (${r.resourceType}/${r.id ?? '?'})` : ''}`;
        if (!entry.fullUrl) problems.push(m.noFullUrl({ entry: what }));
        else if (/\/_history\//.test(entry.fullUrl))
          problems.push(m.versionedFullUrl({ entry: what, url: entry.fullUrl }));
        else if (r?.id && !entry.fullUrl.startsWith('urn:') && !entry.fullUrl.endsWith(`/${r.resourceType}/${r.id}`)) {
          problems.push(m.fullUrlMismatch({ entry: what, url: entry.fullUrl, expected: `${r.resourceType}/${r.id}` }));
        }
        const mode = entry.search?.mode;
        const allowed = r?.resourceType === 'OperationOutcome' ? ['match', 'include', 'outcome'] : ['match', 'include'];
        if (!mode) problems.push(m.noSearchMode({ entry: what }));
        else if (!allowed.includes(mode)) problems.push(m.badSearchMode({ entry: what, mode: quoted(mode) }));
      });
      ensure(problems.length === 0, m.entryProblems({ request: label(res), listed: listedTexts(problems) }));
    },
  },
  {
    id: 'search-count-limits-page',
    title: {
      en: 'The _count parameter limits the number of matches per page',
      fr: 'Le paramètre _count limite le nombre de résultats par page',
    },
    description: {
      en: '_count=[n] asks the server to return at most n matches per page; further matches are reached through the paging links (FHIR R4 search.html#count).',
      fr: '_count=[n] demande au serveur de renvoyer au plus n résultats par page ; les résultats suivants s’obtiennent par les liens de pagination (FHIR R4 search.html#count).',
    },
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
        if (plain?.status !== 200) t.skip(m.countSearchFailedToo({ got: whatCameBack(res) }));
        failCheck(m.countPageFailed({ request: label(res), size: PAGE_SIZE, got: whatCameBack(res) }));
      }
      const n = matches(bundle, type).length;
      ensure(
        n <= PAGE_SIZE,
        m.countExceeded({
          request: label(res),
          size: PAGE_SIZE,
          count: n,
          total: typeof bundle.total === 'number' ? m.withTotal({ total: bundle.total }) : '',
        }),
      );
      const plain = savedIfMade(t, SAVED.searchByPatient);
      const plainBundle = plain ? resourceOfQuietly(plain) : undefined;
      const plainCount = plainBundle?.resourceType === 'Bundle' ? matches(plainBundle, type).length : 0;
      const more =
        (typeof bundle.total === 'number' && bundle.total > n) ||
        linkOf(bundle, 'next') !== undefined ||
        plainCount > n;
      if (!more) {
        t.skip(m.tooFewMatches({ count: n, type, size: PAGE_SIZE, more: PAGE_SIZE + 1 }));
      }
    },
  },
  {
    id: 'paging-next-link',
    title: {
      en: 'When more matches remain, the page carries a next link and a self link',
      fr: 'Quand il reste des résultats, la page porte un lien next et un lien self',
    },
    description: {
      en: 'A server that splits search results into pages links each page to the following one with Bundle.link relation "next", and identifies the page itself with relation "self" (FHIR R4 http.html#paging).',
      fr: 'Un serveur qui découpe les résultats en pages relie chaque page à la suivante par un Bundle.link de relation "next", et identifie la page elle-même par la relation "self" (FHIR R4 http.html#paging).',
    },
    verifies: ['FC-PAGE-01'],
    uses: [SAVED.countPage],
    tags: ['paging'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t, SAVED.countPage, 'FC-SEARCH-04');
      const type = searchType(t);
      const n = matches(bundle, type).length;
      const next = linkOf(bundle, 'next');
      const relations = (bundle.link ?? []).map((l) => l.relation ?? '?');
      const links = relations.length ? m.links({ relations: JSON.stringify(relations) }) : m.noLinks();
      if (!next) {
        const known = knownMatchCount(t, bundle, type);
        if (!known) t.skip(m.remainingUnknown({ request: label(res) }));
        const remaining = known.count - n;
        ensure(
          remaining <= 0,
          m.nextMissing({ request: label(res), count: n, remaining, source: known.source, links }),
        );
        t.skip(m.allFit({ count: n, size: PAGE_SIZE }));
      }
      ensure(linkOf(bundle, 'self'), m.selfMissing({ request: label(res), links }));
    },
  },
  {
    id: 'paging-every-match-once',
    title: {
      en: 'Following the next links yields every match exactly once',
      fr: 'Suivre les liens next donne chaque résultat exactement une fois',
    },
    description: {
      en: 'Following the "next" links from the first page to the last visits every match of the search once: no match is repeated on a later page, and the matches seen add up to the number of matches of the search (Bundle.total, or the same search without _count when it fits in one page) (FHIR R4 http.html#paging).',
      fr: 'Suivre les liens "next" de la première page à la dernière passe une fois par chaque résultat de la recherche : aucun résultat n’est répété sur une page suivante, et le total des résultats vus égale le nombre de résultats de la recherche (Bundle.total, ou la même recherche sans _count si elle tient en une page) (FHIR R4 http.html#paging).',
    },
    verifies: ['FC-PAGE-02'],
    uses: [SAVED.countPage],
    tags: ['paging'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t, SAVED.countPage, 'FC-SEARCH-04');
      const type = searchType(t);
      const known = knownMatchCount(t, bundle, type);
      const firstCount = matches(bundle, type).length;
      if (!linkOf(bundle, 'next') && known && firstCount < known.count) {
        t.skip(m.noNextToFollow({ request: label(res), count: firstCount, total: known.count, source: known.source }));
      }
      const start = label(res);
      const seen = new Map<string, number>();
      const repeats: LocalizedText[] = [];
      const visit = (page: Bundle, pageNo: number): void => {
        for (const entry of page.entry ?? []) {
          const r = entry.resource;
          if (r?.resourceType !== type || entry.search?.mode === 'include' || entry.search?.mode === 'outcome')
            continue;
          const key = r.id ? `${type}/${r.id}` : (entry.fullUrl ?? `?${pageNo}`);
          const first = seen.get(key);
          const shown = r.id || entry.fullUrl ? key : m.entryWithoutId({ page: pageNo });
          if (first !== undefined) repeats.push(m.repeated({ key: shown, first, page: pageNo }));
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
        ensure(!visited.has(url), m.pagingLoops({ start, page: pages, url: relativeUrl(url, t.target.baseUrl) }));
        visited.add(url);
        const page = await send(t, url);
        pages += 1;
        const pageBundle = resourceOf(page);
        ensure(
          page.status === 200 && pageBundle?.resourceType === 'Bundle',
          m.pageFailed({ start, page: pages, request: label(page), got: whatCameBack(page) }),
        );
        visit(pageBundle, pages);
        next = linkOf(pageBundle, 'next');
      }
      ensure(repeats.length === 0, m.repeats({ start, listed: listedTexts(repeats) }));
      if (capped) {
        t.info(m.pagingCapped({ pages: MAX_PAGES, count: seen.size }));
        return;
      }
      if (known) {
        ensure(
          seen.size === known.count,
          m.pagingCount({ start, expected: known.count, source: known.source, count: seen.size, pages }),
        );
      } else {
        t.info(m.pagingUncounted({ count: seen.size, pages }));
      }
    },
  },
  {
    id: 'search-unknown-param-strict-400',
    title: {
      en: 'With Prefer: handling=strict, an unknown search parameter is refused with 400',
      fr: 'Avec Prefer: handling=strict, un paramètre de recherche inconnu est refusé par un 400',
    },
    description: {
      en: 'A client asking for strict handling (Prefer: handling=strict) wants the server to reject a search parameter it does not know with an error rather than ignore it; the server answers 400 Bad Request (FHIR R4 search.html#errors).',
      fr: 'Un client qui demande un traitement strict (Prefer: handling=strict) veut que le serveur rejette par une erreur un paramètre de recherche qu’il ne connaît pas, plutôt que de l’ignorer ; le serveur répond 400 Bad Request (FHIR R4 search.html#errors).',
    },
    verifies: ['FC-SEARCH-05'],
    makes: [SAVED.unknownParam],
    tags: ['search', 'errors'],
    async run(t: TestContext) {
      const res = await send(t, `Patient?${UNKNOWN_PARAM}=1`, {
        headers: { prefer: 'handling=strict' },
        name: SAVED.unknownParam,
      });
      t.save(SAVED.unknownParam, res);
      assertStatus(res, 400, m.unknownParam400({ param: UNKNOWN_PARAM }));
    },
  },
  {
    id: 'search-malformed-date-400',
    title: {
      en: 'A malformed date search value is refused with 400',
      fr: 'Une valeur de date mal formée dans une recherche est refusée par un 400',
    },
    description: {
      en: 'A date search parameter takes a FHIR date or dateTime, optionally prefixed (eq, lt, ge...); a value that is not a date cannot be processed and the search fails with 400 Bad Request (FHIR R4 search.html#date and search.html#errors).',
      fr: 'Un paramètre de recherche de type date prend une date ou un dateTime FHIR, avec un préfixe facultatif (eq, lt, ge…) ; une valeur qui n’est pas une date ne peut pas être traitée et la recherche échoue avec 400 Bad Request (FHIR R4 search.html#date et search.html#errors).',
    },
    verifies: ['FC-SEARCH-06'],
    makes: [SAVED.malformedDate],
    tags: ['search', 'errors'],
    async run(t: TestContext) {
      const res = await send(t, 'Patient?birthdate=not-a-date', { name: SAVED.malformedDate });
      t.save(SAVED.malformedDate, res);
      assertStatus(res, 400, m.malformedDate400());
    },
  },
];
