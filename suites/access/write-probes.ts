/**
 * The write cells of the access policy (create and update), probed both ways
 * with one request per role × domain × interaction. What is written is
 * harmless and tagged: a synthetic Patient, a proposed Appointment without a
 * slot for the patient actor's own patient, and a lab Observation and a
 * MedicationDispense modelled on the test patient's own. A denied probe
 * carries an identifier of its own (a denied update adds one), so that one
 * search per type afterwards proves a refused write stored nothing.
 */
import { randomUUID } from 'node:crypto';
import type { CapabilityStatement, Identifier, MedicationDispense, Resource } from '@medplum/fhirtypes';
import { type AccessPolicy, allows, type Domain, type PolicyRole } from '../../src/access/policy.js';
import type { FhirResponse } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { ActorView, TestContext } from '../../src/suite/api.js';
import { createdIdOf } from '../../src/suite/references.js';
import { conformanceErrors, DENIED_STATUSES, matches } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';

/** The system under which the suites tag what they leave behind (values start with `homolog-`). */
const MARK_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx';
const DISPENSE_PROFILE = 'https://homolog.quebec/fhir/StructureDefinition/qc-medicationdispense';

export type WriteInteraction = 'create' | 'update';

export interface WriteCell {
  role: PolicyRole;
  domain: string;
  interaction: WriteInteraction;
  expected: 'allowed' | 'denied';
  /** The status answered. */
  observed: string;
  /** A refused write found stored afterwards. */
  stored?: true;
  result: 'ok' | 'VIOLATION' | 'n/a';
  /** The identifier a denied probe carried (to search for afterwards). */
  marker?: string;
  type: string;
  /** The exchanges that show the cell: the probe, and the search that found a refused write stored. */
  exchanges: string[];
}

/** One actor per role of the policy (the first of each), anonymous aside: the write matrix has one probe per cell. */
export function probingActors(t: TestContext, p: AccessPolicy): ActorView[] {
  const seen = new Set<string>();
  return t.actors.filter((a) => a.role in p.roles && a.role !== 'anonymous' && !seen.has(a.role) && seen.add(a.role));
}

/** The interactions the CapabilityStatement declares per type; undefined (probe everything) when it could not be read. */
function declared(
  cap: CapabilityStatement | undefined,
): ((type: string, interaction: WriteInteraction) => boolean) | undefined {
  const resources = cap?.rest?.find((r) => r.mode === 'server')?.resource ?? cap?.rest?.[0]?.resource;
  if (resources === undefined) return undefined;
  return (type, interaction) =>
    resources.some((r) => r.type === type && (r.interaction ?? []).some((i) => i.code === interaction));
}

/** An actor allowed to search the domain (not a patient, whose searches see only their own data). */
function searcherOf(t: TestContext, p: AccessPolicy, domain: string): ActorView | undefined {
  const able = t.actors.filter((a) => a.role in p.roles && allows(p, a.role as PolicyRole, domain, 'search'));
  return able.find((a) => a.role !== 'patient') ?? able[0];
}

/** Resource without what a server assigns or what identifies the original. */
function copied<T extends Resource>(model: T): T {
  const {
    id: _id,
    meta: _meta,
    text: _text,
    identifier: _identifier,
    ...rest
  } = structuredClone(model) as T & { text?: unknown; identifier?: unknown };
  return rest as unknown as T;
}

/** A harmless resource of `type` for the domain, or undefined when this suite cannot make one (the domain is then not probed). */
async function draftOf(
  t: TestContext,
  p: AccessPolicy,
  domain: Domain,
  type: string,
  patient: string,
  self: string,
): Promise<Resource | undefined> {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  switch (type) {
    case 'Patient':
      return { resourceType: 'Patient', name: [{ family: 'Homolog-Test', given: ['Synthetic'] }], gender: 'unknown' };
    case 'Appointment':
      return {
        resourceType: 'Appointment',
        status: 'proposed',
        description: 'homolog access probe (proposed, no slot)',
        participant: [{ actor: { reference: `Patient/${self}` }, status: 'needs-action' }],
      };
    case 'MedicationDispense': {
      const found = await modelsOf<MedicationDispense>(t, p, domain.name, type, { patient });
      const model = found.find((d) => d.status === 'completed' && conformanceErrors(d, DISPENSE_PROFILE).length === 0);
      return (
        model && { ...copied(model), meta: { profile: [DISPENSE_PROFILE] }, whenPrepared: now, whenHandedOver: now }
      );
    }
    case 'Observation': {
      const category = domain.resources.find((r) => r.type === type)?.category;
      const [model] = await modelsOf(t, p, domain.name, type, { patient, ...(category ? { category } : {}) });
      return model && copied(model);
    }
    default:
      return undefined;
  }
}

async function modelsOf<T extends Resource>(
  t: TestContext,
  p: AccessPolicy,
  domain: string,
  type: string,
  params: Record<string, string>,
): Promise<T[]> {
  const searcher = searcherOf(t, p, domain);
  if (!searcher) return [];
  const res = await (await t.as(searcher.name)).search<T>(type, { ...params, _count: '20' });
  return matches<T>(res.resource, type);
}

function withMarker<T extends Resource>(resource: T, value: string): T {
  const identifier: Identifier[] = [
    ...((resource as { identifier?: Identifier[] }).identifier ?? []),
    { system: MARK_SYSTEM, value },
  ];
  return { ...resource, identifier };
}

const etagOf = (headers: Record<string, string | undefined>, resource: Resource | undefined): string | undefined =>
  headers.etag ?? (resource?.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined);

/** Probes every write cell of the policy the target supports; returns the cells, each with its result. */
export async function probeWrites(t: TestContext, p: AccessPolicy): Promise<WriteCell[]> {
  const patient = t.input('patientId');
  const self = t.actors.find((a) => a.role === 'patient')?.patient ?? patient;
  const supports = declared(await t.capabilities());
  const actors = probingActors(t, p);
  const cells: WriteCell[] = [];
  for (const domain of p.domains) {
    const type = domain.resources.map((r) => r.type).find((ty) => supports?.(ty, 'create') ?? true);
    const draft = type === undefined ? undefined : await draftOf(t, p, domain, type, patient, self);
    if (type === undefined || draft === undefined) {
      t.info(m.noWritableType({ domain: domain.name }));
      continue;
    }
    let written: { id: string } | undefined;
    for (const actor of actors) {
      const role = actor.role as PolicyRole;
      const expected = allows(p, role, domain.name, 'create') ? 'allowed' : 'denied';
      const marker = `homolog-${randomUUID()}`;
      const res = await (await t.as(actor.name)).create(withMarker(draft, marker));
      const id = res.status === 201 ? createdIdOf(res, type) : undefined;
      if (expected === 'allowed' && id !== undefined) written ??= { id };
      cells.push(cellOf(role, domain.name, 'create', type, expected, res.http, 201, marker));
    }
    if (!(supports?.(type, 'update') ?? true)) continue;
    if (written === undefined) {
      t.info(m.nothingCreated({ domain: domain.name, type }));
      continue;
    }
    cells.push(...(await probeUpdates(t, p, domain.name, type, written.id, actors)));
  }
  await findStored(t, p, cells);
  return cells;
}

/** Reads the resource as an allowed reader, then PUTs it back with If-Match as each role (a denied role adds its own marker). */
async function probeUpdates(
  t: TestContext,
  p: AccessPolicy,
  domain: string,
  type: string,
  id: string,
  actors: readonly ActorView[],
): Promise<WriteCell[]> {
  const reader = searcherOf(t, p, domain);
  if (!reader) return [];
  const read = await (await t.as(reader.name)).read(type, id);
  if (read.status !== 200 || read.resource === undefined) {
    t.info(m.notReadBack({ resource: `${type}/${id}`, status: read.status, domain }));
    return [];
  }
  let current: Resource = read.resource;
  let etag = etagOf(read.http.headers, current);
  const cells: WriteCell[] = [];
  for (const actor of actors) {
    const role = actor.role as PolicyRole;
    const expected = allows(p, role, domain, 'update') ? 'allowed' : 'denied';
    const marker = expected === 'denied' ? `homolog-${randomUUID()}` : undefined;
    const body: Resource & { id: string } = { ...(marker === undefined ? current : withMarker(current, marker)), id };
    const res: FhirResponse = await (await t.as(actor.name)).update(body, {
      headers: etag ? { 'if-match': etag } : {},
    });
    if (res.status === 200) {
      current = res.resource?.resourceType === type ? res.resource : body;
      etag = etagOf(res.http.headers, res.resource) ?? etag;
    }
    cells.push(cellOf(role, domain, 'update', type, expected, res.http, 200, marker));
  }
  return cells;
}

function cellOf(
  role: PolicyRole,
  domain: string,
  interaction: WriteInteraction,
  type: string,
  expected: WriteCell['expected'],
  res: HttpResponse,
  success: number,
  marker?: string,
): WriteCell {
  const status = res.status;
  // A refusal may hide that the resource exists (404) or ask again for credentials (401); findStored proves nothing was written.
  const result =
    status === 405
      ? 'n/a'
      : (expected === 'allowed' ? status === success : DENIED_STATUSES.includes(status))
        ? 'ok'
        : 'VIOLATION';
  return {
    role,
    domain,
    interaction,
    type,
    expected,
    observed: String(status),
    result,
    exchanges: [res.exchangeId],
    ...(expected === 'denied' && marker !== undefined ? { marker } : {}),
  };
}

/** One search per type for the markers of the denied probes: any found was stored although refused. */
async function findStored(t: TestContext, p: AccessPolicy, cells: WriteCell[]): Promise<void> {
  for (const type of new Set(cells.filter((c) => c.marker !== undefined).map((c) => c.type))) {
    const marked = cells.filter((c) => c.type === type && c.marker !== undefined);
    const searcher = searcherOf(t, p, marked[0]?.domain ?? '');
    if (!searcher) continue;
    const identifier = marked.map((c) => `${MARK_SYSTEM}|${c.marker ?? ''}`).join(',');
    const res = await (await t.as(searcher.name)).search(type, { identifier, _count: '100' });
    if (res.status !== 200) {
      t.info(m.storedUnverified({ type, status: res.status }));
      continue;
    }
    const stored = new Set(
      matches<Resource & { identifier?: Identifier[] }>(res.resource).flatMap((r) =>
        (r.identifier ?? []).map((i) => i.value),
      ),
    );
    for (const cell of marked) {
      if (cell.marker !== undefined && stored.has(cell.marker))
        Object.assign(cell, {
          stored: true,
          result: 'VIOLATION',
          exchanges: [...cell.exchanges, res.http.exchangeId],
        });
    }
  }
}
