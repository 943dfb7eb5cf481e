import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { coreRegistry } from '../../src/validation/registry.js';
import { Validator, validateResource } from '../../src/validation/validator.js';
import { profile } from '../support/profile.js';

type Json = Record<string, unknown>;

const rows = (issues: ValidationIssue[], severity: string) =>
  issues.filter((i) => i.severity === severity).map((i) => [i.expression, i.message]);

const patient = (id?: string): Json => ({ resourceType: 'Patient', ...(id ? { id } : {}) });
const org = (id?: string): Json => ({ resourceType: 'Organization', ...(id ? { id } : {}), name: 'O' });
const searchset = (entry: Json[], self = 'http://example.org/fhir/Patient?name=x'): Json => ({
  resourceType: 'Bundle',
  type: 'searchset',
  link: [{ relation: 'self', url: self }],
  entry,
});

describe('validation: Bundle links by type (BUNDLE_LINK_SEARCH_*)', () => {
  /** The errors of a Bundle of `type` with links of these relations (each its own url). */
  const linkErrors = (type: string, relations: string[]) =>
    rows(
      validateResource({
        resourceType: 'Bundle',
        type,
        link: relations.map((relation, i) => ({ relation, url: `http://example.org/fhir/Patient?page=${i}` })),
      }),
      'error',
    );

  it('reports a paging link outside a search set and a repeated self link', () => {
    expect(linkErrors('collection', ['self', 'next', 'self'])).to.deep.equal([
      [
        'Bundle.link[1].relation',
        "The link relationship type 'next' used in search sets is prohibited in this context",
      ],
      ['Bundle.link[2].relation', "The link relationship type 'self' can only occur once"],
    ]);
  });

  it('passes paging links in a search set and repeated links of other relations', () => {
    expect(linkErrors('searchset', ['self', 'next', 'alternate', 'alternate'])).to.deep.equal([]);
    expect(linkErrors('collection', ['self', 'alternate', 'alternate'])).to.deep.equal([]);
  });

  it('reports a repeated paging link in a search set', () => {
    expect(linkErrors('searchset', ['next', 'next'])).to.deep.equal([
      ['Bundle.link[1]', "The link relationship type 'next' can only occur once"],
    ]);
  });
});

describe('validation: searchset entries (BUNDLE_SEARCH_*)', () => {
  it('reports a match or include entry without an id', () => {
    const issues = validateResource(
      searchset([
        { fullUrl: 'urn:uuid:6f1c8e4e-6c1b-4e53-9a8a-1f6b0e6f2a11', resource: patient(), search: { mode: 'match' } },
        {
          fullUrl: 'urn:uuid:6f1c8e4e-6c1b-4e53-9a8a-1f6b0e6f2a12',
          resource: org(),
          search: { mode: 'include' },
        },
      ]),
    );
    expect(rows(issues, 'error')).to.deep.equal([
      ['Bundle.entry[0].resource', 'Search results must have ids'],
      ['Bundle.entry[1].resource', 'Search results must have ids'],
    ]);
  });

  it('reports a match of another type than the search, and an outcome entry that is no OperationOutcome', () => {
    const issues = validateResource(
      searchset([
        {
          fullUrl: 'http://example.org/fhir/Organization/o',
          resource: org('o'),
          search: { mode: 'match' },
        },
        { fullUrl: 'http://example.org/fhir/Patient/p', resource: patient('p'), search: { mode: 'outcome' } },
      ]),
    );
    expect(rows(issues, 'error')).to.deep.equal([
      [
        'Bundle.entry[0].resource',
        'This is not a matching resource type for the specified search (Organization expecting [Patient])',
      ],
      ['Bundle.entry[1].resource', 'This is not an OperationOutcome (Patient)'],
    ]);
  });

  it('passes matches with ids of the searched types (also by _type), includes and an outcome', () => {
    const issues = validateResource(
      searchset(
        [
          { fullUrl: 'http://example.org/fhir/Patient/p', resource: patient('p'), search: { mode: 'match' } },
          {
            fullUrl: 'http://example.org/fhir/Organization/o',
            resource: org('o'),
            search: { mode: 'include' },
          },
          {
            fullUrl: 'urn:uuid:6f1c8e4e-6c1b-4e53-9a8a-1f6b0e6f2a13',
            resource: {
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'information', code: 'informational' }],
            },
            search: { mode: 'outcome' },
          },
        ],
        'http://example.org/fhir?_type=Patient,Group',
      ),
    );
    expect(rows(issues, 'error')).to.deep.equal([]);
    expect(rows(issues, 'warning').filter((r) => String(r[1]).includes('earch'))).to.deep.equal([]);
  });

  it('only warns when no entry has a search mode (Java: warnings)', () => {
    const issues = validateResource(
      searchset([
        { fullUrl: 'urn:uuid:6f1c8e4e-6c1b-4e53-9a8a-1f6b0e6f2a14', resource: patient() },
        { fullUrl: 'http://example.org/fhir/Organization/o', resource: org('o') },
      ]),
    );
    expect(rows(issues, 'error')).to.deep.equal([]);
    expect(rows(issues, 'warning')).to.deep.include.members([
      ['Bundle.entry[0].resource', 'Search results must have ids'],
      [
        'Bundle.entry[1]',
        'This is not a matching resource type for the specified search (is a search mode needed?) (Organization expecting [Patient])',
      ],
      ['Bundle', 'SearchSet bundles should have search modes on the entries'],
    ]);
  });

  it('warns about a searchset without a self link', () => {
    const b = searchset([
      { fullUrl: 'http://example.org/fhir/Patient/p', resource: patient('p'), search: { mode: 'match' } },
    ]);
    b.link = [];
    delete b.link;
    expect(rows(validateResource(b), 'warning')).to.deep.include([
      'Bundle',
      'SearchSet Bundles should have a self link that specifies what the search was',
    ]);
  });
});

describe('validation: a target profile added by a profile, on a reference resolved in the Bundle', () => {
  const pat = profile('http://example.org/StructureDefinition/pat', 'Patient', [
    { id: 'Patient.gender', path: 'Patient.gender', min: 1 },
  ]);
  const obs = profile('http://example.org/StructureDefinition/obs', 'Observation', [
    {
      id: 'Observation.subject',
      path: 'Observation.subject',
      type: [{ code: 'Reference', targetProfile: ['http://example.org/StructureDefinition/pat'] }],
    },
  ]);
  const registry = coreRegistry().layer();
  registry.add(pat);
  registry.add(obs);
  const validator = new Validator({ registry });
  const bundle = (patient: Json): Json => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: 'http://example.org/fhir/Observation/o',
        resource: {
          resourceType: 'Observation',
          id: 'o',
          meta: { profile: ['http://example.org/StructureDefinition/obs'] },
          status: 'final',
          code: { text: 'x' },
          subject: { reference: 'Patient/p' },
        },
      },
      { fullUrl: 'http://example.org/fhir/Patient/p', resource: { resourceType: 'Patient', id: 'p', ...patient } },
    ],
  });

  it('reports a resolved target that does not conform to the target profile, and passes one that does', () => {
    expect(rows(validator.validate(bundle({})), 'error')).to.deep.equal([
      [
        'Bundle.entry[0].resource.subject',
        "The resource referenced by 'Patient/p' does not conform to http://example.org/StructureDefinition/pat",
      ],
    ]);
    expect(rows(validator.validate(bundle({ gender: 'male' })), 'error')).to.deep.equal([]);
  });
});

describe('validation: an item matches one slice only (VALIDATION_VAL_PROFILE_MATCHMULTIPLE)', () => {
  const sliced = (systemB: string) =>
    profile('http://example.org/StructureDefinition/ids', 'Patient', [
      {
        id: 'Patient.identifier',
        path: 'Patient.identifier',
        slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
      },
      { id: 'Patient.identifier:a', path: 'Patient.identifier', sliceName: 'a' },
      {
        id: 'Patient.identifier:a.system',
        path: 'Patient.identifier.system',
        fixedUri: 'http://example.org/a',
      },
      { id: 'Patient.identifier:b', path: 'Patient.identifier', sliceName: 'b' },
      { id: 'Patient.identifier:b.system', path: 'Patient.identifier.system', fixedUri: systemB },
    ]);
  const check = (systemB: string) => {
    const registry = coreRegistry().layer();
    registry.add(sliced(systemB));
    return rows(
      new Validator({ registry }).validate(
        { resourceType: 'Patient', identifier: [{ system: 'http://example.org/a', value: '1' }] },
        { profiles: ['http://example.org/StructureDefinition/ids'] },
      ),
      'error',
    );
  };

  it('reports an item that two slices take, and passes slices that differ', () => {
    expect(check('http://example.org/a')).to.deep.equal([
      [
        'Patient.identifier[0]',
        'Profile http://example.org/StructureDefinition/ids, Element matches more than one slice - a, b',
      ],
    ]);
    expect(check('http://example.org/b')).to.deep.equal([]);
  });
});

describe('validation: entry fullUrls (BUNDLE_ENTRY_URL_*)', () => {
  const collection = (fullUrl: string, resource: Json) =>
    rows(
      validateResource({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl, resource }] }),
      'error',
    ).filter((r) => String(r[1]).includes('fullUrl'));

  it('reports a relative fullUrl, and a RESTful one without the resource type and id', () => {
    expect(collection('Patient/p', patient('p'))).to.deep.equal([
      ['Bundle.entry[0]', "The fullUrl must be an absolute URL (not 'Patient/p')"],
    ]);
    expect(collection('http://example.org/fhir/Patient/q', patient('p'))).to.deep.equal([
      [
        'Bundle.entry[0]',
        "The fullUrl 'http://example.org/fhir/Patient/q' looks like a RESTful server URL, so it must end with the correct type and id (/Patient/p)",
      ],
    ]);
    expect(collection('http://example.org/fhir/Observation/p', patient('p')).length).to.equal(1);
    expect(collection('http://example.org/fhir/Patient/p', patient())).to.deep.equal([
      [
        'Bundle.entry[0]',
        "The fullUrl 'http://example.org/fhir/Patient/p' looks like a RESTful server URL, but the resource has no id",
      ],
    ]);
  });

  it('passes a matching RESTful fullUrl, a urn:uuid and a url that is not RESTful', () => {
    expect(collection('https://my-server.example.org/fhir/Patient/p', patient('p'))).to.deep.equal([]);
    expect(collection('urn:uuid:6f1c8e4e-6c1b-4e53-9a8a-1f6b0e6f2a15', patient())).to.deep.equal([]);
    expect(collection('http://example.org/people/p?x=1', patient('q'))).to.deep.equal([]);
  });
});
