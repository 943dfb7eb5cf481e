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
  const tag = /<([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  const reported = new Set<string>();
  while ((m = tag.exec(text))) {
    const name = (m[1] as string).toLowerCase();
    if (FORBIDDEN.has(name) && !reported.has(name)) {
      reported.add(name);
      out.push(msg.xhtmlElement({ name }));
    }
    const attrs = m[2] ?? '';
    const attr = /\s([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
    let a: RegExpExecArray | null;
    while ((a = attr.exec(attrs))) {
      const an = (a[1] as string).toLowerCase();
      const av = (a[2] ?? '')
        .replace(/^["']|["']$/g, '')
        .trim()
        .toLowerCase();
      if (an.startsWith('on')) out.push(msg.xhtmlAttribute({ attr: an, name }));
      else if ((an === 'href' || an === 'src') && av.startsWith('javascript:'))
        out.push(msg.xhtmlUrl({ attr: an, name }));
    }
  }
  return out;
}
