/**
 * A small safety check of narrative XHTML, as the Java validator does before
 * txt-1/txt-2 (which fhirpath.js's htmlChecks() evaluates): the root must be
 * a <div> in the XHTML namespace, with no scripts, forms, frames or event
 * handler attributes.
 */
import type { LocalizedText } from '../util/i18n.js';
import { m as msg } from './messages.js';

const FORBIDDEN = new Set([
  'script',
  'object',
  'applet',
  'embed',
  'iframe',
  'frame',
  'frameset',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'base',
  'link',
  'meta',
  'style',
  'head',
  'body',
  'html',
]);

// Global regexes kept at module level (one object, lastIndex reset per use) rather than one per call and per tag.
/** A start tag's name and its attributes (the source narrative-links.ts builds its tag pattern from). */
export const TAG_NAME_AND_ATTRIBUTES = String.raw`([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*`;
const TAG = new RegExp(`<${TAG_NAME_AND_ATTRIBUTES}\\/?>`, 'g');
/** One attribute: its name, then its value as written (quoted or not). */
export const ATTR = /\s([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

/** The narrative's problems (texts built only for what is wrong). */
export function checkXhtml(div: string): LocalizedText[] {
  const out: LocalizedText[] = [];
  const text = div.trim();
  const root = /^<([A-Za-z][\w:.-]*)([^>]*)>/.exec(text);
  if (!root) {
    out.push(msg.xhtmlNoDiv());
    return out;
  }
  if (root[1] !== 'div') out.push(msg.xhtmlRootName({ name: root[1] ?? '' }));
  else if (!/\sxmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/.test(root[2] ?? '')) {
    out.push(msg.xhtmlNamespace({ ns: /xmlns\s*=\s*["']([^"']*)["']/.exec(root[2] ?? '')?.[1] ?? '' }));
  }
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  let reported: Set<string> | undefined;
  while ((m = TAG.exec(text))) {
    const name = (m[1] as string).toLowerCase();
    if (FORBIDDEN.has(name) && !reported?.has(name)) {
      (reported ??= new Set()).add(name);
      out.push(msg.xhtmlElement({ name }));
    }
    const attrs = m[2];
    // Most tags have no attribute, and most attributes are neither on* nor a link: no further work for them.
    if (!attrs) continue;
    ATTR.lastIndex = 0;
    let a: RegExpExecArray | null;
    while ((a = ATTR.exec(attrs))) {
      const raw = a[1] as string;
      const c0 = raw.charCodeAt(0) | 32;
      if (c0 === 111 /* o */ && (raw.charCodeAt(1) | 32) === 110 /* n */) {
        out.push(msg.xhtmlAttribute({ attr: raw.toLowerCase(), name }));
        continue;
      }
      if (raw.length !== 3 && raw.length !== 4) continue;
      const an = raw.toLowerCase();
      if (an !== 'href' && an !== 'src') continue;
      const av = (a[2] ?? '')
        .replace(/^["']|["']$/g, '')
        .trim()
        .toLowerCase();
      if (av.startsWith('javascript:')) out.push(msg.xhtmlUrl({ attr: an, name }));
    }
  }
  return out;
}

// ------------------------------------------------------------------ txt-1 / txt-2
// R4's txt-1 and txt-2 are both `htmlChecks()`. A port of fhirpath.js 5.2's
// scanner (src/html-checks.js, checkHtml), same rules in the same order, so
// the verdict is fhirpath.js's without its node wrapping and context cloning
// (test/validation/xhtml-checks.test.ts compares both on the examples).

const ALLOWED_ELEMENTS = new Set([
  'p',
  'br',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'span',
  'b',
  'em',
  'i',
  'strong',
  'small',
  'big',
  'tt',
  'dfn',
  'q',
  'var',
  'abbr',
  'acronym',
  'cite',
  'blockquote',
  'hr',
  'address',
  'bdo',
  'kbd',
  'sub',
  'sup',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'pre',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tr',
  'tfoot',
  'tbody',
  'th',
  'td',
  'code',
  'samp',
  'img',
]);
const ALLOWED_ATTRS = new Set([
  'title',
  'style',
  'class',
  'id',
  'lang',
  'dir',
  'accesskey',
  'tabindex',
  'xmlns',
  'span',
  'align',
  'valign',
  'char',
  'charoff',
  'abbr',
  'axis',
  'headers',
  'scope',
  'rowspan',
  'colspan',
]);
const ALLOWED_ELEMENT_ATTRS = new Set([
  'a.href',
  'a.name',
  'img.src',
  'img.border',
  'img.alt',
  'img.longdesc',
  'img.height',
  'img.width',
  'blockquote.cite',
  'q.cite',
  'table.summary',
  'table.width',
  'table.border',
  'table.frame',
  'table.rules',
  'table.cellspacing',
  'table.cellpadding',
  'col.width',
  'colgroup.width',
  'th.width',
  'td.width',
  'td.nowrap',
]);
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const isXmlSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** XML 1.0 `Char`. */
function isXmlCodePoint(cp: number): boolean {
  return (
    cp === 9 ||
    cp === 10 ||
    cp === 13 ||
    (cp >= 32 && cp < 0xd800) ||
    (cp > 0xdfff && cp < 0xfffe) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** For a code unit below 0x20 or from 0xD800: extra units it takes (0, or 1 for a pair), -1 when not XML. */
function extraUnits(text: string, i: number, len: number): number {
  const c = text.charCodeAt(i);
  if (c < 32) return c === 9 || c === 10 || c === 13 ? 0 : -1;
  if (c <= 0xdbff) {
    const c2 = i + 1 < len ? text.charCodeAt(i + 1) : 0;
    return c2 >= 0xdc00 && c2 <= 0xdfff ? 1 : -1;
  }
  if (c <= 0xdfff) return -1;
  return c >= 0xfffe ? -1 : 0;
}

function xmlChars(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; ++i) {
    const c = text.charCodeAt(i);
    if (c < 32 || c >= 0xd800) {
      const extra = extraUnits(text, i, end);
      if (extra === -1) return false;
      i += extra;
    }
  }
  return true;
}

function isXhtmlNs(text: string, start: number, end: number): boolean {
  if (end - start !== XHTML_NS.length) return false;
  for (let i = 0; i < XHTML_NS.length; ++i) if (text.charCodeAt(start + i) !== XHTML_NS.charCodeAt(i)) return false;
  return true;
}

/** A character reference at `start` (an `&`): the index past its `;`, or -1. */
function charRef(text: string, start: number, end: number): number {
  let i = start + 1;
  if (i < end && text.charCodeAt(i) === 35 /* # */) {
    ++i;
    let cp = 0;
    let digitsStart: number;
    if (i < end && text.charCodeAt(i) === 120 /* x */) {
      digitsStart = ++i;
      for (;;) {
        const v = i < end ? hexValue(text.charCodeAt(i)) : -1;
        if (v === -1) break;
        cp = cp * 16 + v;
        if (cp > 0x10ffff) return -1;
        ++i;
      }
    } else {
      digitsStart = i;
      while (i < end && isDigit(text.charCodeAt(i))) {
        cp = cp * 10 + (text.charCodeAt(i) - 48);
        if (cp > 0x10ffff) return -1;
        ++i;
      }
    }
    if (i === digitsStart || !isXmlCodePoint(cp)) return -1;
  } else {
    const nameStart = i;
    while (i < end && isAlpha(text.charCodeAt(i))) ++i;
    if (i === nameStart || !XML_ENTITIES.has(text.substring(nameStart, i))) return -1;
  }
  return i < end && text.charCodeAt(i) === 59 /* ; */ ? i + 1 : -1;
}

/**
 * FHIRPath `htmlChecks()` on narrative XHTML: well-formed (matching tags,
 * quoted attribute values, XML characters and references, no PI, DOCTYPE or
 * CDATA), allowed elements and attributes, xmlns only the XHTML namespace,
 * some non-whitespace content. `fragment`: the text is a div's content.
 */
export function htmlChecks(text: string, fragment = false): boolean {
  const len = text.length;
  const stack: string[] = [];
  const attrNames: string[] = [];
  let rootSeen = false;
  let hasContent = false;
  let i = 0;
  while (i < len) {
    if (text.charCodeAt(i) !== 60 /* < */) {
      if (!fragment && stack.length === 0) {
        // Only whitespace outside the root element.
        while (i < len) {
          const c = text.charCodeAt(i);
          if (c === 60) break;
          if (!isXmlSpace(c)) return false;
          ++i;
        }
        continue;
      }
      while (i < len) {
        const c = text.charCodeAt(i);
        if (c > 32) {
          if (c === 60) break;
          if (c === 38 /* & */) {
            const next = charRef(text, i, len);
            if (next === -1) return false;
            hasContent = true;
            i = next;
            continue;
          }
          if (c === 93 /* ] */) {
            if (text.startsWith(']]>', i)) return false;
          } else if (c >= 0xd800) {
            const extra = extraUnits(text, i, len);
            if (extra === -1) return false;
            i += extra;
          }
          hasContent = true;
        } else if (!isXmlSpace(c)) return false;
        ++i;
      }
      continue;
    }
    const c1 = i + 1 < len ? text.charCodeAt(i + 1) : 0;
    if (c1 === 63 /* ? */) return false;
    if (c1 === 33 /* ! */) {
      if (!text.startsWith('<!--', i)) return false;
      if (!fragment && stack.length === 0) return false;
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return false;
      if (text.indexOf('--', i + 4) < end || !xmlChars(text, i + 4, end)) return false;
      i = end + 3;
      continue;
    }
    if (c1 === 47 /* / */) {
      let j = i + 2;
      const nameStart = j;
      while (j < len) {
        const c = text.charCodeAt(j);
        if (isXmlSpace(c) || c === 62) break;
        ++j;
      }
      const name = text.substring(nameStart, j);
      while (j < len && isXmlSpace(text.charCodeAt(j))) ++j;
      if (j >= len || text.charCodeAt(j) !== 62 /* > */) return false;
      if (stack.length === 0 || stack[stack.length - 1] !== name) return false;
      stack.pop();
      i = j + 1;
      continue;
    }
    // Start tag.
    let j = i + 1;
    const nameStart = j;
    while (j < len) {
      const c = text.charCodeAt(j);
      if (isXmlSpace(c) || c === 47 || c === 62) break;
      ++j;
    }
    if (j === nameStart) return false;
    const name = text.substring(nameStart, j);
    if (!ALLOWED_ELEMENTS.has(name)) return false;
    if (!fragment && stack.length === 0) {
      if (rootSeen || name !== 'div') return false;
      rootSeen = true;
    }
    attrNames.length = 0;
    let selfClosing = false;
    for (;;) {
      const wsStart = j;
      while (j < len && isXmlSpace(text.charCodeAt(j))) ++j;
      if (j >= len) return false;
      let c = text.charCodeAt(j);
      if (c === 62) {
        ++j;
        break;
      }
      if (c === 47) {
        ++j;
        if (j >= len || text.charCodeAt(j) !== 62) return false;
        ++j;
        selfClosing = true;
        break;
      }
      if (j === wsStart) return false; // whitespace before every attribute
      const attrStart = j;
      while (j < len) {
        c = text.charCodeAt(j);
        if (isXmlSpace(c) || c === 61 /* = */ || c === 47 || c === 62) break;
        ++j;
      }
      if (j === attrStart) return false;
      const attrName = text.substring(attrStart, j);
      if (
        !(ALLOWED_ATTRS.has(attrName) || ALLOWED_ELEMENT_ATTRS.has(`${name}.${attrName}`)) ||
        attrNames.includes(attrName)
      )
        return false;
      attrNames.push(attrName);
      while (j < len && isXmlSpace(text.charCodeAt(j))) ++j;
      if (j >= len || text.charCodeAt(j) !== 61) return false;
      ++j;
      while (j < len && isXmlSpace(text.charCodeAt(j))) ++j;
      c = j < len ? text.charCodeAt(j) : 0;
      if (c !== 34 /* " */ && c !== 39 /* ' */) return false;
      const valueStart = ++j;
      for (;;) {
        if (j >= len) return false;
        const cc = text.charCodeAt(j);
        if (cc === c) break;
        if (cc === 60) return false;
        if (cc === 38) {
          const next = charRef(text, j, len);
          if (next === -1) return false;
          j = next;
          continue;
        }
        if (cc < 32 || cc >= 0xd800) {
          const extra = extraUnits(text, j, len);
          if (extra === -1) return false;
          j += extra;
        }
        ++j;
      }
      if (attrName === 'xmlns' && !isXhtmlNs(text, valueStart, j)) return false;
      ++j;
    }
    if (name === 'img' && attrNames.includes('src')) hasContent = true;
    if (!selfClosing) stack.push(name);
    i = j;
  }
  if (stack.length !== 0 || (!fragment && !rootSeen)) return false;
  return hasContent;
}
