import { expect } from 'chai';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { IDENTIFIER_RULES, NAM_SYSTEM, checkIdentifier, checkNamAgainst, makeNam, ruleForSystem } from '../../src/identifiers/index.js';
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
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.system === 'string' && ruleForSystem(o.system)) {
      const value = typeof o.value === 'string' ? o.value : typeof o.code === 'string' ? o.code : undefined;
      if (value !== undefined) out.push({ where: `${resource.resourceType}/${resource.id}${path}`, system: o.system, value });
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  walk(resource, '');
  return out;
}

/**
 * Reference-data identifiers that break the rules, with the rules they break.
 * Empty: the NAMs of the seed data were corrected (TREM85562512 -> TREM85562515,
 * COTL48021711 -> COTL48021719, BELS93590809 -> BELS93590817, GAGJ62110314 ->
 * GAGJ62110316, the makeNam() values). An entry whose value is no longer in
 * the seed data is ignored; one still there must break exactly these rules
 * (so a change of rule or of data is noticed), and its suggested replacement
 * (makeNam) is checked below.
 */
const KNOWN_REFERENCE_DEFECTS: Record<string, { rules: string[]; suggested: string }> = {};

/** Defects that show only against the holder's birth date (a check digit right for the other century). Empty, likewise. */
const KNOWN_REFERENCE_DEFECTS_WITH_BIRTH_DATE: Record<string, { rules: string[]; suggested: string }> = {
  ...KNOWN_REFERENCE_DEFECTS,
};

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
    for (const key of ['nam', 'cmq', 'opq', 'din'] as const) expect(ruleForSystem(QC_SYSTEMS[key]), key).to.not.equal(undefined);
  });

  it('reports a system without a rule as not checked, never as a pass', () => {
    expect(checkIdentifier('urn:oid:1.2.3', 'anything')).to.deep.equal({ checked: false, system: 'urn:oid:1.2.3', value: 'anything' });
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
    expect([...systems]).to.have.members([QC_SYSTEMS.nam, QC_SYSTEMS.cmq, QC_SYSTEMS.opq, QC_SYSTEMS.oiiq, QC_SYSTEMS.din]);
  });

  it('every identifier passes the rule of its system, apart from the known defects listed here', () => {
    const failures = found
      .map((f) => ({ ...f, problems: checkIdentifier(f.system, f.value) }))
      .filter((f) => f.problems.checked && f.problems.problems.length > 0 && !(f.value in KNOWN_REFERENCE_DEFECTS))
      .map((f) => `${f.where}: ${f.problems.checked ? f.problems.problems.map((p) => p.message).join('; ') : ''}`);
    expect(failures).to.deep.equal([]);
  });

  it('the known defects still present break exactly the listed rules', () => {
    for (const f of found) {
      const known = KNOWN_REFERENCE_DEFECTS[f.value];
      if (!known) continue;
      const r = checkIdentifier(f.system, f.value);
      expect(r.checked && r.problems.map((p) => p.rule), f.where).to.deep.equal(known.rules);
    }
  });

  it('every patient NAM matches the patient (birth date, sex, century of the check digit), apart from the known defects', () => {
    const patients = SEED_RESOURCES.filter((r): r is Patient => r.resourceType === 'Patient');
    expect(patients.length).to.be.greaterThan(0);
    const unexpected: string[] = [];
    for (const p of patients) {
      for (const id of p.identifier ?? []) {
        if (id.system !== NAM_SYSTEM || id.value === undefined) continue;
        const problems = checkNamAgainst(id.value, { birthDate: p.birthDate, sex: p.gender });
        const known = KNOWN_REFERENCE_DEFECTS_WITH_BIRTH_DATE[id.value];
        if (known) expect(problems.map((x) => x.rule), `Patient/${p.id}`).to.deep.equal(known.rules);
        else if (problems.length > 0) unexpected.push(`Patient/${p.id}: ${problems.map((x) => x.message).join('; ')}`);
      }
    }
    expect(unexpected).to.deep.equal([]);
  });

  it('the suggested replacements of the defective NAMs are valid for their patients', () => {
    const patients = SEED_RESOURCES.filter((r): r is Patient => r.resourceType === 'Patient');
    for (const [value, { suggested }] of Object.entries(KNOWN_REFERENCE_DEFECTS_WITH_BIRTH_DATE)) {
      const p = patients.find((x) => x.identifier?.some((i) => i.value === value));
      if (!p) continue;
      const name = p.name?.[0];
      const sex = p.gender === 'female' ? 'female' : 'male';
      const admin = Number(suggested[10]);
      expect(makeNam({ surname: name?.family ?? '', given: name?.given?.[0] ?? '', birthDate: p.birthDate ?? '', sex, admin }), `Patient/${p.id}`).to.equal(suggested);
      expect(checkNamAgainst(suggested, { birthDate: p.birthDate, sex: p.gender })).to.deep.equal([]);
    }
  });

  it('REFERENCE_TEST_DATA.patientNam is the NAM of the test patient, and valid', () => {
    const r = checkIdentifier(QC_SYSTEMS.nam, REFERENCE_TEST_DATA.patientNam);
    const known = KNOWN_REFERENCE_DEFECTS[REFERENCE_TEST_DATA.patientNam];
    expect(r.checked && r.problems.map((p) => p.rule)).to.deep.equal(known ? known.rules : []);
  });
});
