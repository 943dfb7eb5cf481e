import type { Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import {
  checkIdentifier,
  checkNamAgainst,
  IDENTIFIER_RULES,
  NAM_SYSTEM,
  ruleForSystem,
} from '../../src/identifiers/index.js';
import { QC_SYSTEMS, REFERENCE_TEST_DATA, SEED_RESOURCES } from '../../src/reference/data.js';

interface Found {
  where: string;
  system: string;
  value: string;
}

/** Every Identifier (system + value) and Coding (system + code) of a resource whose system has a rule. */
function identifiersIn(resource: Resource): Found[] {
  const out: Found[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.system === 'string' && ruleForSystem(o.system)) {
      const value = typeof o.value === 'string' ? o.value : typeof o.code === 'string' ? o.code : undefined;
      if (value !== undefined)
        out.push({ where: `${resource.resourceType}/${resource.id}${path}`, system: o.system, value });
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  walk(resource, '');
  return out;
}

describe('identifiers: rule registry', () => {
  it('has one rule per system, each with a bilingual name and a cited source', () => {
    const systems = IDENTIFIER_RULES.map((r) => r.system);
    expect(new Set(systems).size).to.equal(systems.length);
    for (const rule of IDENTIFIER_RULES) {
      expect(rule.name.fr, rule.system).to.be.a('string').that.is.not.empty;
      expect(rule.name.en, rule.system).to.be.a('string').that.is.not.empty;
      expect(rule.source, rule.system).to.match(/https?:\/\//);
    }
    expect(systems).to.have.members([
      'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id',
      'http://hl7.org/fhir/NamingSystem/ca-hc-din',
      'https://fhir.quebec.ca/NamingSystem/cmq',
      'https://fhir.quebec.ca/NamingSystem/opq',
      'https://fhir.quebec.ca/NamingSystem/oiiq',
    ]);
  });

  it('finds a rule by its exact system URI, and none for other systems', () => {
    for (const rule of IDENTIFIER_RULES) expect(ruleForSystem(rule.system)).to.equal(rule);
    expect(ruleForSystem('http://loinc.org')).to.equal(undefined);
    expect(ruleForSystem(`${NAM_SYSTEM}/`)).to.equal(undefined);
    expect(ruleForSystem('')).to.equal(undefined);
  });

  it('covers every identifier system of the reference target', () => {
    for (const key of ['nam', 'cmq', 'opq', 'din'] as const)
      expect(ruleForSystem(QC_SYSTEMS[key]), key).to.not.equal(undefined);
  });

  it('reports a system without a rule as not checked, never as a pass', () => {
    expect(checkIdentifier('urn:oid:1.2.3', 'anything')).to.deep.equal({
      checked: false,
      system: 'urn:oid:1.2.3',
      value: 'anything',
    });
    const r = checkIdentifier(QC_SYSTEMS.din, '123');
    expect(r.checked).to.equal(true);
    expect(r.checked && r.problems.map((p) => p.rule)).to.deep.equal(['din-format']);
  });

  it('every rule rejects an empty value with a message naming the identifier and the rule', () => {
    for (const rule of IDENTIFIER_RULES) {
      const problems = rule.check('');
      expect(problems, rule.system).to.have.length(1);
      expect(problems[0]?.rule).to.match(/^[a-z]+-[a-z-]+$/);
      expect(problems[0]?.message).to.match(/''.*\(.+\)$/);
    }
  });
});

describe('identifiers: the reference target data (src/reference/data.ts SEED_RESOURCES)', () => {
  const found = SEED_RESOURCES.flatMap(identifiersIn);

  it('carries identifiers of every checked kind', () => {
    const systems = new Set(found.map((f) => f.system));
    expect([...systems]).to.have.members([
      QC_SYSTEMS.nam,
      QC_SYSTEMS.cmq,
      QC_SYSTEMS.opq,
      QC_SYSTEMS.oiiq,
      QC_SYSTEMS.din,
    ]);
  });

  it('every identifier passes the rule of its system', () => {
    const failures = found
      .map((f) => ({ ...f, problems: checkIdentifier(f.system, f.value) }))
      .filter((f) => !f.problems.checked || f.problems.problems.length > 0)
      .map(
        (f) =>
          `${f.where}: ${f.problems.checked ? f.problems.problems.map((p) => p.message).join('; ') : 'not checked'}`,
      );
    expect(found.length).to.be.greaterThan(0);
    expect(failures).to.deep.equal([]);
  });

  it('every patient NAM matches the patient (birth date, sex, century of the check digit)', () => {
    const patients = SEED_RESOURCES.filter((r): r is Patient => r.resourceType === 'Patient');
    const problems: string[] = [];
    let checked = 0;
    for (const p of patients) {
      for (const id of p.identifier ?? []) {
        if (id.system !== NAM_SYSTEM || id.value === undefined) continue;
        checked++;
        const found = checkNamAgainst(id.value, { birthDate: p.birthDate, sex: p.gender });
        if (found.length > 0) problems.push(`Patient/${p.id}: ${found.map((x) => x.message).join('; ')}`);
      }
    }
    expect(checked, 'NAMs checked').to.be.greaterThan(0);
    expect(problems).to.deep.equal([]);
  });

  it('REFERENCE_TEST_DATA.patientNam is the NAM of the test patient, and valid', () => {
    const r = checkIdentifier(QC_SYSTEMS.nam, REFERENCE_TEST_DATA.patientNam);
    expect(r.checked && r.problems.map((p) => p.rule)).to.deep.equal([]);
  });
});
