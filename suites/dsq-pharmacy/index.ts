/**
 * dsq-pharmacy: a community pharmacy's system as the DSQ needs it. The
 * pharmacist reads the patient's medication profile (by patient, NAM, period
 * and status), submits, corrects and cancels dispenses without losing their
 * history, is held to the pharmacist's access rules, and the medication data
 * is coded. Expected results are derived from the data the target returns
 * (e.g. the period searched lies between the patient's own dispenses), so the
 * suite runs on any vendor's test data that follows `homolog fixtures`.
 */
import { randomUUID } from 'node:crypto';
import type {
  AuditEvent,
  Bundle,
  MedicationDispense,
  MedicationRequest,
  OperationOutcome,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { type AccessPolicy, allows, loadPolicy } from '../../src/access/policy.js';
import type { FhirClient, FhirResponse } from '../../src/fhir/client.js';
import { isOperationOutcome, resourcesOf } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import { DIN_SYSTEM, NAM_SYSTEM } from '../../src/identifiers/index.js';
import { expectActionable } from '../../src/suite/actionability.js';
import { asRole } from '../../src/suite/actors.js';
import { defineSuite, type TestContext } from '../../src/suite/api.js';
import { listed, requireSome } from '../../src/suite/assertions.js';
import { conformanceErrors } from '../../src/suite/chai-fhir.js';
import { createdIdOf, keyOf, labelOf, patientIdOf, refersTo } from '../../src/suite/references.js';
import { consentRefusalProblems, denialProblems } from '../../src/suite/refusal.js';
import { searchAll } from '../../src/suite/search-all.js';

const DISPENSE_PROFILE = 'https://homolog.quebec/fhir/StructureDefinition/qc-medicationdispense';
/** Business identifiers of the dispenses the suite submits (the pharmacy's prescription-fill number). */
const FILL_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx';

const label = (res: HttpResponse): string => `${res.method} ${res.url}`;
const idsOf = (resources: readonly Resource[]): string[] => resources.map((r) => r.id ?? '?').sort();

let policyPromise: Promise<AccessPolicy> | undefined;
const policy = (): Promise<AccessPolicy> => (policyPromise ??= loadPolicy());

/** The pharmacist's FHIR client: the actor with role pharmacist (skips without one). */
const pharmacist = (t: TestContext): Promise<FhirClient> => asRole(t, 'pharmacist');

/** The test patient's own dispenses (another patient's, wrongly returned, are PH-PROF-01's finding, not a basis for other checks). */
async function patientDispenses(t: TestContext, client: FhirClient): Promise<MedicationDispense[]> {
  const patient = t.input('patientId');
  return (await searchAll<MedicationDispense>(client, 'MedicationDispense', { patient, _count: 100 })).filter(
    (d) => patientIdOf(d) === patient,
  );
}

/** The test patient's dispenses and prescriptions (skips when there are none). */
async function patientMedications(
  t: TestContext,
  client: FhirClient,
): Promise<{ dispenses: MedicationDispense[]; requests: MedicationRequest[] }> {
  const dispenses = await patientDispenses(t, client);
  const requests = await searchAll<MedicationRequest>(client, 'MedicationRequest', {
    patient: t.input('patientId'),
    _count: 100,
  });
  requireSome([...dispenses, ...requests], t, 'MedicationDispense or MedicationRequest', 'dsq-pharmacy');
  return { dispenses, requests };
}

/** Compares the ids a search returned with the ids expected, naming both sides. */
function expectSameIds(res: HttpResponse, got: readonly Resource[], expected: readonly Resource[], what: string): void {
  const gotIds = idsOf(got);
  const expectedIds = idsOf(expected);
  const extra = gotIds.filter((id) => !expectedIds.includes(id));
  const missing = expectedIds.filter((id) => !gotIds.includes(id));
  expect(
    { extra, missing },
    `${label(res)}: ${what}; unexpected: ${listed(extra) || 'none'}; missing: ${listed(missing) || 'none'}`,
  ).to.deep.equal({ extra: [], missing: [] });
}

/** The entries of that type in a Bundle answer; none for any other answer. */
function entriesOf<T extends Resource>(res: FhirResponse, type: string): T[] {
  return res.resource?.resourceType === 'Bundle' ? resourcesOf(res.resource as Bundle<T>, type) : [];
}

/** A search's matches (entries of its type), after checking it answered 200 with a Bundle. */
function matchesOf<T extends Resource>(res: FhirResponse, type: string): T[] {
  expect(res.status, `${label(res.http)}: expected 200 and a searchset Bundle, got ${res.status}`).to.equal(200);
  expect(res.resource?.resourceType, `${label(res.http)}: expected a Bundle`).to.equal('Bundle');
  return entriesOf<T>(res, type);
}

/** The OperationOutcome a request answered with, if any (whatever resource type was asked for). */
function outcomeOf(res: FhirResponse<Resource>): OperationOutcome | undefined {
  const body: Resource | undefined = res.resource;
  return isOperationOutcome(body) ? body : undefined;
}

/** Whether an AuditEvent's entities name the text: a reference, a display, or a (base64) query. */
function auditMentions(event: AuditEvent, text: string): boolean {
  return (event.entity ?? []).some((e) =>
    [
      e.what?.reference,
      e.what?.display,
      e.query === undefined ? undefined : Buffer.from(e.query, 'base64').toString('utf8'),
    ].some((v) => v?.includes(text)),
  );
}

/**
 * A new dispense for the test patient, modelled on one of their conformant
 * dispenses (so it carries the vendor's own drug and quantity conventions),
 * with a fresh business identifier.
 */
async function newDispense(t: TestContext, client: FhirClient): Promise<MedicationDispense> {
  const model = (await patientDispenses(t, client)).find(
    (d) => d.status === 'completed' && conformanceErrors(d, DISPENSE_PROFILE).length === 0,
  );
  if (!model)
    t.skip(
      'the test patient has no completed dispense that conforms to qc-medicationdispense to model a submission on',
    );
  const {
    id: _id,
    meta: _meta,
    text: _text,
    identifier: _identifier,
    ...rest
  } = structuredClone(model) as MedicationDispense;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  return {
    ...rest,
    meta: { profile: [DISPENSE_PROFILE] },
    identifier: [{ system: FILL_SYSTEM, value: `homolog-${randomUUID()}` }],
    status: 'completed',
    subject: { reference: `Patient/${t.input('patientId')}` },
    performer: [{ actor: { reference: `Practitioner/${t.input('pharmacistId')}` } }],
    authorizingPrescription: [{ reference: `MedicationRequest/${t.input('medicationRequestId')}` }],
    whenPrepared: now,
    whenHandedOver: now,
  };
}

function dinOf(resource: {
  medicationCodeableConcept?: MedicationDispense['medicationCodeableConcept'];
}): string | undefined {
  return resource.medicationCodeableConcept?.coding?.find((c) => c.system === DIN_SYSTEM)?.code;
}

/** The dispense the submission test created (skips when that test did not create one). */
function submitted(t: TestContext): { id: string; firstVersion: string | undefined; quantity: number | undefined } {
  const res = t.saved('dispense-submitted');
  const body = res.json<MedicationDispense>();
  const id = body.id ?? keyOf(res.headers.location)?.id;
  if (!id) t.skip('the submitted dispense has no id');
  return { id: id as string, firstVersion: body.meta?.versionId, quantity: body.quantity?.value };
}

/** Reads the current version: resource and ETag. */
async function current(
  client: FhirClient,
  id: string,
): Promise<{ resource: MedicationDispense & { id: string }; etag: string; res: FhirResponse<MedicationDispense> }> {
  const res = await client.read<MedicationDispense>('MedicationDispense', id);
  expect(res.status, `${label(res.http)}: expected 200, got ${res.status}`).to.equal(200);
  const etag =
    res.http.headers.etag ?? (res.resource?.meta?.versionId ? `W/"${res.resource.meta.versionId}"` : undefined);
  expect(
    etag,
    `${label(res.http)}: no ETag header and no meta.versionId: a version-aware update is impossible`,
  ).to.be.a('string');
  return { resource: res.resource as MedicationDispense & { id: string }, etag: etag as string, res };
}

function outcomeMentions(outcome: OperationOutcome | undefined, words: readonly RegExp[]): boolean {
  return (outcome?.issue ?? []).some(
    (i) =>
      (i.severity === 'error' || i.severity === 'fatal') &&
      words.some((w) =>
        w.test([...(i.expression ?? []), ...(i.location ?? []), i.diagnostics ?? '', i.details?.text ?? ''].join(' ')),
      ),
  );
}

export default defineSuite('dsq-pharmacy', [
  {
    id: 'dispenses-by-patient',
    title: 'MedicationDispense?patient= returns the patient’s dispenses and only theirs',
    description:
      'The pharmacist searches the medication profile by patient: the searchset is not empty and every dispense’s subject is that patient.',
    verifies: ['PH-PROF-01'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search<MedicationDispense>('MedicationDispense', { patient, _count: 100 });
      const dispenses = matchesOf<MedicationDispense>(res, 'MedicationDispense');
      requireSome(dispenses, t, 'MedicationDispense', 'dsq-pharmacy');
      const foreign = dispenses
        .filter((d) => patientIdOf(d) !== patient)
        .map((d) => `${labelOf(d)} (subject ${d.subject?.reference ?? 'none'})`);
      expect(
        foreign,
        `${label(res.http)}: ${foreign.length} dispense(s) of another patient returned: ${listed(foreign)}`,
      ).to.deep.equal([]);
    },
  },
  {
    id: 'dispenses-by-nam',
    title: 'Dispenses found by the patient’s NAM are the same as by the patient’s id',
    description:
      'The chained search MedicationDispense?patient.identifier=<NAM system>|<NAM> finds the patient from the health-insurance card.',
    verifies: ['PH-PROF-02'],
    inputs: ['patientId', 'patientNam'],
    tags: ['medications', 'search', 'identifiers'],
    async run(t) {
      const client = await pharmacist(t);
      const byId = await patientDispenses(t, client);
      requireSome(byId, t, 'MedicationDispense', 'dsq-pharmacy');
      // The NAM on the patient's record, as a pharmacist would read it from the card; testData names it otherwise.
      const record = await client.read<Patient>('Patient', t.input('patientId'));
      const nam = record.resource?.identifier?.find((i) => i.system === NAM_SYSTEM)?.value ?? t.input('patientNam');
      const res = await client.search<MedicationDispense>('MedicationDispense', {
        'patient.identifier': `${NAM_SYSTEM}|${nam}`,
        _count: 100,
      });
      expectSameIds(
        res.http,
        matchesOf(res, 'MedicationDispense'),
        byId,
        'the dispenses found by NAM differ from those found by patient id',
      );
    },
  },
  {
    id: 'dispenses-by-period',
    title: 'whenhandedover=ge…&whenhandedover=le… returns exactly the dispenses handed over in the period',
    description:
      'The period is chosen between the patient’s own dispenses, so that some fall inside it and some outside.',
    verifies: ['PH-PROF-03'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const all = (await patientDispenses(t, client)).filter((d) => d.whenHandedOver !== undefined);
      const instants = [...new Set(all.map((d) => Date.parse(d.whenHandedOver as string)))]
        .filter((n) => !Number.isNaN(n))
        .sort((a, b) => a - b);
      if (instants.length < 3)
        t.skip(
          `the test patient has ${instants.length} distinct hand-over times; 3 are needed to test a period with dispenses on both sides`,
        );
      const from = instants[1] as number;
      const to = instants[instants.length - 2] as number;
      const expected = all.filter((d) => {
        const at = Date.parse(d.whenHandedOver as string);
        return at >= from && at <= to;
      });
      const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
      const res = await client.search<MedicationDispense>('MedicationDispense', {
        patient: t.input('patientId'),
        whenhandedover: [`ge${iso(from)}`, `le${iso(to)}`],
        _count: 100,
      });
      expectSameIds(
        res.http,
        matchesOf(res, 'MedicationDispense'),
        expected,
        `expected the ${expected.length} dispense(s) handed over from ${iso(from)} to ${iso(to)}`,
      );
    },
  },
  {
    id: 'dispenses-by-status',
    title: 'status=completed leaves out cancelled dispenses',
    verifies: ['PH-PROF-04'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const all = await patientDispenses(t, client);
      if (!all.some((d) => d.status !== 'completed'))
        t.skip(
          'the test patient has no dispense that is not completed (e.g. cancelled); the status filter cannot be told apart from no filter',
        );
      const res = await client.search<MedicationDispense>('MedicationDispense', {
        patient: t.input('patientId'),
        status: 'completed',
        _count: 100,
      });
      expectSameIds(
        res.http,
        matchesOf(res, 'MedicationDispense'),
        all.filter((d) => d.status === 'completed'),
        'expected only the completed dispenses',
      );
    },
  },
  {
    id: 'active-prescriptions',
    title: 'MedicationRequest?patient=&status=active returns only the patient’s active prescriptions',
    verifies: ['PH-PROF-05'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search<MedicationRequest>('MedicationRequest', {
        patient,
        status: 'active',
        _count: 100,
      });
      const requests = matchesOf<MedicationRequest>(res, 'MedicationRequest');
      requireSome(requests, t, 'active MedicationRequest', 'dsq-pharmacy');
      const wrong = requests
        .filter((r) => r.status !== 'active' || patientIdOf(r) !== patient)
        .map((r) => `${labelOf(r)} (status ${r.status}, subject ${r.subject?.reference ?? 'none'})`);
      expect(
        wrong,
        `${label(res.http)}: ${wrong.length} prescription(s) that are not active prescriptions of the patient: ${listed(wrong)}`,
      ).to.deep.equal([]);
    },
  },
  {
    id: 'medication-statements',
    title: 'MedicationStatement?patient= returns the patient’s reported medications',
    verifies: ['PH-PROF-06'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search('MedicationStatement', { patient, _count: 100 });
      const statements = matchesOf(res, 'MedicationStatement');
      expect(
        statements.length,
        `${label(res.http)}: no MedicationStatement for the test patient, whose test data holds at least one`,
      ).to.be.greaterThan(0);
      const foreign = statements.filter((s) => patientIdOf(s) !== patient).map(labelOf);
      expect(foreign, `${label(res.http)}: statements of another patient: ${listed(foreign)}`).to.deep.equal([]);
    },
  },
  {
    id: 'references-resolve',
    title: 'Pharmacist, prescription and prescriber references resolve',
    description:
      'Each dispense’s performer and authorizing prescription, and each prescription’s requester, can be read.',
    verifies: ['PH-REF-01'],
    inputs: ['patientId'],
    tags: ['medications', 'references'],
    async run(t) {
      const client = await pharmacist(t);
      const { dispenses, requests } = await patientMedications(t, client);
      const wanted = new Map<string, string>();
      const want = (from: Resource, ref: string | undefined, role: string, types: readonly string[]): void => {
        const key = keyOf(ref);
        if (ref === undefined || ref.startsWith('#')) return;
        if (!key || !types.includes(key.type))
          wanted.set(
            `${labelOf(from)} ${role}`,
            `malformed or unexpected reference ${JSON.stringify(ref)} (expected ${types.join(' or ')})`,
          );
        else wanted.set(`${labelOf(from)} ${role}`, `${key.type}/${key.id}`);
      };
      for (const d of dispenses) {
        for (const p of d.performer ?? []) {
          want(d, p.actor?.reference, 'performer', ['Practitioner', 'PractitionerRole', 'Organization']);
        }
        for (const p of d.authorizingPrescription ?? []) {
          want(d, p.reference, 'authorizingPrescription', ['MedicationRequest']);
        }
      }
      for (const r of requests) want(r, r.requester?.reference, 'requester', ['Practitioner', 'PractitionerRole']);
      const problems: string[] = [];
      const seen = new Map<string, number>();
      for (const [where, target] of wanted) {
        const key = keyOf(target);
        if (!key) {
          problems.push(`${where}: ${target}`);
          continue;
        }
        let status = seen.get(target);
        if (status === undefined) {
          status = (await client.read(key.type, key.id)).status;
          seen.set(target, status);
        }
        if (status !== 200) problems.push(`${where} → ${target}: GET answered ${status}`);
      }
      expect(problems, `${problems.length} reference(s) do not resolve: ${listed(problems)}`).to.deep.equal([]);
    },
  },
  {
    id: 'medication-data-actionable',
    title: 'The patient’s dispenses and prescriptions are coded (DIN) and conform to the Québec profiles',
    description:
      'The actionability score of the medications domain: a drug named only in free text cannot be checked for interactions.',
    verifies: ['PH-ACT-01'],
    inputs: ['patientId'],
    tags: ['medications', 'actionability'],
    async run(t) {
      const client = await pharmacist(t);
      const { dispenses, requests } = await patientMedications(t, client);
      // A cancelled dispense is history, not the current profile: it is not scored.
      expectActionable(
        t,
        'medications',
        [...dispenses.filter((d) => d.status !== 'cancelled' && d.status !== 'entered-in-error'), ...requests],
        1,
      );
    },
  },
  {
    id: 'submit-dispense',
    title: 'A conformant dispense is created (201, Location) and reads back as submitted',
    verifies: ['PH-SUB-01'],
    makes: ['dispense-submitted'],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const res = await client.create(dispense, { headers: { prefer: 'return=representation' } });
      expect(res.status, `${label(res.http)}: expected 201 Created, got ${res.status}`).to.equal(201);
      const location = res.http.headers.location;
      expect(
        keyOf(location)?.type,
        `${label(res.http)}: expected a Location header naming MedicationDispense/<id>, got ${location ?? 'none'}`,
      ).to.equal('MedicationDispense');
      const id = createdIdOf(res, 'MedicationDispense') as string;
      const back = await client.read<MedicationDispense>('MedicationDispense', id);
      expect(back.status, `${label(back.http)}: the created dispense cannot be read (${back.status})`).to.equal(200);
      const stored = back.resource as MedicationDispense;
      const differences = [
        dinOf(stored) === dinOf(dispense)
          ? undefined
          : `DIN ${dinOf(stored) ?? 'none'} instead of ${dinOf(dispense) ?? 'none'}`,
        stored.quantity?.value === dispense.quantity?.value && stored.quantity?.code === dispense.quantity?.code
          ? undefined
          : `quantity ${JSON.stringify(stored.quantity)} instead of ${JSON.stringify(dispense.quantity)}`,
        refersTo(stored.subject, 'Patient', t.input('patientId'))
          ? undefined
          : `subject ${stored.subject?.reference ?? 'none'}`,
        stored.identifier?.some((i) => i.system === FILL_SYSTEM && i.value === dispense.identifier?.[0]?.value)
          ? undefined
          : 'the identifier submitted is missing',
      ].filter((d): d is string => d !== undefined);
      expect(
        differences,
        `${label(back.http)}: the stored dispense differs from the submission: ${differences.join('; ')}`,
      ).to.deep.equal([]);
      t.save('dispense-submitted', back.http);
    },
  },
  {
    id: 'invalid-dispense-refused',
    title: 'A dispense with an invalid DIN is refused with 400/422 and an OperationOutcome naming the problem',
    verifies: ['PH-SUB-02'],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write', 'identifiers'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const din = dinOf(dispense);
      if (din === undefined) t.skip('the model dispense has no DIN coding to break');
      // A DIN is 8 digits; dropping one is the classic leading-zero loss of spreadsheets.
      const broken = (din as string).slice(1);
      for (const c of dispense.medicationCodeableConcept?.coding ?? []) if (c.system === DIN_SYSTEM) c.code = broken;
      const res = await client.create(dispense);
      expect([400, 422], `${label(res.http)} with DIN ${broken}: expected 400 or 422, got ${res.status}`).to.include(
        res.status,
      );
      const outcome = outcomeOf(res);
      expect(outcome, `${label(res.http)}: the refusal carries no OperationOutcome`).to.not.equal(undefined);
      const named = outcomeMentions(outcome, [/medication/i, /\bDIN\b/i, new RegExp(broken)]);
      expect(
        named,
        `${label(res.http)}: no error issue of the OperationOutcome names the medication coding or the DIN ${broken}`,
      ).to.equal(true);
      const check = await client.search('MedicationDispense', {
        identifier: `${FILL_SYSTEM}|${dispense.identifier?.[0]?.value ?? ''}`,
      });
      expect(
        matchesOf(check, 'MedicationDispense'),
        `${label(check.http)}: the refused dispense was stored anyway`,
      ).to.have.length(0);
    },
  },
  {
    id: 'conditional-create',
    title: 'Submitting the same dispense twice with If-None-Exist creates it once',
    description:
      'A pharmacy system retries after a timeout; the conditional create on the dispense’s identifier keeps the record free of duplicates. The second answer is 200 with the existing dispense.',
    verifies: ['PH-SUB-03'],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const identifier = `${FILL_SYSTEM}|${dispense.identifier?.[0]?.value ?? ''}`;
      const headers = { 'if-none-exist': `identifier=${identifier}` };
      const first = await client.create(dispense, { headers });
      expect(
        first.status,
        `${label(first.http)} (If-None-Exist: identifier=${identifier}): expected 201, got ${first.status}`,
      ).to.equal(201);
      const second = await client.create(dispense, { headers });
      const found = await client.search('MedicationDispense', { identifier });
      const count = matchesOf(found, 'MedicationDispense').length;
      expect(
        count,
        `${label(found.http)}: ${count} dispenses carry the identifier after two conditional creates (second answered ${second.status})`,
      ).to.equal(1);
      expect(
        second.status,
        `${label(second.http)}: the repeated conditional create must answer 200 (one match), got ${second.status}`,
      ).to.equal(200);
    },
  },
  {
    id: 'correct-with-if-match',
    title: 'A correction with If-Match on the current version succeeds; one on a stale version is refused with 412',
    verifies: ['PH-UPD-01'],
    uses: ['dispense-submitted'],
    tags: ['medications', 'write', 'versioning'],
    async run(t) {
      const client = await pharmacist(t);
      const { id, quantity } = submitted(t);
      const before = await current(client, id);
      const corrected = { ...before.resource, quantity: { ...before.resource.quantity, value: (quantity ?? 30) + 30 } };
      const res = await client.update(corrected, { headers: { 'if-match': before.etag } });
      expect(res.status, `${label(res.http)} (If-Match: ${before.etag}): expected 200, got ${res.status}`).to.equal(
        200,
      );
      const after = await current(client, id);
      expect(after.etag, `${label(after.res.http)}: the version did not change after the update`).to.not.equal(
        before.etag,
      );
      expect(after.resource.quantity?.value, `${label(after.res.http)}: the correction was not stored`).to.equal(
        corrected.quantity.value,
      );
      const stale = await client.update(
        { ...after.resource, note: [{ text: 'stale update from homolog' }] },
        { headers: { 'if-match': before.etag } },
      );
      expect(
        stale.status,
        `${label(stale.http)} with the stale If-Match ${before.etag} (current ${after.etag}): expected 412 Precondition Failed, got ${stale.status}`,
      ).to.equal(412);
      const last = await current(client, id);
      expect(last.etag, `${label(last.res.http)}: the stale update changed the dispense`).to.equal(after.etag);
    },
  },
  {
    id: 'cancel-by-status',
    title: 'Cancelling a dispense updates its status; it then leaves the completed dispenses',
    verifies: ['PH-UPD-02'],
    uses: ['dispense-submitted'],
    inputs: ['patientId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const { id } = submitted(t);
      const before = await current(client, id);
      const res = await client.update(
        { ...before.resource, status: 'cancelled' },
        { headers: { 'if-match': before.etag } },
      );
      expect(res.status, `${label(res.http)} (status cancelled): expected 200, got ${res.status}`).to.equal(200);
      const after = await current(client, id);
      expect(after.resource.status, `${label(after.res.http)}: the status after cancellation`).to.equal('cancelled');
      const completed = await client.search('MedicationDispense', {
        patient: t.input('patientId'),
        status: 'completed',
        _count: 100,
      });
      const listedAgain = matchesOf(completed, 'MedicationDispense').some((d) => d.id === id);
      expect(
        listedAgain,
        `${label(completed.http)}: the cancelled MedicationDispense/${id} is still listed as completed`,
      ).to.equal(false);
    },
  },
  {
    id: 'history-kept',
    title: 'The dispense’s history keeps the submission, the correction and the cancellation',
    verifies: ['PH-UPD-03'],
    uses: ['dispense-submitted'],
    tags: ['medications', 'versioning'],
    async run(t) {
      const client = await pharmacist(t);
      const { id, firstVersion, quantity } = submitted(t);
      const res = await client.history<MedicationDispense>('MedicationDispense', id);
      expect(res.status, `${label(res.http)}: expected 200, got ${res.status}`).to.equal(200);
      expect(res.resource?.type, `${label(res.http)}: expected a Bundle of type history`).to.equal('history');
      const versions = resourcesOf(res.resource, 'MedicationDispense').map((d) => d.meta?.versionId);
      expect(
        new Set(versions).size,
        `${label(res.http)}: expected at least 3 versions (submitted, corrected, cancelled), got ${versions.length}: ${versions.join(', ')}`,
      ).to.be.at.least(3);
      if (firstVersion === undefined) t.skip('the submitted dispense had no meta.versionId to read back');
      const first = await client.vread<MedicationDispense>('MedicationDispense', id, firstVersion as string);
      expect(first.status, `${label(first.http)}: the first version cannot be read (${first.status})`).to.equal(200);
      expect(first.resource?.quantity?.value, `${label(first.http)}: the first version’s quantity`).to.equal(quantity);
      expect(first.resource?.status, `${label(first.http)}: the first version’s status`).to.equal('completed');
    },
  },
  {
    id: 'pharmacist-role-limits',
    title: 'The pharmacist is refused imaging reports and the audit log',
    verifies: ['PH-ACC-01'],
    inputs: ['patientId'],
    tags: ['access'],
    async run(t) {
      const client = await pharmacist(t);
      const p = await policy();
      const patient = t.input('patientId');
      const denied = p.domains.filter(
        (d) => !allows(p, 'pharmacist', d.name, 'search') && (d.name === 'imaging' || d.name === 'audit'),
      );
      const problems: string[] = [];
      for (const domain of denied) {
        const r = domain.resources[0];
        if (!r) continue;
        const params: Record<string, string> =
          r.type === 'AuditEvent' ? { patient } : { patient, ...(r.category ? { category: r.category } : {}) };
        const res = await client.search(r.type, params);
        problems.push(...denialProblems(res.http, `${domain.name} is not the pharmacist’s`));
      }
      expect(problems, problems.join('; ')).to.deep.equal([]);
    },
  },
  {
    id: 'refusal-blocks-pharmacist',
    title: 'A patient’s refusal to share blocks the pharmacist: no medication disclosed, and the response says why',
    verifies: ['PH-ACC-02'],
    inputs: ['refusingPatientId'],
    tags: ['access', 'consent'],
    async run(t) {
      const client = await pharmacist(t);
      const p = await policy();
      const refusing = t.input('refusingPatientId');
      const problems: string[] = [];
      for (const type of ['MedicationDispense', 'MedicationRequest']) {
        const res = await client.search(type, { patient: refusing });
        problems.push(
          ...consentRefusalProblems(res.http, p.consent.outcomeCode, `Patient/${refusing} refused sharing`),
        );
      }
      expect(problems, problems.join('; ')).to.deep.equal([]);
    },
  },
  {
    id: 'pharmacist-access-audited',
    title: 'The pharmacist’s access to the medication profile is audited',
    description:
      'The authority finds an AuditEvent for the search the pharmacist just made: the patient, the medication query, a successful outcome and the requesting agent.',
    verifies: ['PH-ACC-03'],
    inputs: ['patientId'],
    tags: ['access', 'audit'],
    async run(t) {
      const authority = await asRole(t, 'authority'); // reads the audit log
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const since = new Date(Date.now() - 1000).toISOString();
      const access = await client.search('MedicationDispense', { patient });
      expect(access.status, `${label(access.http)}: the access to audit must succeed`).to.equal(200);
      // Every page: other actors' accesses in the same second may fill the first one.
      const events = await searchAll<AuditEvent>(authority, 'AuditEvent', { patient, date: `ge${since}`, _count: 100 });
      const found = events.some(
        (e) =>
          auditMentions(e, `Patient/${patient}`) &&
          auditMentions(e, 'MedicationDispense') &&
          e.outcome === '0' &&
          (e.agent ?? []).length > 0,
      );
      expect(
        found,
        `AuditEvent?patient=${patient}&date=ge${since} as the authority: no AuditEvent (agent, entity Patient/${patient}, the MedicationDispense query, outcome 0) for the search the pharmacist made; found ${events.length} event(s)`,
      ).to.equal(true);
    },
  },
]);
