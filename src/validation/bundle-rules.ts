/**
 * Bundle rules of the Java validator's BundleValidator beside message-bundle.ts:
 * the links a Bundle type allows (validateLink: paging links only in search
 * sets and histories, each paging or self link once) and the entries of a
 * searchset (checkSearchSet: a search mode on every entry or none, match and
 * include entries with ids, match entries of the types the self link searched,
 * outcome entries OperationOutcomes). Severities are Java's: its hints are left
 * out.
 */
import type { LocalizedText } from '../util/i18n.js';
import { type IssueSeverity, issueOf, type ValidationIssue } from './issues.js';
import { isAbsoluteUrl } from './java-urls.js';
import { bm, m } from './messages.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const PAGING = new Set(['first', 'previous', 'next', 'last']);
const LINKED_TYPES = new Set([
  'document',
  'message',
  'collection',
  'subscription-notification',
  'transaction',
  'transaction-response',
  'batch',
  'batch-response',
]);

/** Link rules by Bundle type (BundleValidator.validateLink). */
export function bundleLinkProblems(bundle: Json, path: string): ValidationIssue[] {
  const links = Array.isArray(bundle.link) ? bundle.link : [];
  if (!links.length) return [];
  const type = typeof bundle.type === 'string' ? bundle.type : '';
  const search = type === 'searchset' || type === 'history';
  if (!search && !LINKED_TYPES.has(type)) return [];
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  links.forEach((l, i) => {
    const rel = isObject(l) && typeof l.relation === 'string' ? l.relation : undefined;
    if (rel === undefined) return;
    const once = rel === 'self' || (search && PAGING.has(rel));
    // Java complains once per repeat, at the later link.
    if (once && seen.has(rel))
      out.push(
        issueOf(
          'error',
          'invalid',
          search ? `${path}.link[${i}]` : `${path}.link[${i}].relation`,
          m.linkOnce({ relation: rel }),
        ),
      );
    seen.add(rel);
    if (!search && PAGING.has(rel))
      out.push(issueOf('error', 'invalid', `${path}.link[${i}].relation`, bm.linkSearchOnly({ relation: rel })));
  });
  return out;
}

/** A RESTful url (Java's URI_REGEX_XVER): optional server base, a type, an id, an optional version. */
const RESTFUL =
  /^(?:https?:\/\/(?:[A-Za-z0-9\\.:%$_-]*\/)*?)?([A-Za-z]+)\/[A-Za-z0-9.-]{1,64}(?:\/_history\/[A-Za-z0-9.-]{1,64})?$/;

/** Entry fullUrls (BundleValidator.validateBundle): absolute, and a RESTful one ends with the resource's type and id. */
export function entryFullUrlProblems(
  bundle: Json,
  path: string,
  isResourceType: (t: string) => boolean,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  entries.forEach((e, i) => {
    if (!isObject(e) || typeof e.fullUrl !== 'string' || e.fullUrl === '') return;
    const fullUrl = e.fullUrl;
    const ep = `${path}.entry[${i}]`;
    if (!isAbsoluteUrl(fullUrl)) {
      out.push(issueOf('error', 'invalid', ep, m.fullUrlRelative({ url: fullUrl })));
      return;
    }
    const res = e.resource;
    const t = RESTFUL.exec(fullUrl)?.[1];
    if (!isObject(res) || typeof res.resourceType !== 'string' || !t || !isResourceType(t)) return;
    const id = res.id;
    if (typeof id !== 'string') out.push(issueOf('error', 'invalid', ep, bm.fullUrlNoId({ url: fullUrl })));
    else if (!fullUrl.endsWith(`/${res.resourceType}/${id}`))
      out.push(issueOf('error', 'invalid', ep, bm.fullUrlTypeId({ url: fullUrl, type: res.resourceType, id })));
  });
  return out;
}

/** The resource types a search url names (BundleValidator.readSearchResourceTypes). */
function searchedTypes(url: string, isResourceType: (t: string) => boolean): string[] {
  const q = url.indexOf('?');
  const head = (q < 0 ? url : url.slice(0, q)).split('/');
  const last = head[head.length - 1] ?? '';
  if (isResourceType(last)) return [last];
  if (q < 0) return [];
  const types: string[] = [];
  for (const p of url.slice(q + 1).split('&')) if (p.startsWith('_type=')) types.push(...p.slice(6).split(','));
  return types;
}

/** Entry rules of a searchset Bundle (BundleValidator.checkSearchSet). */
export function searchSetProblems(
  bundle: Json,
  path: string,
  isResourceType: (t: string) => boolean,
): ValidationIssue[] {
  const entries = (Array.isArray(bundle.entry) ? bundle.entry : []).map((e) => (isObject(e) ? e : {}));
  // Java checks a searchset only when it has entries.
  if (!entries.length) return [];
  const out: ValidationIssue[] = [];
  const add = (severity: IssueSeverity, at: string, text: LocalizedText): void => {
    out.push(issueOf(severity, 'invalid', at, text));
  };
  const links = Array.isArray(bundle.link) ? bundle.link : [];
  const self = links.find((l): l is Json => isObject(l) && l.relation === 'self');
  const types = self && typeof self.url === 'string' ? searchedTypes(self.url, isResourceType) : [];
  if (!self) add('warning', path, bm.searchNoSelf());
  const modeOf = (e: Json): string | undefined =>
    isObject(e.search) && typeof e.search.mode === 'string' ? e.search.mode : undefined;
  const withMode = entries.filter((e) => modeOf(e) !== undefined).length;
  const typeList = `[${types.join(', ')}]`;
  if (withMode === 0) {
    // No entry says its mode: the types must agree for the entries to read as matches.
    let typeProblem = false;
    let first: string | undefined;
    entries.forEach((e, i) => {
      const ep = `${path}.entry[${i}]`;
      const res = e.resource;
      if (!isObject(res)) {
        add('error', ep, bm.searchEntryNoResource());
        return;
      }
      const rt = String(res.resourceType);
      if (!types.length) {
        typeProblem = true;
        if (res.id === undefined && rt !== 'OperationOutcome') add('warning', `${ep}.resource`, bm.searchEntryNoId());
      } else if (types.includes(rt)) {
        if (rt !== 'OperationOutcome') {
          if (res.id === undefined) add('warning', `${ep}.resource`, bm.searchEntryNoId());
          if (first !== undefined && rt !== first) typeProblem = true;
          first ??= rt;
        }
      } else {
        typeProblem = true;
        add('warning', ep, bm.searchEntryWrongTypeNoMode({ type: rt, expected: typeList }));
      }
    });
    if (typeProblem) add('warning', path, bm.searchNoMode());
    return out;
  }
  entries.forEach((e, i) => {
    const ep = `${path}.entry[${i}]`;
    const mode = modeOf(e);
    if (mode === undefined) add('warning', ep, bm.searchNoMode());
    const res = e.resource;
    if (!isObject(res)) {
      add('error', ep, bm.searchEntryNoResource());
      return;
    }
    const rt = String(res.resourceType);
    if (mode === 'match' || mode === 'include') {
      if (res.id === undefined) add('error', `${ep}.resource`, bm.searchEntryNoId());
      if (mode === 'match' && types.length && !types.includes(rt))
        add('error', `${ep}.resource`, bm.searchEntryWrongType({ type: rt, expected: typeList }));
    } else if (mode !== undefined && rt !== 'OperationOutcome') {
      add('error', `${ep}.resource`, bm.searchEntryNotOutcome({ type: rt }));
    }
  });
  return out;
}
