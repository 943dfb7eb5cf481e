import { expect } from 'chai';
import { checkXhtml } from '../../src/validation/xhtml.js';

const NS = 'xmlns="http://www.w3.org/1999/xhtml"';
const problems = (div: string) => checkXhtml(div).map((t) => t.en);

describe('validation: narrative safety (xhtml.ts checkXhtml)', () => {
  it('a plain narrative, with attributes, links and images, has no problem', () => {
    expect(
      problems(
        `<div ${NS}><p class="a" title='b>c'>Text, based on the <a href="http://x/y">record</a></p><img src="i.png"/></div>`,
      ),
    ).to.deep.equal([]);
    expect(problems(`  <div ${NS}>x</div>\n`)).to.deep.equal([]);
  });

  it('the root must be a div in the XHTML namespace', () => {
    expect(problems('text')).to.deep.equal(['The narrative must start with an XHTML <div> element']);
    expect(problems(`<p ${NS}>x</p>`)).to.deep.equal(["Wrong name on the XHTML ('p') - must start with div"]);
    expect(problems('<div xmlns="urn:other">x</div>')).to.deep.equal([
      "Wrong namespace on the XHTML ('urn:other', should be 'http://www.w3.org/1999/xhtml')",
    ]);
  });

  it('scripts, forms and frames are reported once per element name, whatever the case', () => {
    expect(problems(`<div ${NS}><SCRIPT>x</SCRIPT><script/><form a=b></form><p>on</p></div>`)).to.deep.equal([
      "Invalid element name in the XHTML ('script')",
      "Invalid element name in the XHTML ('form')",
    ]);
  });

  it('event handler attributes (on*), whatever the case, each time', () => {
    expect(problems(`<div ${NS}><p onClick="x">a</p><p title="t" ONLOAD=y>b</p><p one="1">c</p></div>`)).to.deep.equal([
      "Invalid attribute name in the XHTML ('onclick' on 'p')",
      "Invalid attribute name in the XHTML ('onload' on 'p')",
      "Invalid attribute name in the XHTML ('one' on 'p')",
    ]);
  });

  it('javascript: URLs in href or src, quoted or not, with leading spaces, whatever the case; not in other attributes', () => {
    expect(
      problems(
        `<div ${NS}><a HREF=" JavaScript:alert(1)">a</a><img src='javascript:x'/><a title="javascript:no">b</a></div>`,
      ),
    ).to.deep.equal([
      "Invalid URL in the XHTML ('href' on 'a'): javascript: is not allowed",
      "Invalid URL in the XHTML ('src' on 'img'): javascript: is not allowed",
    ]);
  });
});
