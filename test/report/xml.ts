/**
 * A minimal, strict XML 1.0 well-formedness parser for the tests: declaration,
 * comments, elements, attributes, text and the five predefined and numeric
 * entity references. Anything else (DTD, CDATA, unknown entities) is refused.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ILLEGAL_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement {
  const illegal = ILLEGAL_CHAR.exec(text);
  if (illegal) throw new Error(`illegal XML character U+${illegal[0].charCodeAt(0).toString(16)} at ${illegal.index}`);
  return new Parser(text).document();
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): XmlElement {
    if (this.text.startsWith('<?xml')) this.skipPast('?>');
    this.misc();
    const root = this.element();
    this.misc();
    if (this.pos !== this.text.length) this.fail('content after the root element');
    return root;
  }

  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('<!--', this.pos)) this.comment();
      else return;
    }
  }

  private element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = this.skipSpace();
      if (this.text.startsWith('/>', this.pos)) {
        this.pos += 2;
        return { name, attributes, children: [] };
      }
      if (this.text[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (!hadSpace) this.fail('expected whitespace before an attribute');
      const attr = this.name();
      if (attr in attributes) this.fail(`duplicate attribute ${attr}`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      attributes[attr] = this.attributeValue();
    }
    const children = this.content();
    this.expect('</');
    if (this.name() !== name) this.fail(`mismatched end tag for <${name}>`);
    this.skipSpace();
    this.expect('>');
    return { name, attributes, children };
  }

  private content(): XmlNode[] {
    const children: XmlNode[] = [];
    let text = '';
    while (!this.text.startsWith('</', this.pos)) {
      if (this.pos >= this.text.length) this.fail('unexpected end of document');
      const c = this.text[this.pos];
      if (this.text.startsWith('<!--', this.pos)) this.comment();
      else if (this.text.startsWith('<![CDATA[', this.pos) || this.text.startsWith('<!', this.pos))
        this.fail('CDATA/DTD not supported');
      else if (c === '<') {
        if (text) children.push(text);
        text = '';
        children.push(this.element());
      } else if (c === '&') text += this.reference();
      else {
        if (this.text.startsWith(']]>', this.pos)) this.fail("']]>' in text");
        text += c;
        this.pos++;
      }
    }
    if (text) children.push(text);
    return children;
  }

  private attributeValue(): string {
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") this.fail('attribute value must be quoted');
    this.pos++;
    let value = '';
    while (this.text[this.pos] !== quote) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated attribute value');
      if (c === '<') this.fail("'<' in an attribute value");
      if (c === '&') value += this.reference();
      else {
        value += c;
        this.pos++;
      }
    }
    this.pos++;
    return value;
  }

  private reference(): string {
    const end = this.text.indexOf(';', this.pos);
    if (end < 0) this.fail('unterminated entity reference');
    const ref = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    if (/^#x[0-9a-fA-F]+$/.test(ref)) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (/^#[0-9]+$/.test(ref)) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const predefined = PREDEFINED[ref];
    if (predefined === undefined) this.fail(`unknown entity &${ref};`);
    return predefined;
  }

  private comment(): void {
    const end = this.text.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('unterminated comment');
    this.pos = end + 3;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.text);
    if (!m) this.fail('expected a name');
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
    return this.pos > start;
  }

  private skipPast(marker: string): void {
    const end = this.text.indexOf(marker, this.pos);
    if (end < 0) this.fail(`expected ${marker}`);
    this.pos = end + marker.length;
  }

  private expect(s: string): void {
    if (!this.text.startsWith(s, this.pos)) this.fail(`expected '${s}'`);
    this.pos += s.length;
  }

  private fail(what: string): never {
    throw new Error(`XML not well-formed at offset ${this.pos}: ${what}`);
  }
}

export function elements(node: XmlElement, name: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

export function textOf(node: XmlElement): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
