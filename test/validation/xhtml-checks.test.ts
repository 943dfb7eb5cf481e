import { expect } from 'chai';
import { EXAMPLES_DIR, loadExamples } from '../../bench/examples-corpus.js';
import { evaluateInvariant, type FhirPathHost } from '../../src/validation/fhirpath.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { Validator } from '../../src/validation/validator.js';
import { htmlChecks } from '../../src/validation/xhtml.js';

const host: FhirPathHost = { resolve: () => undefined, memberOf: () => undefined, conformsTo: () => undefined };

/** fhirpath.js's own htmlChecks() on an xhtml value, as the validator called it before. */
function viaFhirpath(div: string): boolean {
  const out = evaluateInvariant('htmlChecks()', 'xhtml', div, {}, host);
  if (!out.ok) throw new Error(out.reason);
  return out.value;
}

/** Every Narrative div in a JSON tree (contained resources and Bundle entries included). */
function divs(v: unknown, out: string[]): string[] {
  if (Array.isArray(v)) for (const x of v) divs(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'div' && typeof x === 'string') out.push(x);
      else divs(x, out);
    }
  }
  return out;
}

/** Variants of a valid div that break one rule each (or none). */
function variants(div: string): string[] {
  const open = div.indexOf('>') + 1;
  return [
    div,
    div.slice(0, -2),
    `${div.slice(0, open)}<script>x</script>${div.slice(open)}`,
    `${div.slice(0, open)}<p onclick="x">y</p>${div.slice(open)}`,
    `${div.slice(0, open)}&nbsp;${div.slice(open)}`,
    `${div.slice(0, open)}<br>${div.slice(open)}`,
    `${div.slice(0, open)}<!-- a -- b -->${div.slice(open)}`,
    ` ${div}\n`,
    `${div}x`,
    div.replace('xmlns="http://www.w3.org/1999/xhtml"', 'xmlns="urn:other"'),
  ];
}

const txtKeys = (issues: ValidationIssue[]) =>
  issues.map((i) => i.source).filter((s) => s === 'txt-1' || s === 'txt-2');

describe('validation: txt-1/txt-2 (htmlChecks()) natively in xhtml.ts', () => {
  it('gives fhirpath.js htmlChecks() verdict on every Narrative of the official examples and on variants of each', function () {
    const examples = loadExamples();
    if (!examples) {
      console.log(`      (skipped: ${EXAMPLES_DIR} is absent; the official examples are not part of the project)`);
      this.skip();
    }
    const all = examples!.flatMap(({ resource }) => divs(resource, []));
    expect(all.length).to.be.greaterThan(50);
    const verdicts = { true: 0, false: 0 };
    for (const div of all) {
      for (const v of variants(div)) {
        const expected = viaFhirpath(v);
        expect(htmlChecks(v), v.slice(0, 200)).to.equal(expected);
        verdicts[`${expected}`]++;
      }
    }
    // Both verdicts were met, so the comparison can fail either way.
    expect(verdicts.true).to.be.greaterThan(50);
    expect(verdicts.false).to.be.greaterThan(50);
  });

  const NS = 'xmlns="http://www.w3.org/1999/xhtml"';
  const cases: [string, boolean][] = [
    [`<div ${NS}>text</div>`, true],
    [`<div>text without a namespace</div>`, true],
    [`<div ${NS}></div>`, false], // empty div
    [`<div ${NS}>   \n </div>`, false], // whitespace only
    [`<div ${NS}/>`, false],
    [`<div ${NS}><img src="a.png"/></div>`, true], // an image is content
    [`<div ${NS}><img alt="no src"/></div>`, false],
    [`<div ${NS}>&#160;</div>`, true],
    [`<div ${NS}>&amp; &lt; &gt; &quot; &apos;</div>`, true],
    [`<div ${NS}>&nbsp;</div>`, false], // HTML entity
    [`<div ${NS}>&#0;</div>`, false],
    [`<div ${NS}>a &amp b</div>`, false],
    [`<div ${NS}><p>a</p><table><tr><td nowrap="nowrap">b</td></tr></table></div>`, true],
    [`<div ${NS}><a href="#x" name="x">a</a><span class="c" style="s">b</span></div>`, true],
    [`<div ${NS}><p rowspan="2">global table attribute</p></div>`, true],
    [`<div ${NS}><script>x</script></div>`, false],
    [`<div ${NS}><form>x</form></div>`, false],
    [`<div ${NS}><map>x</map></div>`, false],
    [`<div ${NS}><P>upper case</P></div>`, false],
    [`<div ${NS}><p onclick="x">a</p></div>`, false],
    [`<div ${NS}><p href="x">a</p></div>`, false], // href only on a
    [`<div ${NS}><img src="a" width="1"/><p width="1">x</p></div>`, false],
    [`<div ${NS}><p title="a" title="b">x</p></div>`, false], // duplicate attribute
    [`<div ${NS}><p title=a>x</p></div>`, false], // unquoted
    [`<div ${NS}><td nowrap>x</td></div>`, false], // minimized
    [`<div ${NS}><p title="a"class="b">x</p></div>`, false], // no space between attributes
    [`<div ${NS}><p title="a<b">x</p></div>`, false],
    [`<div ${NS}><p xml:lang="fr">x</p></div>`, false],
    [`<div xmlns="urn:x">x</div>`, false],
    [`<div ${NS}><p xmlns="urn:x">x</p></div>`, false],
    [`<div ${NS}><br>x</div>`, false], // unclosed
    [`<div ${NS}><br/>x<br></br></div>`, true],
    [`<div ${NS}><b><i>x</b></i></div>`, false], // mismatched
    [`<div ${NS}>x</div><div>y</div>`, false], // two roots
    [`<p>x</p>`, false], // root not a div
    [`text<div ${NS}>x</div>`, false],
    [`  <div ${NS}>x</div>  `, true],
    [`<?xml version="1.0"?><div ${NS}>x</div>`, false],
    [`<div ${NS}><![CDATA[x]]></div>`, false],
    [`<div ${NS}>a ]]> b</div>`, false],
    [`<div ${NS}><!-- a comment -->x</div>`, true],
    [`<div ${NS}><!-- a -- b -->x</div>`, false],
    [`<!-- outside --><div ${NS}>x</div>`, false],
    [`<div ${NS}>\u0001</div>`, false], // C0 control
    [`<div ${NS}>\ud83d\ude00</div>`, true], // surrogate pair
    [`<div ${NS}>\ud83d</div>`, false], // lone surrogate
    [`<div ${NS}>\uffff</div>`, false],
    [`<div ${NS}>x</div`, false],
    [`<div ${NS}>x`, false],
    [``, false],
  ];

  it('answers hand-written cases (elements, attributes, content, well-formedness) as fhirpath.js does', () => {
    for (const [div, expected] of cases) {
      expect(viaFhirpath(div), `fhirpath.js on ${div}`).to.equal(expected);
      expect(htmlChecks(div), div).to.equal(expected);
    }
  });

  it('fragment mode (a string as a div content) follows the same rules', () => {
    expect(htmlChecks('plain <b>text</b>', true)).to.equal(true);
    expect(htmlChecks('<p>a</p><p>b</p>', true)).to.equal(true);
    expect(htmlChecks('', true)).to.equal(false);
    expect(htmlChecks('<script>x</script>', true)).to.equal(false);
  });

  it('the validator reports txt-1 and txt-2 on a bad div, neither on a good one', () => {
    const patient = (div: string) => ({ resourceType: 'Patient', text: { status: 'generated', div } });
    expect(txtKeys(new Validator().validate(patient(`<div ${NS}>Ann</div>`)))).to.deep.equal([]);
    expect(txtKeys(new Validator().validate(patient(`<div ${NS}></div>`)))).to.deep.equal(['txt-1', 'txt-2']);
  });
});
