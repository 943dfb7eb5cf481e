/**
 * The resource server's access control, decided before an interaction runs:
 * the token (401), its scopes (403), the policy matrix of
 * suites/access/policy.yaml (role × domain × interaction, 403 without data),
 * the patient scope of patient-role tokens (404 on reads; 403 on writes: a
 * patient writes only what names them, e.g. books only their own
 * appointments), and a patient's refusal to share (403 `suppressed` for
 * professionals). The variations FHIR allows (DENY_404,
 * CONSENT_SUPPRESSED_SEARCH, SCHEDULE_HIDDEN_FROM_PATIENT) change how a
 * refusal is answered, never what is disclosed. A search over several domains is narrowed by a filter
 * applied before paging. Loading data by a transaction on [base] is an
 * administrative act, for the authority role only (see Decider.load).
 */
import type { IncomingMessage } from 'node:http';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { type Domain, domainOf, domainsForSearch, type Interaction, type PolicyRole } from '../../access/policy.js';
import { ACCESS_TYPES, CREATABLE_TYPES, isServedType, type ServedType, UPDATABLE_TYPES } from '../definitions.js';
import type { FaultDefinition } from '../faults.js';
import { readBody } from '../http-shell.js';
import type { Reply } from '../reply.js';
import { outcomeReply } from '../reply.js';
import type { Route } from '../routes.js';
import type { TargetState } from '../state.js';
import { NO_TRANSACTION } from '../transaction.js';
import type { AuditInfo } from './audit.js';
import { allowedWithFaults } from './policy-faults.js';
import { scopesAllow } from './scopes.js';
import type { Grant } from './state.js';

export const NO_401 = {
  name: 'no-401',
  suite: 'access',
  breaks: 'AC-RS-01',
  description: {
    fr: "Une requête sans jeton est servie comme celle d'un médecin au lieu de recevoir 401.",
    en: "A request without a token is served as a physician's instead of getting 401.",
  },
} as const satisfies FaultDefinition;

export const NO_WWW_AUTHENTICATE = {
  name: 'no-www-authenticate',
  suite: 'access',
  breaks: 'AC-RS-02',
  description: {
    fr: "Les réponses 401 ne portent pas d'en-tête WWW-Authenticate.",
    en: '401 responses carry no WWW-Authenticate header.',
  },
} as const satisfies FaultDefinition;

export const ACCEPTS_EXPIRED_TOKEN = {
  name: 'accepts-expired-token',
  suite: 'access',
  breaks: 'AC-RS-03',
  description: {
    fr: "Un jeton d'accès expiré est encore accepté.",
    en: 'An expired access token is still accepted.',
  },
} as const satisfies FaultDefinition;

export const SCOPE_IGNORED = {
  name: 'scope-ignored',
  suite: 'access',
  breaks: 'AC-RS-04',
  description: {
    fr: 'Les portées (scopes) du jeton sont ignorées: un jeton limité à Patient donne accès aux autres types (la politique reste appliquée).',
    en: "The token's scopes are ignored: a token limited to Patient reaches other types (the policy still applies).",
  },
} as const satisfies FaultDefinition;

export const LEAKS_DATA_ON_403 = {
  name: 'leaks-data-on-403',
  suite: 'access',
  breaks: 'AC-POL-02',
  description: {
    fr: 'Une lecture refusée par la politique répond 403 avec la ressource dans le corps.',
    en: 'A read the policy denies answers 403 with the resource in the body.',
  },
  alsoBreaks: { 'dsq-emr': ['EM-ACC-02'] },
} as const satisfies FaultDefinition;

export const PATIENT_SEES_OTHER_PATIENT = {
  name: 'patient-sees-other-patient',
  suite: 'access',
  breaks: 'AC-PAT-01',
  description: {
    fr: 'Un patient lit et recherche les données des autres patients.',
    en: "A patient reads and searches other patients' data.",
  },
  alsoBreaks: { 'carnet-sante': ['CS-ISO-01'] },
} as const satisfies FaultDefinition;

export const CONSENT_IGNORED = {
  name: 'consent-ignored',
  suite: 'access',
  breaks: 'AC-CON-01',
  description: {
    fr: "Le refus de partage d'un patient est ignoré: les professionnels voient ses données.",
    en: "A patient's refusal to share is ignored: professionals see their data.",
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-02'], 'dsq-emr': ['EM-ACC-01'] },
} as const satisfies FaultDefinition;

export const CONSENT_SILENT = {
  name: 'consent-silent',
  suite: 'dsq-pharmacy',
  breaks: 'PH-ACC-02',
  description: {
    fr: 'Le refus de partage est appliqué sans être dit: la recherche répond 200 avec un searchset vide, sans OperationOutcome, et la lecture 404 sans en donner la raison.',
    en: 'The refusal to share is applied without being made known: a search answers 200 with an empty searchset and no OperationOutcome, a read 404 without the reason.',
  },
  alsoBreaks: { access: ['AC-CON-01'], 'dsq-emr': ['EM-ACC-01'] },
} as const satisfies FaultDefinition;

export const BOOKING_FOR_OTHER_PATIENT_ALLOWED = {
  name: 'booking-for-other-patient-allowed',
  suite: 'carnet-sante',
  breaks: 'CS-APT-06',
  description: {
    fr: "Un patient peut prendre ou annuler un rendez-vous au nom d'un autre patient.",
    en: 'A patient can book or cancel an appointment in the name of another patient.',
  },
} as const satisfies FaultDefinition;

const REALM = 'Bearer realm="homolog-reference"';

export const DENY_404 = {
  name: 'deny-404',
  description: {
    fr: "Une lecture ou une mise à jour refusée par la politique répond 404 (sans rien divulguer) au lieu de 403, pour cacher l'existence de la ressource (permis par FHIR, security.html).",
    en: 'A read or update the policy denies answers 404 (disclosing nothing) instead of 403, to hide that the resource exists (FHIR allows it, security.html).',
  },
  touches: {
    access: ['AC-POL-01', 'AC-POL-02', 'AC-POL-03'],
    'dsq-emr': ['EM-ACC-02'],
    'dsq-pharmacy': ['PH-ACC-01'],
    'carnet-sante': ['CS-ISO-01', 'CS-APT-06'],
  },
} as const;

export const CONSENT_SUPPRESSED_SEARCH = {
  name: 'consent-suppressed-search',
  description: {
    fr: 'Pour un patient ayant refusé le partage, une recherche répond 200 sans les données retenues, avec une entrée OperationOutcome (search.mode outcome, code suppressed) qui en donne la raison; une lecture répond 404 avec la même raison.',
    en: 'For a patient who refused sharing, a search answers 200 without the withheld data and with an OperationOutcome entry (search.mode outcome, code suppressed) saying why; a read answers 404 with the same reason.',
  },
  faultChanges: [
    {
      fault: 'errors-without-outcome',
      suite: 'dsq-pharmacy',
      spares: ['PH-ACC-02'],
      reason:
        'the refusal is a 200 searchset with its OperationOutcome entry, not an error response: the fault (4xx bodies in text/plain) no longer reaches the pharmacist’s consent searches',
    },
    // The refusing patient's searches now run (200) instead of stopping at a 403: a search defect shows in them.
    ...(['search-wrong-bundle-type', 'search-ignores-patient'] as const).flatMap((fault) => [
      {
        fault,
        suite: 'dsq-pharmacy',
        breaks: ['PH-ACC-02'],
        reason:
          'the refusing patient’s searches run: a search that is no searchset, or that returns other patients’ data, fails the refusal check too',
      },
      {
        fault,
        suite: 'dsq-emr',
        breaks: ['EM-ACC-01'],
        reason:
          'the refusing patient’s searches run: a search that is no searchset, or that returns other patients’ data, fails the refusal check too',
      },
    ]),
    {
      fault: 'search-wrong-bundle-type',
      suite: 'access',
      breaks: ['AC-CON-01'],
      reason: 'the refusing patient’s searches run: a search that is no searchset fails the consent check too',
    },
    {
      fault: 'dispense-search-leaks-patients',
      suite: 'dsq-pharmacy',
      breaks: ['PH-ACC-02'],
      reason: 'the refusing patient’s dispense search runs and leaks another patient’s dispense into it',
    },
  ],
  touches: { access: ['AC-CON-01'], 'dsq-pharmacy': ['PH-ACC-02'], 'dsq-emr': ['EM-ACC-01'] },
} as const;

export const SCHEDULE_HIDDEN_FROM_PATIENT = {
  name: 'schedule-hidden-from-patient',
  description: {
    fr: "Le compartiment patient s'applique aux agendas: un patient ne voit aucun Schedule (recherche vide, lecture 404), mais trouve les plages libres par Slot?schedule.actor=Practitioner/[id].",
    en: 'The patient compartment applies to Schedule: a patient sees no Schedule (empty search, read 404), but finds the free slots by Slot?schedule.actor=Practitioner/[id].',
  },
  touches: { 'carnet-sante': ['CS-APT-01', 'CS-APT-02', 'CS-APT-03', 'CS-APT-04', 'CS-APT-05', 'CS-APT-06'] },
} as const;

export type Guarded =
  | { kind: 'deny'; reply: Reply; audit: AuditInfo | undefined }
  /** `outcome`: why some matches were left out, added to the searchset as an entry with search.mode outcome. */
  | {
      kind: 'allow';
      filter: ((r: Resource) => boolean) | undefined;
      audit: AuditInfo | undefined;
      outcome?: OperationOutcome;
      load?: true;
    };

type Token = { kind: 'none' } | { kind: 'invalid'; text: string } | { kind: 'valid'; grant: Grant };

export function tokenOf(state: TargetState, authorization: string | undefined): Token {
  if (authorization === undefined) return { kind: 'none' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const grant = m ? state.access.grants.get(m[1] ?? '') : undefined;
  if (grant === undefined) return { kind: 'invalid', text: 'The access token is not recognised' };
  if (grant.expiresAt <= Date.now() && !state.faults.has(ACCEPTS_EXPIRED_TOKEN))
    return { kind: 'invalid', text: 'The access token has expired' };
  return { kind: 'valid', grant };
}

/** The patient a resource belongs to: a Patient itself, its subject / patient reference, or an Appointment's Patient participant. */
export function patientOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const r = resource as {
    subject?: { reference?: string };
    patient?: { reference?: string };
    participant?: { actor?: { reference?: string } }[];
  };
  const participant = Array.isArray(r.participant)
    ? r.participant.map((p) => p.actor?.reference).find((ref) => ref?.startsWith('Patient/'))
    : undefined;
  const ref = r.subject?.reference ?? r.patient?.reference ?? participant;
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

function interactionOf(route: Route, method: string): AuditInfo['interaction'] | undefined {
  switch (route.kind) {
    case 'type':
      return method === 'POST' ? 'create' : method === 'GET' ? 'search-type' : undefined;
    case 'search-post':
      return method === 'POST' ? 'search-type' : undefined;
    case 'instance':
      return method === 'GET' ? 'read' : method === 'PUT' ? 'update' : undefined;
    case 'history':
      return method === 'GET' ? 'history-instance' : undefined;
    case 'version':
      return method === 'GET' ? 'vread' : undefined;
    default:
      return undefined;
  }
}

const POLICY_INTERACTION: Record<AuditInfo['interaction'], Interaction> = {
  read: 'read',
  vread: 'read',
  'history-instance': 'read',
  'search-type': 'search',
  create: 'create',
  update: 'update',
};

export async function guard(
  state: TargetState,
  req: IncomingMessage,
  route: Route,
  url: URL,
  method: string,
): Promise<Guarded> {
  // The CapabilityStatement is public (FHIR and SMART discovery need it before any token).
  if (route.kind === 'metadata') return { kind: 'allow', filter: undefined, audit: undefined };
  const interaction = interactionOf(route, method);
  const type = 'type' in route ? route.type : undefined;
  const token = tokenOf(state, req.headers.authorization);
  let grant: Grant;
  const audit: AuditInfo | undefined = interaction === undefined ? undefined : { interaction, agent: undefined };
  if (audit && (route.kind === 'instance' || route.kind === 'version' || route.kind === 'history')) {
    audit.resource = `${route.type}/${route.id}`;
    const found = await current(state, route.type, route.id);
    const pid = found === undefined ? undefined : patientOf(found);
    if (pid !== undefined) audit.patientId = pid;
  }
  if (audit && interaction === 'search-type') {
    const [pid] = await searchedPatients(state, type ?? '', [...url.searchParams]);
    audit.query = `${type ?? ''}${url.search}`;
    if (pid !== undefined) audit.patientId = pid;
  }
  if (token.kind === 'valid') {
    grant = token.grant;
  } else if (token.kind === 'none' && state.faults.has(NO_401)) {
    grant = {
      clientId: 'anonymous',
      role: 'physician',
      scopes: ['system/*.read', 'system/*.write'],
      expiresAt: Infinity,
    };
  } else {
    const text = token.kind === 'none' ? 'An access token is required (Authorization: Bearer)' : token.text;
    const challenge =
      token.kind === 'none' ? REALM : `${REALM}, error="invalid_token", error_description="${token.text}"`;
    const headers: Record<string, string> = state.faults.has(NO_WWW_AUTHENTICATE)
      ? {}
      : { 'WWW-Authenticate': challenge };
    return { kind: 'deny', reply: outcomeReply(401, 'login', text, headers), audit };
  }
  if (audit) audit.agent = { clientId: grant.clientId, role: grant.role };
  if (route.kind === 'system' && method === 'POST') return new Decider(state, grant).load(req);
  const write = (route.kind === 'type' && method === 'POST') || (route.kind === 'instance' && method === 'PUT');
  if (write && type !== undefined && loadsOneByOne(state, grant))
    return new Decider(state, grant).loadOne(type, method === 'PUT' ? 'update' : 'create');
  // Types this target does not serve (Consent is stored, not served) are left to the handler's 404,
  // writes it does not do at all to its 405, whoever asks.
  if (interaction === undefined || type === undefined || !servedHere(type) || !writable(type, interaction))
    return { kind: 'allow', filter: undefined, audit };

  const action = POLICY_INTERACTION[interaction];
  if (!scopesAllow(grant.scopes, type, action) && !state.faults.has(SCOPE_IGNORED)) {
    return scopeDenied(grant.scopes, action, type, audit, {
      'WWW-Authenticate': `${REALM}, error="insufficient_scope", error_description="The token's scopes do not cover ${action} on ${type}"`,
    });
  }
  const decide = new Decider(state, grant);
  switch (route.kind) {
    case 'instance':
      if (interaction === 'update') return decide.update(route.type, route.id, req, audit);
      return decide.read(route.type, route.id, audit);
    case 'version':
    case 'history':
      return decide.read(route.type, route.id, audit);
    case 'type':
    case 'search-post': {
      if (interaction === 'create') return decide.create(route.type, req, audit);
      const params = [...url.searchParams, ...(route.kind === 'search-post' ? await formParams(req) : [])];
      return decide.search(route.type, params, await searchedPatients(state, route.type, params), audit);
    }
    default:
      return { kind: 'allow', filter: undefined, audit };
  }
}

function writable(type: string, interaction: AuditInfo['interaction']): boolean {
  if (interaction === 'create') return CREATABLE_TYPES.includes(type as ServedType);
  if (interaction === 'update') return UPDATABLE_TYPES.includes(type as ServedType);
  return true;
}

function servedHere(type: string): boolean {
  return isServedType(type) || (ACCESS_TYPES as readonly string[]).includes(type);
}

async function current(state: TargetState, type: string, id: string): Promise<Resource | undefined> {
  try {
    return await state.repo.readResource(type, id);
  } catch {
    return undefined;
  }
}

async function formParams(req: IncomingMessage): Promise<[string, string][]> {
  if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) return [];
  return [...new URLSearchParams(await readBody(req))];
}

/** A chained search on the patient, e.g. patient.identifier or subject:Patient.identifier: the Patient parameter it names. */
const PATIENT_CHAIN = /^(?:patient|subject)(?::Patient)?\.([a-z_][a-zA-Z-]*)$/;

/**
 * The patients a search is about: patient= / subject= (with or without
 * Patient/, each of a list), Patient?_id=, or the patients a chained search
 * names (patient.identifier=NAM), found in the repository, so that a refusal
 * to share applies however the patient is named.
 */
async function searchedPatients(
  state: TargetState,
  type: string,
  params: readonly [string, string][],
): Promise<string[]> {
  const patients: string[] = [];
  for (const [key, value] of params) {
    const chained = PATIENT_CHAIN.exec(key)?.[1];
    if (chained !== undefined) {
      const found = await state.engine.call('GET', 'Patient', { [chained]: [value] });
      const bundle = found.resource?.resourceType === 'Bundle' ? found.resource : undefined;
      for (const entry of bundle?.entry ?? []) if (entry.resource?.id !== undefined) patients.push(entry.resource.id);
      continue;
    }
    const name = key.split(':')[0] ?? '';
    if (name === 'patient' || name === 'subject' || (type === 'Patient' && name === '_id')) {
      patients.push(...value.split(',').map((v) => v.replace(/^.*Patient\//, '')));
    }
  }
  return patients;
}

/** The 403 for an action the token's scopes do not cover. */
function scopeDenied(
  scopes: readonly string[],
  action: string,
  type: string,
  audit: AuditInfo | undefined,
  headers?: Record<string, string>,
): Guarded {
  const text = `The token's scopes (${scopes.join(' ')}) do not allow ${action} on ${type}`;
  return { kind: 'deny', reply: outcomeReply(403, 'forbidden', text, headers), audit };
}

class Decider {
  constructor(
    private readonly state: TargetState,
    private readonly grant: Grant,
  ) {}

  private get policy() {
    return this.state.access.policy;
  }

  private allowed(domain: string, interaction: Interaction): boolean {
    return allowedWithFaults(this.policy, this.state.faults, this.grant.role as PolicyRole, domain, interaction);
  }

  /** None of the domains a resource falls in lets this role do `interaction` (a resource in no domain is shared). */
  private deniedOn(resource: Resource, interaction: Interaction): string[] | undefined {
    const domains = this.domainsOf(resource).map((d) => d.name);
    return domains.length > 0 && !domains.some((d) => this.allowed(d, interaction)) ? domains : undefined;
  }

  private domainsOf(resource: Resource): Domain[] {
    const d = domainOf(this.policy, resource as unknown as Record<string, unknown>);
    return d ? [d] : domainsForSearch(this.policy, resource.resourceType);
  }

  /** A patient-role token may only reach its own patient's data (resources without a patient are shared). */
  private outsidePatientScope(patientId: string | undefined): boolean {
    return (
      this.grant.role === 'patient' &&
      patientId !== undefined &&
      patientId !== this.grant.patientId &&
      !this.state.faults.has(PATIENT_SEES_OTHER_PATIENT)
    );
  }

  /**
   * A patient-role token writes only what names its own patient (an
   * Appointment where they are the Patient participant);
   * booking-for-other-patient-allowed lifts it for appointments.
   */
  private writesForAnotherPatient(resource: Resource): boolean {
    if (this.grant.role !== 'patient') return false;
    if (resource.resourceType === 'Appointment' && this.state.faults.has(BOOKING_FOR_OTHER_PATIENT_ALLOWED))
      return false;
    return patientOf(resource) !== this.grant.patientId;
  }

  /** A professional asking for withheld data of a patient who refused sharing. */
  private withheld(patientId: string | undefined, domains: readonly string[]): boolean {
    const { consent } = this.policy;
    return (
      patientId !== undefined &&
      this.state.access.refusing.has(patientId) &&
      consent.professionalRoles.includes(this.grant.role as PolicyRole) &&
      domains.length > 0 &&
      domains.every((d) => consent.withheld.includes(d)) &&
      !this.state.faults.has(CONSENT_IGNORED)
    );
  }

  /** `hidden`: the refused resource, when the refusal may hide that it exists (a read or update; 404 under deny-404). */
  private forbidden(what: string, leak?: Resource, hidden?: string): Reply {
    const status = hidden !== undefined && this.state.variations.has(DENY_404) ? 404 : 403;
    if (leak !== undefined && this.state.faults.has(LEAKS_DATA_ON_403)) return { status, body: leak };
    return status === 404
      ? outcomeReply(404, 'not-found', `${hidden ?? ''} not found`)
      : outcomeReply(403, 'forbidden', `The ${this.grant.role} role may not ${what}`);
  }

  /** A read or update of withheld data: 403 suppressed, 404 suppressed under consent-suppressed-search, a bare 404 with the fault consent-silent. */
  private withheldReply(patientId: string, what: string): Reply {
    if (this.state.faults.has(CONSENT_SILENT)) return outcomeReply(404, 'not-found', `${what} not found`);
    return {
      status: this.state.variations.has(CONSENT_SUPPRESSED_SEARCH) ? 404 : 403,
      body: this.suppressedOutcome(patientId),
    };
  }

  /** Under schedule-hidden-from-patient, a patient's compartment has no Schedule. */
  private hiddenSchedule(type: string): boolean {
    return (
      type === 'Schedule' && this.grant.role === 'patient' && this.state.variations.has(SCHEDULE_HIDDEN_FROM_PATIENT)
    );
  }

  private suppressedOutcome(patientId: string): OperationOutcome {
    return {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: this.policy.consent.outcomeCode as 'suppressed',
          details: { text: `Patient/${patientId} refused sharing: this data is withheld from professionals` },
          diagnostics: `The patient refused sharing (active Consent, provision deny): ${this.policy.consent.withheld.join(', ')} data is withheld from the ${this.grant.role} role`,
        },
      ],
    };
  }

  async read(type: string, id: string, audit: AuditInfo | undefined): Promise<Guarded> {
    const resource = await current(this.state, type, id);
    if (resource === undefined) return { kind: 'allow', filter: undefined, audit };
    const domains = this.domainsOf(resource).map((d) => d.name);
    if (!domains.some((d) => this.allowed(d, 'read'))) {
      return {
        kind: 'deny',
        reply: this.forbidden(`read ${domains.join('/') || type} data`, resource, `${type}/${id}`),
        audit,
      };
    }
    const patientId = patientOf(resource);
    if (this.outsidePatientScope(patientId) || this.hiddenSchedule(type))
      return { kind: 'deny', reply: outcomeReply(404, 'not-found', `${type}/${id} not found`), audit };
    if (patientId !== undefined && this.withheld(patientId, domains))
      return { kind: 'deny', reply: this.withheldReply(patientId, `${type}/${id}`), audit };
    return { kind: 'allow', filter: undefined, audit };
  }

  /** `patients`: those the search names (searchedPatients); a refusal to share of any of them withholds the whole answer. */
  search(
    type: string,
    params: readonly [string, string][],
    patients: readonly string[],
    audit: AuditInfo | undefined,
  ): Guarded {
    const category = params.find(([k]) => k === 'category')?.[1];
    const candidates = domainsForSearch(this.policy, type, category?.replace(/^.*\|/, ''));
    const allowed = candidates.map((d) => d.name).filter((d) => this.allowed(d, 'search'));
    if (candidates.length > 0 && allowed.length === 0) {
      return { kind: 'deny', reply: this.forbidden(`search ${candidates.map((d) => d.name).join('/')} data`), audit };
    }
    const filter = (r: Resource): boolean => {
      const domains = this.domainsOf(r).map((d) => d.name);
      if (domains.length > 0 && !domains.some((d) => allowed.includes(d))) return false;
      if (this.hiddenSchedule(r.resourceType)) return false;
      const pid = patientOf(r);
      if (this.outsidePatientScope(pid)) return false;
      return !this.withheld(pid, domains);
    };
    const refusing = patients.find((p) => this.withheld(p, allowed));
    if (refusing !== undefined) {
      // The matches are left out by the filter; whether the refusal is made known, and how, depends on the variation.
      if (this.state.faults.has(CONSENT_SILENT)) return { kind: 'allow', filter, audit };
      if (this.state.variations.has(CONSENT_SUPPRESSED_SEARCH))
        return { kind: 'allow', filter, audit, outcome: this.suppressedOutcome(refusing) };
      return { kind: 'deny', reply: { status: 403, body: this.suppressedOutcome(refusing) }, audit };
    }
    return { kind: 'allow', filter, audit };
  }

  /** A conditional create finds only what the client could find by searching. */
  async create(type: string, req: IncomingMessage, audit: AuditInfo | undefined): Promise<Guarded> {
    const resource = await bodyOf(req, type);
    const denied = this.deniedOn(resource, 'create');
    if (denied !== undefined) return { kind: 'deny', reply: this.forbidden(`create ${denied.join('/')} data`), audit };
    const patientId = resource.resourceType === 'Patient' ? undefined : patientOf(resource);
    if (audit && patientId !== undefined) audit.patientId = patientId;
    if (this.writesForAnotherPatient(resource))
      return {
        kind: 'deny',
        reply: this.forbidden(`create data that does not name its own patient (Patient/${this.grant.patientId ?? ''})`),
        audit,
      };
    const visible = this.search(type, [], [], audit);
    return { kind: 'allow', filter: visible.kind === 'allow' ? visible.filter : () => false, audit };
  }

  /**
   * A transaction (POST [base]) loads data for any patient at once: an
   * administrative act, not a clinical access, so the policy matrix (who
   * reads or writes which records) has no row for it. Only the authority
   * role may, with scopes that let it write every type the Bundle writes.
   * Not audited: the audit log records accesses to patient data, one
   * interaction at a time.
   */
  async load(req: IncomingMessage): Promise<Guarded> {
    if (this.grant.role !== 'authority') {
      return {
        kind: 'deny',
        reply: this.forbidden('load data by a transaction (an administrative action, for the authority role)'),
        audit: undefined,
      };
    }
    for (const { method, type } of await bundleWrites(req)) {
      const action = method === 'PUT' ? 'update' : 'create';
      if (!scopesAllow(this.grant.scopes, type, action)) return scopeDenied(this.grant.scopes, action, type, undefined);
    }
    return { kind: 'allow', filter: undefined, audit: undefined };
  }

  /** One resource loaded on its own (loadsOneByOne): an administrative act like a transaction, within the token's scopes. */
  loadOne(type: string, action: 'create' | 'update'): Guarded {
    if (!scopesAllow(this.grant.scopes, type, action)) return scopeDenied(this.grant.scopes, action, type, undefined);
    return { kind: 'allow', filter: undefined, audit: undefined, load: true };
  }

  /** Both the current version and the new one must be the role's to update (a patient's appointment stays theirs). */
  async update(type: string, id: string, req: IncomingMessage, audit: AuditInfo | undefined): Promise<Guarded> {
    const previous = await current(this.state, type, id);
    const next = await bodyOf(req, type);
    const versions = previous === undefined ? [next] : [previous, next];
    for (const version of versions) {
      const denied = this.deniedOn(version, 'update');
      if (denied !== undefined)
        return {
          kind: 'deny',
          reply: this.forbidden(
            `update ${denied.join('/')} data`,
            undefined,
            previous === undefined ? undefined : `${type}/${id}`,
          ),
          audit,
        };
    }
    const patientId = patientOf(previous ?? next);
    if (audit && patientId !== undefined) audit.patientId = patientId;
    if (versions.some((v) => this.writesForAnotherPatient(v))) {
      return {
        kind: 'deny',
        reply: this.forbidden(
          `change data that does not name its own patient (Patient/${this.grant.patientId ?? ''})`,
          undefined,
          previous === undefined ? undefined : `${type}/${id}`,
        ),
        audit,
      };
    }
    const domains = this.domainsOf(previous ?? next).map((d) => d.name);
    if (previous !== undefined && patientId !== undefined && this.withheld(patientId, domains))
      return { kind: 'deny', reply: this.withheldReply(patientId, `${type}/${id}`), audit };
    return { kind: 'allow', filter: undefined, audit };
  }
}

/**
 * A target without transactions (no-transaction) started empty loads its data
 * one resource at a time, by the authority, outside the policy matrix (which
 * governs clinical access, as for a transaction). Started with data, the
 * authority's writes follow the matrix.
 */
function loadsOneByOne(state: TargetState, grant: Grant): boolean {
  return grant.role === 'authority' && state.startedEmpty && state.variations.has(NO_TRANSACTION);
}

/** What the entries of a transaction Bundle write (method and resource type); a malformed body is the handler's to answer. */
async function bundleWrites(req: IncomingMessage): Promise<{ method: string; type: string }[]> {
  try {
    const parsed = JSON.parse(await readBody(req)) as { entry?: unknown };
    if (!Array.isArray(parsed.entry)) return [];
    return parsed.entry.map((e: { request?: { method?: unknown }; resource?: { resourceType?: unknown } } | null) => ({
      method: String(e?.request?.method ?? ''),
      type: String(e?.resource?.resourceType ?? ''),
    }));
  } catch {
    return [];
  }
}

/** The resource a create or update sends, typed as the URL says; a malformed body is the handler's to answer. */
async function bodyOf(req: IncomingMessage, type: string): Promise<Resource> {
  try {
    const parsed = JSON.parse(await readBody(req)) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return { ...(parsed as Resource), resourceType: type } as Resource;
  } catch {
    // the handler answers the malformed (or oversized) body
  }
  return { resourceType: type } as Resource;
}
