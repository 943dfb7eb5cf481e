/**
 * The reference client as an EMR (suite dsq-emr-client): a behaviour per
 * scenario id, as a careful clinic EMR does it (the patient found by NAM,
 * then searches the record filters: by patient, category, period, status),
 * and the faults that bend these behaviours. The retries (401, 429/503) and
 * paging are the shared client's (client.ts).
 */
import type { DiagnosticReport, MedicationRequest, Observation, Patient } from '@medplum/fhirtypes';
import type { FaultDefinition } from '../reference/faults.js';
import type { Behaviour, BehaviourTable } from './behaviours.js';
import { httpFailure, type ReferenceClientContext } from './client.js';

export const LAB_WITHOUT_CATEGORY = {
  name: 'lab-without-category',
  suite: 'dsq-emr-client',
  breaks: 'EMC-LAB-01',
  alsoBreaks: { 'carnet-sante-app': ['CSA-OWN-02'] },
  description: {
    fr: 'Le DMÉ cherche les résultats de laboratoire par patient et période sans category=laboratory.',
    en: 'The EMR searches laboratory results by patient and period without category=laboratory.',
  },
} as const satisfies FaultDefinition;

export const IMAGING_WRONG_CATEGORY = {
  name: 'imaging-wrong-category',
  suite: 'dsq-emr-client',
  breaks: 'EMC-IMG-01',
  description: {
    fr: 'Le DMÉ cherche les rapports d’imagerie avec la catégorie laboratoire (v2-0074 LAB) au lieu de l’imagerie.',
    en: 'The EMR searches imaging reports with the laboratory category (v2-0074 LAB) instead of imaging.',
  },
} as const satisfies FaultDefinition;

export const MEDICATIONS_NOT_FILTERED_ACTIVE = {
  name: 'medications-not-filtered-active',
  suite: 'dsq-emr-client',
  breaks: 'EMC-MED-01',
  alsoBreaks: { 'carnet-sante-app': ['CSA-OWN-01'] },
  description: {
    fr: 'Le DMÉ lit toutes les ordonnances du patient, sans status=active, et les trie lui-même.',
    en: 'The EMR reads every prescription of the patient, without status=active, and sorts them itself.',
  },
} as const satisfies FaultDefinition;

export const LAB_RESULTS_POLLED = {
  name: 'lab-results-polled',
  suite: 'dsq-emr-client',
  breaks: 'EMC-ERR-02',
  description: {
    fr: 'Le DMÉ relit sans cesse les résultats de laboratoire tant que le dossier est ouvert (30 recherches de plus) : il inonde le dossier partagé.',
    en: 'The EMR keeps re-reading the laboratory results while the chart is open (30 more searches): it floods the shared record.',
  },
} as const satisfies FaultDefinition;

export const EMR_FAULTS = [
  LAB_WITHOUT_CATEGORY,
  IMAGING_WRONG_CATEGORY,
  MEDICATIONS_NOT_FILTERED_ACTIVE,
  LAB_RESULTS_POLLED,
] as const satisfies readonly FaultDefinition[];

const LABORATORY = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
/** Results per page the EMR asks for: a screenful. */
const PAGE = 50;
/** How many times the lab-results-polled fault reads the results again. */
const POLLS = 30;

/** The patient of the scenario's NAM, or undefined (logged): nothing more to do without a chart. */
async function chart(c: ReferenceClientContext, nam: string | undefined): Promise<Patient | undefined> {
  if (nam === undefined) {
    c.log('no NAM given');
    return undefined;
  }
  const patient = await c.patientByNam(nam);
  if (patient?.id === undefined) c.log(`no patient with NAM ${nam}`);
  return patient?.id === undefined ? undefined : patient;
}

const openChart: Behaviour = async (c, inputs) => {
  const patient = await chart(c, inputs.nam);
  if (patient) c.log(`chart of Patient/${patient.id} opened`);
};

/** Observation?patient&category=laboratory&date=ge…&date=le…, every page. */
async function labResults(c: ReferenceClientContext, patient: Patient, inputs: Record<string, string>): Promise<void> {
  const dates = [inputs.from && `ge${inputs.from}`, inputs.to && `le${inputs.to}`].filter((d): d is string => !!d);
  const search = {
    patient: patient.id as string,
    ...(c.faults.has(LAB_WITHOUT_CATEGORY) ? {} : { category: LABORATORY }),
    ...(dates.length ? { date: dates } : {}),
    _count: PAGE,
  };
  const results = await c.searchAll<Observation>('Observation', search);
  const ranged = results.filter((o) => o.referenceRange?.length).length;
  c.log(`${results.length} laboratory results shown, ${ranged} with their reference range`);
  if (c.faults.has(LAB_RESULTS_POLLED))
    for (let i = 0; i < POLLS && !c.signal.aborted; i++) await c.searchAll<Observation>('Observation', search);
}

const showLabResults: Behaviour = async (c, inputs) => {
  const patient = await chart(c, inputs.nam);
  if (patient) await labResults(c, patient, inputs);
};

const showImagingReports: Behaviour = async (c, inputs) => {
  const patient = await chart(c, inputs.nam);
  if (!patient) return;
  const code = c.faults.has(IMAGING_WRONG_CATEGORY) ? 'LAB' : 'RAD';
  const reports = await c.searchAll<DiagnosticReport>('DiagnosticReport', {
    patient: patient.id as string,
    category: `${V2_0074}|${code}`,
    _count: PAGE,
  });
  c.log(`${reports.length} imaging reports shown`);
};

const showActiveMedications: Behaviour = async (c, inputs) => {
  const patient = await chart(c, inputs.nam);
  if (!patient) return;
  const unfiltered = c.faults.has(MEDICATIONS_NOT_FILTERED_ACTIVE);
  const found = await c.searchAll<MedicationRequest>('MedicationRequest', {
    patient: patient.id as string,
    ...(unfiltered ? {} : { status: 'active' }),
    _count: PAGE,
  });
  const active = found.filter((m) => m.status === 'active');
  c.log(`${active.length} active medications shown`);
};

/** The chart of the patient who refused sharing: the refusal (403) is shown to the user, never sent again. */
const showRefusedChart: Behaviour = async (c, inputs) => {
  try {
    const patient = await chart(c, inputs.nam);
    if (patient) await labResults(c, patient, inputs);
  } catch (err) {
    const failure = httpFailure(err);
    if (failure?.status !== 403) throw err;
    c.log('403: the patient refused sharing, shown to the user');
  }
};

export const EMR_BEHAVIOURS: BehaviourTable = {
  'emr-open-chart': openChart,
  'emr-lab-results': showLabResults,
  'emr-imaging-reports': showImagingReports,
  'emr-active-medications': showActiveMedications,
  'emr-consent-refusal': showRefusedChart,
  'emr-record-busy': showActiveMedications,
  'emr-expired-token': showImagingReports,
};
