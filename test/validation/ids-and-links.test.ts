import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { createValidator } from '../../src/validation/setup.js';
import { validateResource } from '../../src/validation/validator.js';
import { profile } from '../support/profile.js';

type Json = Record<string, unknown>;

const DIV = (inner: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>`;
const narrative = (inner: string) => ({ status: 'generated', div: DIV(inner) });

const matching = (issues: ValidationIssue[], severity: string, needle: string) =>
  issues.filter((i) => i.severity === severity && i.message.includes(needle)).map((i) => [i.expression, i.message]);

describe('validation: element ids unique within a resource (DUPLICATE_ID)', () => {
  it('reports an element id used twice, where it repeats', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      name: [
        { id: 'n1', family: 'A' },
        { id: 'n1', family: 'B' },
      ],
    });
    expect(matching(issues, 'error', 'Duplicate id')).to.deep.equal([['Patient.name[1]', "Duplicate id value 'n1'"]]);
  });

  it('counts ids on primitives (_name.id) and extensions', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      birthDate: '2000-01-01',
      _birthDate: { id: 'x' },
      extension: [{ id: 'x', url: 'http://example.org/ext', valueString: 'v' }],
    });
    expect(matching(issues, 'error', 'Duplicate id').length).to.equal(1);
  });

  it('passes distinct ids, the resource id equal to an element id, and ids repeated in contained resources', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      id: 'n1',
      contained: [{ resourceType: 'Organization', id: 'o1', name: 'O', identifier: [{ id: 'n1', value: 'v' }] }],
      managingOrganization: { reference: '#o1' },
      name: [
        { id: 'n1', family: 'A' },
        { id: 'n2', family: 'B' },
      ],
    });
    expect(matching(issues, 'error', 'Duplicate id')).to.deep.equal([]);
  });

  it('checks a contained resource as its own scope', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      contained: [
        {
          resourceType: 'Organization',
          id: 'o1',
          identifier: [
            { id: 'i', value: 'a' },
            { id: 'i', value: 'b' },
          ],
        },
      ],
      managingOrganization: { reference: '#o1' },
    });
    expect(matching(issues, 'error', 'Duplicate id')).to.deep.equal([
      ['Patient.contained[0].identifier[1]', "Duplicate id value 'i'"],
    ]);
  });

  it("keeps a StructureDefinition's snapshot apart from its differential", () => {
    const sd = (diffIds: string[]): Json => ({
      ...profile(
        'http://example.org/StructureDefinition/p',
        'Patient',
        diffIds.map((id) => ({ id, path: id })),
      ),
      snapshot: { element: [{ id: 'Patient', path: 'Patient', min: 0, max: '*' }] },
    });
    expect(matching(validateResource(sd(['Patient'])), 'error', 'Duplicate id')).to.deep.equal([]);
    expect(matching(validateResource(sd(['Patient', 'Patient'])), 'error', 'Duplicate id')).to.deep.equal([
      ['StructureDefinition.differential.element[1]', "Duplicate id value 'Patient'"],
    ]);
  });

  it("checks a Bundle's own element ids the same whether its entries are walked now or later (validateAsync)", async () => {
    const bundle = (second: string) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          id: 'e',
          fullUrl: 'urn:uuid:6f1c8e4e-6c1b-4e53-9a8a-1f6b0e6f2a21',
          resource: { resourceType: 'Basic', code: { text: 'x' } },
        },
        {
          id: second,
          fullUrl: 'urn:uuid:6f1c8e4e-6c1b-4e53-9a8a-1f6b0e6f2a22',
          resource: { resourceType: 'Basic', code: { text: 'y' } },
        },
      ],
    });
    const { validator } = createValidator();
    const expected = [['Bundle.entry[1]', "Duplicate id value 'e'"]];
    expect(matching(validator.validate(bundle('e')), 'error', 'Duplicate id')).to.deep.equal(expected);
    expect(matching(await validator.validateAsync(bundle('e')), 'error', 'Duplicate id')).to.deep.equal(expected);
    expect(matching(await validator.validateAsync(bundle('f')), 'error', 'Duplicate id')).to.deep.equal([]);
  });

  it('reports two contained resources with one id (RESOURCE_DUPLICATE_CONTAINED_ID)', () => {
    const patient = (ids: string[]) => ({
      resourceType: 'Patient',
      contained: ids.map((id) => ({ resourceType: 'Organization', id, name: id })),
      generalPractitioner: ids.map((id) => ({ reference: `#${id}` })),
    });
    expect(matching(validateResource(patient(['a', 'a'])), 'error', 'Duplicate ID for contained')).to.deep.equal([
      ['Patient.contained[1]', 'Duplicate ID for contained resource: a'],
    ]);
    expect(matching(validateResource(patient(['a', 'b'])), 'error', 'Duplicate ID for contained')).to.deep.equal([]);
  });
});

describe('validation: narrative links (TYPE_SPECIFIC_CHECKS_DT_XHTML_*)', () => {
  const patient = (inner: string, extra: Json = {}) => ({ resourceType: 'Patient', text: narrative(inner), ...extra });

  it('reports a #fragment that names nothing in the resource', () => {
    const issues = validateResource(patient('<p><a href="#nowhere">see</a></p>'));
    expect(matching(issues, 'error', 'does not resolve')).to.deep.equal([
      ['Patient.text.div', "Hyperlink '#nowhere' at 'div/p/a' for 'see' does not resolve"],
    ]);
  });

  it('resolves a #fragment to an XHTML id, an <a name>, an element id or a contained resource', () => {
    for (const [inner, extra] of [
      ['<p id="here">x</p><a href="#here">see</a>', {}],
      ['<a name="here">x</a><a href="#here">see</a>', {}],
      ['<a href="#here">see</a>', { name: [{ id: 'here', family: 'A' }] }],
      [
        '<a href="#here">see</a>',
        {
          contained: [{ resourceType: 'Organization', id: 'here', name: 'O' }],
          managingOrganization: { reference: '#here' },
        },
      ],
    ] as [string, Json][]) {
      expect(matching(validateResource(patient(inner, extra)), 'error', 'Hyperlink')).to.deep.equal([]);
    }
  });

  it('resolves a #fragment elsewhere in the enclosing Bundle', () => {
    const bundle = (target: string) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:1', resource: patient('<a href="#there">see</a>') },
        { fullUrl: 'urn:uuid:2', resource: { resourceType: 'Patient', text: narrative(`<p id="${target}">x</p>`) } },
      ],
    });
    expect(matching(validateResource(bundle('there')), 'error', 'Hyperlink')).to.deep.equal([]);
    expect(matching(validateResource(bundle('other')), 'error', 'does not resolve').length).to.equal(1);
  });

  it('warns about a #fragment with several targets', () => {
    const issues = validateResource(patient('<p id="t">a</p><p id="t">b</p><a href="#t">see</a>'));
    expect(matching(issues, 'warning', 'multiple targets').length).to.equal(1);
    expect(matching(issues, 'error', 'Hyperlink')).to.deep.equal([]);
  });

  /** The error texts about `needle` for a Patient whose narrative holds `inner`. */
  const errorsIn = (inner: string, needle: string) =>
    matching(validateResource(patient(inner)), 'error', needle).map((r) => r[1]);

  it('reports an empty href and a non-linkable or active scheme, and passes usual ones', () => {
    expect(
      errorsIn(
        '<a href="">e</a><a href="urn:oid:1.2.3">u</a><a href="cid:x">c</a><a href="vbscript:x">v</a>',
        'Hyperlink',
      ),
    ).to.deep.equal([
      "Hyperlink at 'div/a' for 'e' is empty",
      "Hyperlink scheme 'urn' in 'urn:oid:1.2.3' at 'div/a' for 'u' is not a valid hyperlinkable scheme",
      "Hyperlink scheme 'cid' in 'cid:x' at 'div/a' for 'c' is not a valid hyperlinkable scheme",
      "Hyperlink scheme 'vbscript' in 'vbscript:x' at 'div/a' for 'v' has active content, which is a security risk and not allowed",
    ]);
    const usual =
      '<a href="http://example.org/x">h</a><a href="mailto:a@b.c">m</a><a href="other.html">r</a><a href="#">t</a>';
    expect(errorsIn(usual, 'Hyperlink')).to.deep.equal([]);
  });

  it('reports a link whose url has characters a url may not hold, or a malformed data: url', () => {
    const bad =
      '<a href="http://example.org/a b">s</a><a href="http://example.org/{x}">b</a><img src="data:image/png;base64,abc"/><img src="data:image/png,a,b"/>';
    expect(errorsIn(bad, 'The URL is not valid')).to.deep.equal([
      "The URL is not valid because '(URL contains Invalid Character: ' ')': http://example.org/a b",
      "The URL is not valid because '(URL contains 2 Invalid Characters: '{','}')': http://example.org/{x}",
      "The URL is not valid because '(The data should be valid base64 content for a data: URL: data:image/png;base64,abc)': data:image/png;base64,abc",
      "The URL is not valid because '(Comma found in data portion of data URL: data:image/png,a,b)': data:image/png,a,b",
    ]);
    const fine =
      '<a href="http://example.org/a%20b?x=1&amp;y=(2)#f">s</a><a href="http://exemple.org/é">e</a><img src="data:image/png;base64,abcd"/>';
    expect(errorsIn(fine, 'The URL is not valid')).to.deep.equal([]);
  });

  it('reports an <img src="#…"> that names no id', () => {
    const bad = validateResource(patient('<img src="#pic"/>'));
    expect(matching(bad, 'error', 'Image source').length).to.equal(1);
    const good = validateResource(patient('<p id="pic">x</p><img src="#pic"/>'));
    expect(matching(good, 'error', 'Image source')).to.deep.equal([]);
  });
});
