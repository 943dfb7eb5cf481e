/**
 * Links in a narrative, as the Java validator's InstanceValidator.checkReferences
 * and checkImageSources: an `<a href>` must not be empty; `#fragment` must name
 * exactly one target in the resource (an element or resource id, an XHTML `id`,
 * an `<a name>`; else in the enclosing Bundle), none is an error, several a
 * warning; an absolute URL must not use an active scheme (vbscript: here,
 * javascript: is xhtml.ts's) nor a non-linkable one (urn:, cid:). An
 * `<img src="#…">` must name exactly one id. Relative links are not resolved
 * (Java: "can't validate at this point"). Every href and src must be a
 * well-formed url (xhtml-urls.ts, Java's XhtmlValidator.checkUrls).
 */
import type { LocalizedText } from '../util/i18n.js';
import { type IssueSeverity, issueOf, type ValidationIssue } from './issues.js';
import { isAbsoluteUrl } from './java-urls.js';
import { im as msg } from './messages.js';
import { ATTR, TAG_NAME_AND_ATTRIBUTES } from './xhtml.js';
import { urlProblem } from './xhtml-urls.js';

type Json = Record<string, unknown>;

// xhtml.ts's start tag, with the end tag's slash before it and the empty element's after it.
const TAG = new RegExp(`<(\\/?)${TAG_NAME_AND_ATTRIBUTES}(\\/?)>`, 'g');

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
  });
}

function attributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  const attr = new RegExp(ATTR.source, 'g');
  let a: RegExpExecArray | null;
  while ((a = attr.exec(raw))) {
    const v = a[2] ?? '';
    out.set((a[1] as string).toLowerCase(), decode(v.replace(/^["']|["']$/g, '')));
  }
  return out;
}

/** Targets a fragment may name: ids of elements and resources, XHTML ids and `<a name>`s, by value. */
function targetsOf(root: Json): Map<string, number> {
  const counts = new Map<string, number>();
  const see = (k: string): void => {
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Json;
    if (typeof o.id === 'string') see(o.id);
    for (const key in o) {
      const x = o[key];
      if (key === 'div' && typeof x === 'string') {
        const tag = new RegExp(TAG.source, 'g');
        let t: RegExpExecArray | null;
        while ((t = tag.exec(x))) {
          if (t[1]) continue;
          const attrs = attributes(t[3] ?? '');
          const id = attrs.get('id');
          if (id !== undefined) see(id);
          const name = attrs.get('name');
          if (name !== undefined && (t[2] as string).toLowerCase() === 'a') see(name);
        }
      } else if (typeof x === 'object') visit(x);
    }
  };
  visit(root);
  return counts;
}

/** Problems of the links in one narrative div (`path` is the div's). */
export function narrativeLinkProblems(
  div: string,
  path: string,
  resource: Json,
  bundle: Json | undefined,
): ValidationIssue[] {
  if (!div.includes('href') && !div.includes('src')) return [];
  const out: ValidationIssue[] = [];
  const add = (severity: IssueSeverity, text: LocalizedText): void => {
    out.push(issueOf(severity, 'invalid', path, text));
  };
  let own: Map<string, number> | undefined;
  let outer: Map<string, number> | undefined;
  // Java counts in the resource, then (nothing found) in the enclosing Bundle.
  const count = (frag: string): number => {
    own ??= targetsOf(resource);
    const n = own.get(frag) ?? 0;
    if (n || !bundle) return n;
    outer ??= targetsOf(bundle);
    return outer.get(frag) ?? 0;
  };
  const stack: string[] = [];
  const tag = new RegExp(TAG.source, 'g');
  let t: RegExpExecArray | null;
  while ((t = tag.exec(div))) {
    const name = (t[2] as string).toLowerCase();
    if (t[1]) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    const selfClosing = !!t[4];
    const xpath = [...stack, name].join('/');
    if (!selfClosing) stack.push(name);
    if (name !== 'a' && name !== 'img') continue;
    const attrs = attributes(t[3] ?? '');
    const end = tag.lastIndex;
    const url = attrs.get(name === 'a' ? 'href' : 'src');
    const bad = url === undefined ? undefined : urlProblem(url);
    if (bad) add('error', msg.xhtmlUrlInvalid({ url: url as string, reason: bad }));
    if (name === 'img') {
      const src = url;
      if (src === undefined || !src.startsWith('#')) continue;
      const n = count(src.slice(1));
      // Java builds this path from the element's, not the XHTML's.
      if (n === 0) add('error', msg.xhtmlImageUnresolved({ src, at: `${path}/img` }));
      else if (n > 1) add('error', msg.xhtmlImageMultiple({ src, at: `${path}/img` }));
      continue;
    }
    const href = attrs.get('href');
    if (href === undefined) continue;
    const close = selfClosing ? end : div.indexOf('</a', end);
    const text = decode((close < 0 ? '' : div.slice(end, close)).replace(/<[^>]*>/g, ''))
      .replace(/\r?\n/g, ' ')
      .trim();
    if (href === '') {
      add('error', msg.xhtmlLinkEmpty({ at: xpath, text }));
    } else if (href.startsWith('#') && href !== '#') {
      const n = count(href.slice(1));
      if (n === 0) add('error', msg.xhtmlLinkUnresolved({ href, at: xpath, text }));
      else if (n > 1) add('warning', msg.xhtmlLinkMultiple({ href, at: xpath, text, targets: String(n) }));
    } else if (isAbsoluteUrl(href)) {
      const scheme = href.slice(0, href.indexOf(':'));
      if (scheme === 'vbscript') add('error', msg.xhtmlLinkActive({ scheme, href, at: xpath, text }));
      else if (scheme === 'urn' || scheme === 'cid')
        add('error', msg.xhtmlLinkLiteral({ scheme, href, at: xpath, text }));
    }
  }
  return out;
}
