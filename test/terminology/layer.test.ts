import type { CodeSystem, ValueSet } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { CodeCheck } from '../../src/terminology/port.js';
import type { SystemProvider } from '../../src/terminology/provider.js';
import { TerminologyService } from '../../src/terminology/service.js';
import { coreRegistry, type DefinitionRegistry } from '../../src/validation/registry.js';

const BASE = 'https://homolog.test/fhir';
const STATUS = `${BASE}/CodeSystem/statut-delivrance`;

/** A Québec-style local code system: French displays, English designations, a hierarchy and properties. */
const statusSystem: CodeSystem = {
  resourceType: 'CodeSystem',
  url: STATUS,
  version: '1.0.0',
  name: 'StatutDelivrance',
  title: 'Statut de la délivrance',
  status: 'active',
  content: 'complete',
  caseSensitive: true,
  property: [
    { code: 'actif', type: 'boolean' },
    { code: 'categorie', type: 'code' },
  ],
  concept: [
    {
      code: 'delivre',
      display: 'Délivré',
      designation: [
        { language: 'en', value: 'Dispensed' },
        { language: 'de', value: 'Abgegeben' },
      ],
      property: [
        { code: 'actif', valueBoolean: true },
        { code: 'categorie', valueCode: 'final' },
      ],
      concept: [
        {
          code: 'delivre-partiel',
          display: 'Délivré partiellement',
          designation: [{ language: 'en-CA', value: 'Partially dispensed' }],
          property: [{ code: 'categorie', valueCode: 'final' }],
        },
      ],
    },
    {
      code: 'annule',
      display: 'Annulé',
      designation: [{ language: 'en', value: 'Cancelled' }],
      property: [
        { code: 'actif', valueBoolean: false },
        { code: 'categorie', valueCode: 'final' },
      ],
    },
    {
      code: 'en-attente',
      display: 'En attente',
      designation: [{ language: 'en', value: 'On hold' }],
      property: [{ code: 'categorie', valueCode: 'interim' }],
    },
    { code: 'X-TEST', display: 'Test' },
  ],
};

/** An English code system carrying French designations. */
const routeSystem: CodeSystem = {
  resourceType: 'CodeSystem',
  url: `${BASE}/CodeSystem/route`,
  status: 'active',
  content: 'complete',
  caseSensitive: false,
  concept: [
    { code: 'PO', display: 'Oral', designation: [{ language: 'fr-CA', value: 'Voie orale' }] },
    { code: 'IV', display: 'Intravenous', designation: [{ language: 'fr', value: 'Intraveineuse' }] },
  ],
};

const fragmentSystem: CodeSystem = {
  resourceType: 'CodeSystem',
  url: `${BASE}/CodeSystem/fragment`,
  status: 'active',
  content: 'fragment',
  concept: [{ code: 'a', display: 'A' }],
};

function vs(id: string, compose: ValueSet['compose']): ValueSet {
  return {
    resourceType: 'ValueSet',
    url: `${BASE}/ValueSet/${id}`,
    name: id,
    title: `VS ${id}`,
    status: 'active',
    compose,
  };
}

const valueSets: ValueSet[] = [
  vs('all', { include: [{ system: STATUS }], exclude: [{ system: STATUS, concept: [{ code: 'X-TEST' }] }] }),
  vs('isa', { include: [{ system: STATUS, filter: [{ property: 'concept', op: 'is-a', value: 'delivre' }] }] }),
  vs('descendent', {
    include: [{ system: STATUS, filter: [{ property: 'concept', op: 'descendent-of', value: 'delivre' }] }],
  }),
  vs('final-active', {
    include: [
      {
        system: STATUS,
        filter: [
          { property: 'categorie', op: '=', value: 'final' },
          { property: 'actif', op: 'exists', value: 'true' },
        ],
      },
    ],
  }),
  vs('regex', { include: [{ system: STATUS, filter: [{ property: 'code', op: 'regex', value: 'd.*' }] }] }),
  vs('in', { include: [{ system: STATUS, filter: [{ property: 'concept', op: 'in', value: 'annule,en-attente' }] }] }),
  vs('import', {
    include: [
      { valueSet: [`${BASE}/ValueSet/isa`] },
      { system: STATUS, concept: [{ code: 'en-attente', display: 'Pending' }] },
    ],
    exclude: [{ system: STATUS, concept: [{ code: 'delivre-partiel' }] }],
  }),
  vs('intersection', { include: [{ valueSet: [`${BASE}/ValueSet/all`, `${BASE}/ValueSet/final-active`] }] }),
  vs('route', { include: [{ system: routeSystem.url }] }),
  vs('fragment', { include: [{ system: fragmentSystem.url }] }),
  vs('loops', {
    include: [{ valueSet: [`${BASE}/ValueSet/loops`] }, { system: STATUS, concept: [{ code: 'annule' }] }],
  }),
];

function codes(tx: TerminologyService, id: string): string[] {
  return (tx.expand(`${BASE}/ValueSet/${id}`)?.contains ?? []).map((c) => c.code).sort();
}

function message(r: CodeCheck): string {
  return r.status === 'valid' ? (r.displayProblem ?? '') : r.message;
}

describe('terminology: a registry layer with local code systems and value sets', () => {
  let layer: DefinitionRegistry;
  let tx: TerminologyService;
  before(() => {
    layer = coreRegistry().layer();
    for (const r of [statusSystem, routeSystem, fragmentSystem, ...valueSets]) layer.add(r);
    tx = new TerminologyService(layer);
  });

  it('expands a whole system minus an exclusion, nested concepts included', () => {
    expect(codes(tx, 'all')).to.deep.equal(['annule', 'delivre', 'delivre-partiel', 'en-attente']);
  });

  it('evaluates is-a, descendent-of, =, exists, regex and in filters', () => {
    expect(codes(tx, 'isa')).to.deep.equal(['delivre', 'delivre-partiel']);
    expect(codes(tx, 'descendent')).to.deep.equal(['delivre-partiel']);
    expect(codes(tx, 'final-active')).to.deep.equal(['annule', 'delivre']);
    expect(codes(tx, 'regex')).to.deep.equal(['delivre', 'delivre-partiel']);
    expect(codes(tx, 'in')).to.deep.equal(['annule', 'en-attente']);
  });

  it('imports a value set, adds a concept and excludes one', () => {
    expect(codes(tx, 'import')).to.deep.equal(['delivre', 'en-attente']);
    expect(tx.validateCode(`${BASE}/ValueSet/import`, { system: STATUS, code: 'delivre-partiel' }).status).to.equal(
      'invalid',
    );
    expect(codes(tx, 'intersection')).to.deep.equal(['annule', 'delivre']);
  });

  it('validates codes against the layer, with the Java-style messages', () => {
    expect(tx.validateCode(`${BASE}/ValueSet/isa`, { system: STATUS, code: 'delivre-partiel' })).to.deep.equal({
      status: 'valid',
      source: 'local',
    });
    const out = tx.validateCode(`${BASE}/ValueSet/isa`, { system: STATUS, code: 'annule' });
    expect(out).to.deep.include({
      status: 'invalid',
      source: 'local',
      message: `The code provided (${STATUS}#annule) was not found in the value set 'VS isa' (${BASE}/ValueSet/isa)`,
    });
    const unknown = tx.validateCode(`${BASE}/ValueSet/isa`, { system: STATUS, code: 'livre' });
    expect(message(unknown)).to.match(
      new RegExp(`^Unknown code 'livre' in the CodeSystem '${STATUS}' version '1.0.0'`),
    );
    expect(tx.validateInSystem({ system: STATUS, code: 'X-TEST' }).status).to.equal('valid');
    expect(tx.validateInSystem({ system: STATUS, code: 'x-test' }).status).to.equal('invalid');
  });

  describe('displays in French or English', () => {
    it('accepts the French display and the English designation', () => {
      const v = `${BASE}/ValueSet/all`;
      for (const display of ['Délivré', 'délivré', 'Dispensed', 'DISPENSED']) {
        expect(tx.validateCode(v, { system: STATUS, code: 'delivre', display }), display).to.deep.equal({
          status: 'valid',
          source: 'local',
        });
      }
      expect(
        tx.validateCode(v, { system: STATUS, code: 'delivre-partiel', display: 'Partially  dispensed' }).status,
      ).to.equal('valid');
    });

    it('accepts a French designation of an English code system', () => {
      const v = `${BASE}/ValueSet/route`;
      expect(tx.validateCode(v, { system: routeSystem.url, code: 'PO', display: 'Voie orale' })).to.deep.equal({
        status: 'valid',
        source: 'local',
      });
      expect(tx.validateInSystem({ system: routeSystem.url, code: 'IV', display: 'intraveineuse' })).to.deep.equal({
        status: 'valid',
        source: 'local',
      });
    });

    it('reports other languages and wrong displays, listing the valid ones', () => {
      const r = tx.validateCode(`${BASE}/ValueSet/all`, { system: STATUS, code: 'delivre', display: 'Abgegeben' });
      expect(r.status).to.equal('valid');
      expect(message(r)).to.equal(
        `Wrong Display Name 'Abgegeben' for ${STATUS}#delivre. Valid display is one of 2 choices: 'Délivré' or 'Dispensed' (en)`,
      );
      expect(
        message(tx.validateCode(`${BASE}/ValueSet/all`, { system: STATUS, code: 'delivre', display: 'Delivre' })),
      ).to.contain('Wrong Display Name');
    });

    it("accepts a value set's own display for a code as well as the code system's", () => {
      const v = `${BASE}/ValueSet/import`;
      expect(tx.validateCode(v, { system: STATUS, code: 'en-attente', display: 'Pending' })).to.deep.equal({
        status: 'valid',
        source: 'local',
      });
      expect(tx.validateCode(v, { system: STATUS, code: 'en-attente', display: 'En attente' })).to.deep.equal({
        status: 'valid',
        source: 'local',
      });
    });
  });

  it('follows CodeSystem.caseSensitive', () => {
    expect(tx.validateInSystem({ system: routeSystem.url, code: 'po' }).status).to.equal('valid');
    expect(tx.validateCode(`${BASE}/ValueSet/route`, { system: routeSystem.url, code: 'iv' }).status).to.equal('valid');
  });

  it('treats codes missing from a fragment as not checked', () => {
    expect(tx.validateCode(`${BASE}/ValueSet/fragment`, { system: fragmentSystem.url, code: 'a' }).status).to.equal(
      'valid',
    );
    const r = tx.validateCode(`${BASE}/ValueSet/fragment`, { system: fragmentSystem.url, code: 'b' });
    expect(r.status).to.equal('not-checked');
    expect(message(r)).to.contain('labeled as a fragment');
    expect(message(tx.validateInSystem({ system: fragmentSystem.url, code: 'b' }))).to.contain(
      `Unknown Code 'b' in the CodeSystem '${fragmentSystem.url}' - note that the code system is labeled as a fragment`,
    );
  });

  it('does not check a code system version it does not hold', () => {
    const r = tx.validateCode(`${BASE}/ValueSet/all`, { system: STATUS, version: '2.0.0', code: 'delivre' });
    expect(r.status).to.equal('not-checked');
    expect(message(r)).to.contain('Valid versions: 1.0.0');
    expect(
      tx.validateCode(`${BASE}/ValueSet/all`, { system: STATUS, version: '1.0.0', code: 'delivre' }).status,
    ).to.equal('valid');
  });

  it('survives a value set that imports itself', () => {
    expect(tx.validateCode(`${BASE}/ValueSet/loops`, { system: STATUS, code: 'annule' }).status).to.equal('valid');
    expect(tx.validateCode(`${BASE}/ValueSet/loops`, { system: STATUS, code: 'delivre' }).status).to.equal(
      'not-checked',
    );
  });

  it('leaves the base registry untouched, and still answers core value sets', () => {
    const core = new TerminologyService(coreRegistry());
    expect(core.validateCode(`${BASE}/ValueSet/all`, { system: STATUS, code: 'delivre' }).status).to.equal(
      'not-checked',
    );
    expect(core.validateInSystem({ system: STATUS, code: 'delivre' }).status).to.equal('not-checked');
    expect(tx.validateCode('http://hl7.org/fhir/ValueSet/administrative-gender', { code: 'other' }).status).to.equal(
      'valid',
    );
  });

  it('recompiles a core value set when a layer redefines what it depends on', () => {
    const other = coreRegistry().layer();
    other.add({
      resourceType: 'CodeSystem',
      url: 'http://hl7.org/fhir/administrative-gender',
      version: '4.0.1',
      status: 'active',
      content: 'complete',
      concept: [
        { code: 'male' },
        { code: 'female' },
        { code: 'other' },
        { code: 'unknown' },
        { code: 'x', display: 'Non-binary' },
      ],
    } as CodeSystem);
    const gender = 'http://hl7.org/fhir/ValueSet/administrative-gender';
    expect(new TerminologyService(other).validateCode(gender, { code: 'x' }).status).to.equal('valid');
    expect(new TerminologyService(coreRegistry()).validateCode(gender, { code: 'x' }).status).to.equal('invalid');
  });

  it('combines rule-based and enumerated parts (intersections, exclusions, re-inclusions)', () => {
    const u = 'http://unitsofmeasure.org';
    const g = 'http://hl7.org/fhir/administrative-gender';
    const algebra = coreRegistry().layer();
    const add = (id: string, compose: ValueSet['compose']) => algebra.add(vs(id, compose));
    add('ucum-age', {
      include: [{ valueSet: ['http://hl7.org/fhir/ValueSet/ucum-units', 'http://hl7.org/fhir/ValueSet/age-units'] }],
    });
    add('ucum-time', {
      include: [
        { valueSet: ['http://hl7.org/fhir/ValueSet/ucum-units', 'http://hl7.org/fhir/ValueSet/all-time-units'] },
      ],
    });
    add('ucum-minus-mg', { include: [{ system: u }], exclude: [{ system: u, concept: [{ code: 'mg' }] }] });
    add('ucum-minus-time', {
      include: [{ system: u }],
      exclude: [{ system: u, filter: [{ property: 'canonical', op: '=', value: 's' }] }],
    });
    add('gender-minus-other', { include: [{ system: g }], exclude: [{ system: g, concept: [{ code: 'other' }] }] });
    add('readd', {
      include: [{ valueSet: [`${BASE}/ValueSet/gender-minus-other`] }, { system: g, concept: [{ code: 'other' }] }],
    });
    add('system-and-vs', { include: [{ system: g, valueSet: [`${BASE}/ValueSet/gender-minus-other`] }] });
    const t = new TerminologyService(algebra);
    const status = (id: string, system: string, code: string) =>
      t.validateCode(`${BASE}/ValueSet/${id}`, { system, code }).status;
    expect(codes(t, 'ucum-age')).to.deep.equal(['a', 'd', 'h', 'min', 'mo', 'wk']);
    expect(t.expand(`${BASE}/ValueSet/ucum-age`)?.contains.find((c) => c.code === 'mo')?.display).to.equal('months');
    expect([
      status('ucum-time', u, 'h'),
      status('ucum-time', u, 'mg'),
      status('ucum-time', u, 'kilogramz'),
    ]).to.deep.equal(['valid', 'invalid', 'invalid']);
    expect([status('ucum-minus-mg', u, 'mg'), status('ucum-minus-mg', u, 'g')]).to.deep.equal(['invalid', 'valid']);
    expect([status('ucum-minus-time', u, 'h'), status('ucum-minus-time', u, 'g')]).to.deep.equal(['invalid', 'valid']);
    expect([
      status('gender-minus-other', g, 'other'),
      status('readd', g, 'other'),
      status('readd', g, 'male'),
    ]).to.deep.equal(['invalid', 'valid', 'valid']);
    expect([status('system-and-vs', g, 'male'), status('system-and-vs', g, 'other')]).to.deep.equal([
      'valid',
      'invalid',
    ]);
  });

  it('takes more rule-based systems as providers (the hook for Québec rules)', () => {
    const din: SystemProvider = {
      system: 'http://hl7.org/fhir/NamingSystem/ca-hc-din',
      name: 'Health Canada DIN',
      caseSensitive: true,
      check: (code) => (/^\d{8}$/.test(code) ? { valid: true } : { valid: false, message: 'a DIN has 8 digits' }),
    };
    const withDin = new TerminologyService(layer, { providers: [din] });
    expect(withDin.validateInSystem({ system: din.system, code: '02242903' }).status).to.equal('valid');
    expect(message(withDin.validateInSystem({ system: din.system, code: '2242903' }))).to.contain('a DIN has 8 digits');
    expect(tx.validateInSystem({ system: din.system, code: '02242903' }).status).to.equal('not-checked');
  });
});
