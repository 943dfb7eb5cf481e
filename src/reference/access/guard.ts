/**
 * The resource server's access control, decided before an interaction runs:
 * the token (401), its scopes (403), the policy matrix of
 * suites/access/policy.yaml (role × domain × interaction, 403 without data),
 * the patient scope of patient-role tokens (404), and a patient's refusal to
 * share (403 `suppressed` for professionals). A search over several domains
 * is narrowed by a filter applied before paging.
 */
import type { IncomingMessage } from 'node:http';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { allows, domainOf, domainsForSearch, type Domain, type Interaction, type PolicyRole } from '../../access/policy.js';
import { ACCESS_TYPES, isServedType } from '../definitions.js';
import { readBody } from '../http-shell.js';
import type { Reply } from '../reply.js';
import { outcomeReply } from '../reply.js';
import type { Route } from '../routes.js';
import type { TargetState } from '../state.js';
import type { AuditInfo } from './audit.js';
import { scopesAllow } from './scopes.js';
import type { Grant } from './state.js';

const REALM = 'Bearer realm="homolog-reference"';

export type Guarded =
  | { kind: 'deny'; reply: Reply; audit: AuditInfo | undefined }
  | { kind: 'allow'; filter: ((r: Resource) => boolean) | undefined; audit: AuditInfo | undefined };

type Token = { kind: 'none' } | { kind: 'invalid'; text: string } | { kind: 'valid'; grant: Grant };

export function tokenOf(state: TargetState, authorization: string | undefined): Token {
  if (authorization === undefined) return { kind: 'none' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const grant = m ? state.access.grants.get(m[1] ?? '') : undefined;
  if (grant === undefined) return { kind: 'invalid', text: 'The access token is not recognised' };
  if (grant.expiresAt <= Date.now() && !state.faults.has('accepts-expired-token')) return { kind: 'invalid', text: 'The access token has expired' };
  return { kind: 'valid', grant };
}

/** The patient a resource belongs to: a Patient itself, or its subject / patient reference. */
export function patientOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const r = resource as { subject?: { reference?: string }; patient?: { reference?: string } };
  const ref = r.subject?.reference ?? r.patient?.reference;
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

function interactionOf(route: Route, method: string): AuditInfo['interaction'] | undefined {
  switch (route.kind) {
    case 'type':
      return method === 'POST' ? 'create' : method === 'GET' ? 'search-type' : undefined;
    case 'search-post':
      return method === 'POST' ? 'search-type' : undefined;
    case 'instance':
      return method === 'GET' ? 'read' : undefined;
    case 'version':
      return method === 'GET' ? 'vread' : undefined;
    default:
      return undefined;
  }
}

const POLICY_INTERACTION: Record<AuditInfo['interaction'], Interaction> = { read: 'read', vread: 'read', 'search-type': 'search', create: 'create' };

export async function guard(state: TargetState, req: IncomingMessage, route: Route, url: URL, method: string): Promise<Guarded> {
  // The CapabilityStatement is public (FHIR and SMART discovery need it before any token).
  if (route.kind === 'metadata') return { kind: 'allow', filter: undefined, audit: undefined };
  const interaction = interactionOf(route, method);
  const type = 'type' in route ? route.type : undefined;
  const token = tokenOf(state, req.headers.authorization);
  let grant: Grant;
  const audit: AuditInfo | undefined = interaction === undefined ? undefined : { interaction, agent: undefined };
  if (audit && (route.kind === 'instance' || route.kind === 'version')) {
    audit.resource = `${route.type}/${route.id}`;
    const found = await current(state, route.type, route.id);
    const pid = found === undefined ? undefined : patientOf(found);
    if (pid !== undefined) audit.patientId = pid;
  }
  if (audit && interaction === 'search-type') {
    const pid = searchedPatient(type ?? '', [...url.searchParams]);
    audit.query = `${type ?? ''}${url.search}`;
    if (pid !== undefined) audit.patientId = pid;
  }
  if (token.kind === 'valid') {
    grant = token.grant;
  } else if (token.kind === 'none' && state.faults.has('no-401')) {
    grant = { clientId: 'anonymous', role: 'physician', scopes: ['system/*.read', 'system/*.write'], expiresAt: Infinity };
  } else {
    const text = token.kind === 'none' ? 'An access token is required (Authorization: Bearer)' : token.text;
    const challenge = token.kind === 'none' ? REALM : `${REALM}, error="invalid_token", error_description="${token.text}"`;
    const headers: Record<string, string> = state.faults.has('no-www-authenticate') ? {} : { 'WWW-Authenticate': challenge };
    return { kind: 'deny', reply: outcomeReply(401, 'login', text, headers), audit };
  }
  if (audit) audit.agent = { clientId: grant.clientId, role: grant.role };
  // Types this target does not serve (Consent is stored, not served) are left to the handler's 404.
  if (interaction === undefined || type === undefined || !servedHere(type)) return { kind: 'allow', filter: undefined, audit };

  const action = POLICY_INTERACTION[interaction];
  if (!scopesAllow(grant.scopes, type, action) && !state.faults.has('scope-ignored')) {
    const headers = { 'WWW-Authenticate': `${REALM}, error="insufficient_scope", error_description="The token's scopes do not cover ${action} on ${type}"` };
    return { kind: 'deny', reply: outcomeReply(403, 'forbidden', `The token's scopes (${grant.scopes.join(' ')}) do not allow ${action} on ${type}`, headers), audit };
  }
  const decide = new Decider(state, grant);
  switch (route.kind) {
    case 'instance':
    case 'version':
      return decide.read(route.type, route.id, audit);
    case 'type':
    case 'search-post':
      if (interaction === 'create') return decide.create(route.type, req, audit);
      return decide.search(route.type, [...url.searchParams, ...(route.kind === 'search-post' ? await formParams(req) : [])], audit);
    default:
      return { kind: 'allow', filter: undefined, audit };
  }
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

/** The patient a search is about: patient= / subject= (with or without Patient/), or Patient?_id=. */
function searchedPatient(type: string, params: readonly [string, string][]): string | undefined {
  for (const [key, value] of params) {
    const name = key.split(':')[0] ?? '';
    if (name === 'patient' || name === 'subject' || (type === 'Patient' && name === '_id')) {
      const first = value.split(',')[0] ?? '';
      return first.replace(/^.*Patient\//, '');
    }
  }
  return undefined;
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
    const role = this.grant.role as PolicyRole;
    if (this.state.faults.has('pharmacist-reads-imaging') && role === 'pharmacist' && domain === 'imaging' && (interaction === 'read' || interaction === 'search')) return true;
    return allows(this.policy, role, domain, interaction);
  }

  private domainsOf(resource: Resource): Domain[] {
    const d = domainOf(this.policy, resource as unknown as Record<string, unknown>);
    return d ? [d] : domainsForSearch(this.policy, resource.resourceType);
  }

  /** A patient-role token may only reach its own patient's data (resources without a patient are shared). */
  private outsidePatientScope(patientId: string | undefined): boolean {
    return this.grant.role === 'patient' && patientId !== undefined && patientId !== this.grant.patientId && !this.state.faults.has('patient-sees-other-patient');
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
      !this.state.faults.has('consent-ignored')
    );
  }

  private forbidden(what: string, leak?: Resource): Reply {
    const reply = outcomeReply(403, 'forbidden', `The ${this.grant.role} role may not ${what}`);
    return leak !== undefined && this.state.faults.has('leaks-data-on-403') ? { status: 403, body: leak } : reply;
  }

  private suppressed(patientId: string): Reply {
    const outcome: OperationOutcome = {
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
    return { status: 403, body: outcome };
  }

  async read(type: string, id: string, audit: AuditInfo | undefined): Promise<Guarded> {
    const resource = await current(this.state, type, id);
    if (resource === undefined) return { kind: 'allow', filter: undefined, audit };
    const domains = this.domainsOf(resource).map((d) => d.name);
    if (!domains.some((d) => this.allowed(d, 'read'))) {
      return { kind: 'deny', reply: this.forbidden(`read ${domains.join('/') || type} data`, resource), audit };
    }
    const patientId = patientOf(resource);
    if (this.outsidePatientScope(patientId)) return { kind: 'deny', reply: outcomeReply(404, 'not-found', `${type}/${id} not found`), audit };
    if (patientId !== undefined && this.withheld(patientId, domains)) return { kind: 'deny', reply: this.suppressed(patientId), audit };
    return { kind: 'allow', filter: undefined, audit };
  }

  search(type: string, params: readonly [string, string][], audit: AuditInfo | undefined): Guarded {
    const category = params.find(([k]) => k === 'category')?.[1];
    const candidates = domainsForSearch(this.policy, type, category?.replace(/^.*\|/, ''));
    const allowed = candidates.map((d) => d.name).filter((d) => this.allowed(d, 'search'));
    if (candidates.length > 0 && allowed.length === 0) {
      return { kind: 'deny', reply: this.forbidden(`search ${candidates.map((d) => d.name).join('/')} data`), audit };
    }
    const patientId = searchedPatient(type, params);
    if (patientId !== undefined && this.withheld(patientId, allowed)) return { kind: 'deny', reply: this.suppressed(patientId), audit };
    const filter = (r: Resource): boolean => {
      const domains = this.domainsOf(r).map((d) => d.name);
      if (domains.length > 0 && !domains.some((d) => allowed.includes(d))) return false;
      const pid = patientOf(r);
      if (this.outsidePatientScope(pid)) return false;
      return !this.withheld(pid, domains);
    };
    return { kind: 'allow', filter, audit };
  }

  async create(type: string, req: IncomingMessage, audit: AuditInfo | undefined): Promise<Guarded> {
    let resource: Resource = { resourceType: type } as Resource;
    try {
      const parsed = JSON.parse(await readBody(req)) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) resource = { ...(parsed as Resource), resourceType: type } as Resource;
    } catch {
      // the create handler answers the malformed body
    }
    const domains = this.domainsOf(resource).map((d) => d.name);
    if (domains.length > 0 && !domains.some((d) => this.allowed(d, 'create'))) return { kind: 'deny', reply: this.forbidden(`create ${domains.join('/')} data`), audit };
    const patientId = resource.resourceType === 'Patient' ? undefined : patientOf(resource);
    if (audit && patientId !== undefined) audit.patientId = patientId;
    if (this.outsidePatientScope(patientId)) return { kind: 'deny', reply: this.forbidden(`create data for another patient`), audit };
    return { kind: 'allow', filter: undefined, audit };
  }
}
