/**
 * The reference client as a pharmacy system (suite dsq-pharmacy-client): a
 * behaviour per scenario id, done as a careful pharmacy system does it, and
 * the faults that bend these behaviours, declared next to the code they bend.
 * The scenario ids and inputs are the suite's (suites/dsq-pharmacy-client/scenarios.ts).
 */
import { randomUUID } from 'node:crypto';
import type { MedicationDispense } from '@medplum/fhirtypes';
import { Client, type FhirResource, type SearchParams } from 'fhir-kit-client';
import { QC_PROFILES, QC_SYSTEMS } from '../reference/data.js';
import type { FaultDefinition } from '../reference/faults.js';
import type { BehaviourTable } from './behaviours.js';
import { httpFailure, type ReferenceClientContext } from './client.js';

const SUITE = 'dsq-pharmacy-client';

export const DIN_SEVEN_DIGITS = {
  name: 'din-seven-digits',
  suite: SUITE,
  breaks: 'PHC-SUB-01',
  description: {
    fr: 'Le DIN des délivrances soumises perd son zéro de tête (7 chiffres au lieu de 8), comme dans un tableur.',
    en: 'The DIN of submitted dispenses loses its leading zero (7 digits instead of 8), as in a spreadsheet.',
  },
} as const satisfies FaultDefinition;

export const NO_IF_NONE_EXIST = {
  name: 'no-if-none-exist',
  suite: SUITE,
  breaks: 'PHC-SUB-02',
  description: {
    fr: 'Une délivrance est créée sans If-None-Exist, et reprise après un 503 sans vérifier si la première a abouti.',
    en: 'A dispense is created without If-None-Exist, and retried after a 503 without checking whether the first went through.',
  },
} as const satisfies FaultDefinition;

export const NO_IF_MATCH = {
  name: 'no-if-match',
  suite: SUITE,
  breaks: 'PHC-SUB-03',
  description: {
    fr: 'Les corrections et annulations de délivrances sont des PUT sans If-Match.',
    en: 'Corrections and cancellations of dispenses are PUTs without If-Match.',
  },
} as const satisfies FaultDefinition;

export const BLIND_OVERWRITE_ON_412 = {
  name: 'blind-overwrite-on-412',
  suite: SUITE,
  breaks: 'PHC-SUB-04',
  description: {
    fr: 'Sur un 412, le client renvoie sa correction telle quelle sans relire la délivrance.',
    en: 'On a 412, the client sends its correction again as it was, without re-reading the dispense.',
  },
} as const satisfies FaultDefinition;

export const DELETE_INSTEAD_OF_CANCEL = {
  name: 'delete-instead-of-cancel',
  suite: SUITE,
  breaks: 'PHC-SUB-05',
  description: {
    fr: 'Le client annule une délivrance par un DELETE au lieu de changer son statut.',
    en: 'The client cancels a dispense with a DELETE instead of changing its status.',
  },
} as const satisfies FaultDefinition;

export const RESENDS_422 = {
  name: 'resends-422',
  suite: SUITE,
  breaks: 'PHC-ERR-03',
  description: {
    fr: 'Après un 422 accompagné d’un OperationOutcome, le client renvoie la même délivrance une fois.',
    en: 'After a 422 with an OperationOutcome, the client sends the same dispense once more.',
  },
} as const satisfies FaultDefinition;

export const PROFILE_WITHOUT_DATE_RANGE = {
  name: 'profile-without-date-range',
  suite: SUITE,
  breaks: 'PHC-QRY-03',
  description: {
    fr: 'Le client cherche le profil pharmacologique sans période (toutes les délivrances du patient).',
    en: 'The client searches the medication profile without a period (every dispense of the patient).',
  },
} as const satisfies FaultDefinition;

export const PROFILE_POLLED = {
  name: 'profile-polled',
  suite: SUITE,
  breaks: 'PHC-ERR-04',
  description: {
    fr: 'Le client relit le profil pharmacologique en boucle (30 recherches de plus) au lieu de le lire une fois.',
    en: 'The client reads the medication profile over and over (30 more searches) instead of once.',
  },
} as const satisfies FaultDefinition;

/** How many more times the profile-polled fault reads the profile: past the suite's bound of 30 requests a scenario. */
const POLLS = 30;

export const PHARMACY_FAULTS = [
  DIN_SEVEN_DIGITS,
  NO_IF_NONE_EXIST,
  NO_IF_MATCH,
  BLIND_OVERWRITE_ON_412,
  DELETE_INSTEAD_OF_CANCEL,
  RESENDS_422,
  PROFILE_WITHOUT_DATE_RANGE,
  PROFILE_POLLED,
] as const satisfies readonly FaultDefinition[];

/** The pharmacy's prescription-fill numbers: the business identifier of its dispenses. */
const FILL_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx';
/** The page size the pharmacy asks for. */
const PAGE_SIZE = 50;

/** fhir-kit-client's resource type (an open record) for a typed resource. */
function asFhir(resource: MedicationDispense): FhirResource {
  return resource as unknown as FhirResource;
}

/** The patient's dispenses over the period, every page (the medication profile). */
async function readProfile(c: ReferenceClientContext, patientId: string, from?: string, to?: string): Promise<number> {
  const params: SearchParams = { patient: patientId, _count: PAGE_SIZE };
  if (!c.faults.has(PROFILE_WITHOUT_DATE_RANGE) && from !== undefined)
    params.whenhandedover = to === undefined ? [`ge${from}`] : [`ge${from}`, `le${to}`];
  const dispenses = await c.searchAll<MedicationDispense>('MedicationDispense', params);
  c.log(`profile of Patient/${patientId}: ${dispenses.length} dispenses`);
  return dispenses.length;
}

/** The dispense the pharmacist recorded, as the Québec profile wants it. */
function newDispense(inputs: Record<string, string>, c: ReferenceClientContext, quantity: string): MedicationDispense {
  const din = inputs.din ?? '';
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  return {
    resourceType: 'MedicationDispense',
    meta: { profile: [QC_PROFILES.medicationDispense] },
    identifier: [{ system: FILL_SYSTEM, value: `rx-${randomUUID()}` }],
    status: 'completed',
    medicationCodeableConcept: {
      // The fault: the leading zero lost, as a spreadsheet does.
      coding: [{ system: QC_SYSTEMS.din, code: c.faults.has(DIN_SEVEN_DIGITS) ? din.replace(/^0/, '') : din }],
    },
    subject: { reference: `Patient/${inputs.patientId ?? ''}` },
    performer: [{ actor: { reference: `Practitioner/${inputs.pharmacistId ?? ''}` } }],
    authorizingPrescription: [{ reference: `MedicationRequest/${inputs.medicationRequestId ?? ''}` }],
    quantity: { value: Number(quantity), unit: 'comprimé', system: QC_SYSTEMS.ucum, code: '{tbl}' },
    daysSupply: { value: Number(inputs.daysSupply ?? '30'), unit: 'jours', system: QC_SYSTEMS.ucum, code: 'd' },
    whenPrepared: now,
    whenHandedOver: now,
  };
}

/** Creates the dispense once: conditional on its fill number (the retry after a 503 is the client's policy). */
async function submit(c: ReferenceClientContext, dispense: MedicationDispense): Promise<MedicationDispense> {
  const id = dispense.identifier?.[0];
  const headers: Record<string, string> = c.faults.has(NO_IF_NONE_EXIST)
    ? {}
    : { 'if-none-exist': `identifier=${id?.system ?? ''}|${id?.value ?? ''}` };
  const created = await c.fhir.create({
    resourceType: 'MedicationDispense',
    body: asFhir(dispense),
    options: { headers },
  });
  return created as unknown as MedicationDispense;
}

/** The dispense as the record holds it, and its version (the ETag, else W/"<meta.versionId>"). */
async function readDispense(
  c: ReferenceClientContext,
  id: string,
): Promise<{ dispense: MedicationDispense; etag: string | undefined }> {
  const dispense = (await c.fhir.read({ resourceType: 'MedicationDispense', id })) as unknown as MedicationDispense;
  const etag =
    Client.httpFor(asFhir(dispense)).response?.headers.get('etag') ??
    (dispense.meta?.versionId ? `W/"${dispense.meta.versionId}"` : undefined);
  return { dispense, etag };
}

/** PUT with If-Match on the version read. */
async function update(
  c: ReferenceClientContext,
  dispense: MedicationDispense,
  etag: string | undefined,
): Promise<void> {
  const headers: Record<string, string> = etag === undefined || c.faults.has(NO_IF_MATCH) ? {} : { 'if-match': etag };
  await c.fhir.update({
    resourceType: 'MedicationDispense',
    id: dispense.id ?? '',
    body: asFhir(dispense),
    options: { headers },
  });
}

/**
 * Reads the dispense, applies the change, updates it with If-Match; on a
 * 412, reads it again and re-applies the change once.
 */
async function change(
  c: ReferenceClientContext,
  id: string,
  apply: (d: MedicationDispense) => MedicationDispense,
): Promise<void> {
  let { dispense, etag } = await readDispense(c, id);
  for (let attempt = 0; ; attempt += 1) {
    const changed = apply(dispense);
    try {
      await update(c, changed, etag);
      return;
    } catch (err) {
      if (httpFailure(err)?.status !== 412 || attempt > 0) throw err;
      if (c.faults.has(BLIND_OVERWRITE_ON_412)) {
        c.log('412: the same update again (the fault)');
        await update(c, changed, etag);
        return;
      }
      c.log('412: re-read, then re-apply the change');
      ({ dispense, etag } = await readDispense(c, id));
    }
  }
}

export const PHARMACY_BEHAVIOURS: BehaviourTable = {
  async 'phc-profile'(c, inputs) {
    const patient = await c.patientByNam(inputs.nam ?? '');
    if (patient?.id === undefined) return c.log(`no patient with the NAM ${inputs.nam ?? ''}`);
    await readProfile(c, patient.id, inputs.from, inputs.to);
    if (c.faults.has(PROFILE_POLLED))
      for (let i = 0; i < POLLS; i += 1) await readProfile(c, patient.id, inputs.from, inputs.to);
  },

  async 'phc-submit'(c, inputs) {
    const created = await submit(c, newDispense(inputs, c, inputs.quantity ?? '0'));
    c.log(`dispense created: MedicationDispense/${created.id ?? '?'}`);
  },

  async 'phc-correct'(c, inputs) {
    const quantity = Number(inputs.quantity);
    await change(c, inputs.dispenseId ?? '', (d) => ({
      ...d,
      quantity: { ...d.quantity, value: quantity },
    }));
  },

  async 'phc-cancel'(c, inputs) {
    const id = inputs.dispenseId ?? '';
    if (c.faults.has(DELETE_INSTEAD_OF_CANCEL)) {
      await c.fhir.delete({ resourceType: 'MedicationDispense', id });
      return;
    }
    await change(c, id, (d) => ({
      ...d,
      status: 'cancelled',
      statusReasonCodeableConcept: { text: 'Non réclamée par la patiente' },
    }));
  },

  async 'phc-rejected'(c, inputs) {
    const refused = newDispense(inputs, c, inputs.quantity ?? '0');
    try {
      await submit(c, refused);
      return;
    } catch (err) {
      const failure = httpFailure(err);
      if (failure?.status !== 422) throw err;
      // Shown to the pharmacist; the quantity is corrected before anything is sent again.
      c.log(`422: ${JSON.stringify(failure.body)}`);
      if (c.faults.has(RESENDS_422)) await submit(c, refused).catch(() => undefined);
    }
    await submit(c, { ...refused, quantity: { ...refused.quantity, value: Number(inputs.correctedQuantity) } });
  },

  async 'phc-consent'(c, inputs) {
    const patient = await c.patientByNam(inputs.nam ?? '');
    if (patient?.id !== undefined) {
      try {
        await readProfile(c, patient.id, inputs.from, inputs.to);
      } catch (err) {
        if (httpFailure(err)?.status !== 403) throw err;
        // Shown to the pharmacist: the patient refused sharing. Never asked again.
        c.log(`403: Patient/${patient.id} refused sharing`);
      }
    }
    await c.patientByNam(inputs.thenNam ?? '');
  },

  async 'phc-expired-token'(c, inputs) {
    // The client's policy answers the 401: one new token, the request once more.
    await c.patientByNam(inputs.nam ?? '');
  },
};
