/**
 * A small safety check of narrative XHTML, as the Java validator does before
 * txt-1/txt-2 (which fhirpath.js's htmlChecks() evaluates): the root must be
 * a <div> in the XHTML namespace, with no scripts, forms, frames or event
 * handler attributes.
 */
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

export function checkXhtml(div: string): string[] {
  const out: string[] = [];
  const text = div.trim();
  const root = /^<([A-Za-z][\w:.-]*)([^>]*)>/.exec(text);
  if (!root) {
    out.push(`The narrative must start with an XHTML <div> element`);
    return out;
  }
  if (root[1] !== 'div') out.push(`Wrong name on the XHTML ('${root[1]}') - must start with div`);
  else if (!/\sxmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/.test(root[2] ?? '')) {
    out.push(
      `Wrong namespace on the XHTML ('${/xmlns\s*=\s*["']([^"']*)["']/.exec(root[2] ?? '')?.[1] ?? ''}', should be 'http://www.w3.org/1999/xhtml')`,
    );
  }
  const tag = /<([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  const reported = new Set<string>();
  while ((m = tag.exec(text))) {
    const name = (m[1] as string).toLowerCase();
    if (FORBIDDEN.has(name) && !reported.has(name)) {
      reported.add(name);
      out.push(`Invalid element name in the XHTML ('${name}')`);
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
      if (an.startsWith('on')) out.push(`Invalid attribute name in the XHTML ('${an}' on '${name}')`);
      else if ((an === 'href' || an === 'src') && av.startsWith('javascript:'))
        out.push(`Invalid URL in the XHTML ('${an}' on '${name}'): javascript: is not allowed`);
    }
  }
  return out;
}
