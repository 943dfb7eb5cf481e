/**
 * transaction and batch (POST [base] with a Bundle): how a vendor's
 * preparation step loads the fixtures of `homolog fixtures`
 * (src/fixtures/transaction.ts), and how an empty reference target gets its
 * data.
 *
 * - PUT `Type/id` stores under that id: a new version when the resource
 *   exists, else version 1 (update as create: loaded data keeps its ids).
 * - POST `Type` stores under an id the server assigns; every reference in the
 *   Bundle equal to the entry's fullUrl (urn:uuid) becomes `Type/id`.
 * - A transaction is all or nothing: every entry is checked first (request,
 *   type, id, base R4, the Québec profile of its type, references to
 *   urn:uuids the Bundle defines), and the first problem answers 400/422 with
 *   an OperationOutcome naming the entry; nothing is stored.
 * - A batch stores each valid entry on its own and answers each in its
 *   response entry; its entries cannot refer to one another (FHIR: batch
 *   entries are independent), so a urn:uuid reference there is a problem.
 *
 * What is loaded is stored as it is: an Appointment does not book its slots
 * (the Slots come with their own status), and the faults that change client
 * creates and updates do not apply.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type {
  Bundle,
  BundleEntryResponse,
  OperationOutcome,
  OperationOutcomeIssue,
  Resource,
} from '@medplum/fhirtypes';
import { parseRequestBody, validationProblem } from './create.js';
import { SERVED_TYPES } from './definitions.js';
import { storeNewVersion, withoutServerMeta } from './new-version.js';
import { profileProblem } from './profile-check.js';
import { type IssueCode, outcomeReply, type Reply } from './reply.js';
import type { TargetState } from './state.js';
import { serverTimestamp, weakEtag } from './versioning.js';
import { oneWriteAtATime } from './write-queue.js';

/** What a transaction may store: every served type, and Consent (stored for access control, not served). Not AuditEvent: the log is the server's own. */
export const LOADABLE_TYPES: readonly string[] = [...SERVED_TYPES, 'Consent'];

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TYPE = /^[A-Z][A-Za-z]+$/;

type Kind = 'transaction' | 'batch';

/** One entry's request, understood: what to store, under which id. */
interface Planned {
  method: 'PUT' | 'POST';
  type: string;
  id: string;
  resource: Resource;
}

/** Why one entry cannot be stored: an HTTP status and the issues that say why. */
interface Problem {
  status: number;
  issues: OperationOutcomeIssue[];
}

type Checked = { ok: true; planned: Planned } | { ok: false; problem: Problem };

/**
 * A server without transactions (FHIR makes them optional): POST [base] with a
 * transaction Bundle answers 501, the CapabilityStatement leaves `transaction`
 * out, and data is loaded one resource at a time (loadOne).
 */
export const NO_TRANSACTION = {
  name: 'no-transaction',
  description: {
    fr: "Pas de transactions : POST [base] avec un Bundle transaction répond 501 (OperationOutcome) et la CapabilityStatement ne déclare pas « transaction »; démarrée vide, la cible accepte que l'autorité charge les données une ressource à la fois (création ou mise à jour de chaque type).",
    en: 'No transactions: POST [base] with a transaction Bundle answers 501 (OperationOutcome) and the CapabilityStatement leaves out "transaction"; started empty, the target lets the authority load the data one resource at a time (a create or update of each type).',
  },
  // The CapabilityStatement's system interactions change; no suite tests transactions (loading is the vendor's step, test/e2e/fixtures-load-command.test.ts).
  touches: { 'fhir-core': ['FC-CAP-01', 'FC-CAP-04'] },
} as const;

export async function transaction(state: TargetState, headers: IncomingHttpHeaders, rawBody: string): Promise<Reply> {
  const parsed = parseRequestBody(headers, rawBody, 'Bundle');
  if (!parsed.ok) return parsed.reply;
  const bundle = parsed.resource as Bundle;
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
    return outcomeReply(
      400,
      'invalid',
      `POST [base] takes a Bundle of type transaction or batch, not ${bundle.type ?? '(no type)'}`,
    );
  }
  if (bundle.type === 'transaction' && state.variations.has(NO_TRANSACTION)) {
    return outcomeReply(
      501,
      'not-supported',
      'This server does not support transactions: create or update each resource on its own (POST [type], PUT [type]/[id])',
    );
  }
  const kind: Kind = bundle.type;
  const entries: unknown[] = Array.isArray(bundle.entry) ? bundle.entry : [];
  const checked = checkEntries(entries, kind).map((c): Checked => {
    const why = c.ok ? conformanceProblem(state, c.planned.resource) : undefined;
    return why === undefined ? c : { ok: false, problem: why };
  });
  if (kind === 'transaction' && checked.some((c) => !c.ok)) return refusal(entries, checked);

  const responses = await oneWriteAtATime(state, async () => {
    const out: BundleEntryResponse[] = [];
    for (const [i, c] of checked.entries())
      out.push(c.ok ? await store(state, c.planned) : failedResponse(i, entries[i], c.problem));
    // A loaded Consent may be a refusal to share, which access control must know at once.
    if (checked.some((c) => c.ok && c.planned.type === 'Consent'))
      state.access.refusing = await state.repo.refusingPatients();
    return out;
  });
  return {
    status: 200,
    body: { resourceType: 'Bundle', type: `${kind}-response`, entry: responses.map((response) => ({ response })) },
  };
}

/**
 * One resource loaded on its own (POST [type] or PUT [type]/[id] by the
 * authority of an empty target under no-transaction): checked and stored as a
 * batch entry is (stored as it is, any loadable type), answered as a create
 * or update is (201 or 200, Location, ETag, the resource).
 */
export async function loadOne(
  state: TargetState,
  headers: IncomingHttpHeaders,
  rawBody: string,
  type: string,
  id: string | undefined,
): Promise<Reply> {
  const parsed = parseRequestBody(headers, rawBody, type);
  if (!parsed.ok) return parsed.reply;
  const entry = {
    resource: parsed.resource,
    request: { method: id === undefined ? 'POST' : 'PUT', url: id === undefined ? type : `${type}/${id}` },
  };
  const [checked] = checkEntries([entry], 'batch');
  const why =
    checked === undefined
      ? problem(400, 'invalid', 'nothing to load')
      : checked.ok
        ? conformanceProblem(state, checked.planned.resource)
        : checked.problem;
  if (why !== undefined || checked === undefined || !checked.ok) {
    const issues = why?.issues ?? [];
    return { status: why?.status ?? 400, body: { resourceType: 'OperationOutcome', issue: issues } };
  }
  const response = await oneWriteAtATime(state, async () => {
    const r = await store(state, checked.planned);
    if (checked.planned.type === 'Consent') state.access.refusing = await state.repo.refusingPatients();
    return r;
  });
  const stored = await existing(state, checked.planned.type, checked.planned.id);
  return {
    status: response.status.startsWith('201') ? 201 : 200,
    headers: {
      Location: `${state.baseUrl}/${response.location ?? ''}`,
      ...(response.etag === undefined ? {} : { ETag: response.etag }),
    },
    ...(stored === undefined ? {} : { body: stored }),
  };
}

/**
 * Reads every entry's request (requestOf, which gives each POST entry its
 * id), refuses duplicates, and resolves the urn:uuid references (transaction
 * only: in a batch they stay unresolved, a problem).
 */
function checkEntries(entries: readonly unknown[], kind: Kind): Checked[] {
  const requests = entries.map((entry) => requestOf(entry));
  const links = new Map<string, string>();
  const targets = new Set<string>();
  const duplicates = requests.map((r, i): Problem | undefined => {
    if (!r.ok) return undefined;
    const key = `${r.planned.type}/${r.planned.id}`;
    if (r.planned.method === 'PUT' && targets.has(key))
      return problem(400, 'duplicate', `another entry of the Bundle also writes ${key}`);
    targets.add(key);
    const fullUrl = fullUrlOf(entries[i]);
    if (fullUrl === undefined || !fullUrl.startsWith('urn:uuid:')) return undefined;
    if (links.has(fullUrl))
      return problem(400, 'duplicate', `another entry of the Bundle has the same fullUrl ${fullUrl}`);
    if (kind === 'transaction') links.set(fullUrl, key);
    return undefined;
  });
  return requests.map((r, i) => {
    const duplicate = duplicates[i];
    if (duplicate !== undefined) return { ok: false, problem: duplicate };
    if (!r.ok) return r;
    const unresolved = new Set<string>();
    const resource = relinked(r.planned.resource, links, unresolved) as Resource;
    if (unresolved.size > 0) {
      const why =
        kind === 'batch'
          ? 'a batch entry cannot refer to another entry (send a transaction)'
          : 'no entry of the Bundle has it as its fullUrl';
      return { ok: false, problem: problem(400, 'invalid', `it refers to ${[...unresolved].join(', ')}: ${why}`) };
    }
    return { ok: true, planned: { ...r.planned, resource } };
  });
}

/** PUT Type/id or POST Type, with a resource of that type. */
function requestOf(entry: unknown): Checked {
  if (!isObject(entry)) return { ok: false, problem: problem(400, 'structure', 'the entry is not a JSON object') };
  const request = entry.request;
  const resource = entry.resource;
  if (!isObject(request))
    return { ok: false, problem: problem(400, 'required', 'the entry has no request (method and url)') };
  const method = request.method;
  if (method !== 'PUT' && method !== 'POST')
    return {
      ok: false,
      problem: problem(
        400,
        'not-supported',
        `request.method ${String(method)} is not supported here: send PUT or POST`,
      ),
    };
  if (!isObject(resource)) return { ok: false, problem: problem(400, 'required', 'the entry has no resource') };
  const url = typeof request.url === 'string' ? request.url : '';
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
  if (request.ifNoneExist !== undefined || request.ifMatch !== undefined || url.includes('?')) {
    return {
      ok: false,
      problem: problem(
        400,
        'not-supported',
        'conditional requests (ifNoneExist, ifMatch, a query in request.url) are not supported in a Bundle here',
      ),
    };
  }
  if (!LOADABLE_TYPES.includes(type))
    return {
      ok: false,
      problem: problem(
        400,
        'not-supported',
        `resource type ${type || '(none)'} cannot be stored here (${LOADABLE_TYPES.join(', ')})`,
      ),
    };
  const [urlType = '', urlId, ...rest] = url.split('/');
  if (!TYPE.test(urlType) || rest.length > 0 || (method === 'POST') !== (urlId === undefined)) {
    return {
      ok: false,
      problem: problem(
        400,
        'invalid',
        `request.url ${url || '(none)'} must be ${method === 'PUT' ? 'Type/id' : 'Type'} for ${method}`,
      ),
    };
  }
  if (urlType !== type)
    return { ok: false, problem: problem(400, 'invalid', `the resource is a ${type}, request.url names ${urlType}`) };
  const body = withoutServerMeta(resource as unknown as Resource);
  if (method === 'POST') return { ok: true, planned: { method, type, id: randomUUID(), resource: body } };
  if (urlId === undefined || !ID.test(urlId))
    return { ok: false, problem: problem(400, 'invalid', `request.url ${url}: ${urlId ?? ''} is not a FHIR id`) };
  if (body.id !== undefined && body.id !== urlId)
    return {
      ok: false,
      problem: problem(400, 'invalid', `the resource's id (${body.id}) must be ${urlId}, the id in request.url`),
    };
  return { ok: true, planned: { method, type, id: urlId, resource: body } };
}

function fullUrlOf(entry: unknown): string | undefined {
  return isObject(entry) && typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
}

/** Every `reference` equal to a linked fullUrl becomes its `Type/id`; other urn:uuid references are collected as unresolved. */
function relinked(value: unknown, links: ReadonlyMap<string, string>, unresolved: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => relinked(v, links, unresolved));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:')) {
      const target = links.get(v);
      if (target === undefined) unresolved.add(v);
      out[k] = target ?? v;
    } else {
      out[k] = relinked(v, links, unresolved);
    }
  }
  return out;
}

/** Base R4 (400) and the Québec profile the target enforces for the type (422), as a client create is checked. */
function conformanceProblem(state: TargetState, resource: Resource): Problem | undefined {
  const reply = validationProblem(resource) ?? profileProblem(state, resource);
  if (reply === undefined) return undefined;
  const outcome = reply.body as OperationOutcome | undefined;
  return { status: reply.status, issues: outcome?.issue ?? [] };
}

/** Stores one entry: version 1 when new, the next version when a PUT finds the resource. */
async function store(state: TargetState, planned: Planned): Promise<BundleEntryResponse> {
  const resource = { ...planned.resource, id: planned.id } as Resource;
  const previous = planned.method === 'PUT' ? await existing(state, planned.type, planned.id) : undefined;
  const stored =
    previous === undefined
      ? await state.repo.createResource({
          ...resource,
          meta: { ...resource.meta, versionId: '1', lastUpdated: serverTimestamp() },
        })
      : await storeNewVersion(state, resource, previous);
  const versionId = stored.meta?.versionId ?? '1';
  return {
    status: previous === undefined ? '201 Created' : '200 OK',
    location: `${stored.resourceType}/${stored.id}/_history/${versionId}`,
    etag: weakEtag(versionId),
    ...(stored.meta?.lastUpdated === undefined ? {} : { lastModified: stored.meta.lastUpdated }),
  };
}

async function existing(state: TargetState, type: string, id: string): Promise<Resource | undefined> {
  try {
    return await state.repo.readResource(type, id);
  } catch {
    return undefined;
  }
}

/** The transaction's answer when entries fail: the first one's status, and for each, an issue naming it followed by its own issues. */
function refusal(entries: readonly unknown[], checked: readonly Checked[]): Reply {
  const issues: OperationOutcomeIssue[] = [];
  let status: number | undefined;
  for (const [i, c] of checked.entries()) {
    if (c.ok) continue;
    status ??= c.problem.status;
    issues.push(...entryIssues(i, entries[i], c.problem));
  }
  issues.push({
    severity: 'information',
    code: 'informational',
    details: { text: 'The transaction was refused as a whole: nothing was stored' },
  });
  return { status: status ?? 400, body: { resourceType: 'OperationOutcome', issue: issues } };
}

function failedResponse(index: number, entry: unknown, why: Problem): BundleEntryResponse {
  const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: entryIssues(index, entry, why) };
  return { status: `${why.status} ${why.status === 422 ? 'Unprocessable Entity' : 'Bad Request'}`, outcome };
}

/**
 * The entry's issues, every expression pointing into the Bundle; the first
 * one's details.text names the entry and says what is wrong (the validator
 * puts its message in diagnostics, the profile in details.text).
 */
function entryIssues(index: number, entry: unknown, why: Problem): OperationOutcomeIssue[] {
  const request =
    isObject(entry) && isObject(entry.request) ? ` (${String(entry.request.method)} ${String(entry.request.url)})` : '';
  const inBundle = (expression: string): string =>
    `Bundle.entry[${index}].resource${expression.replace(/^[A-Z][A-Za-z]+/, '')}`;
  return why.issues.map((issue, n) => ({
    ...issue,
    ...(n === 0
      ? {
          details: {
            text: `Bundle.entry[${index}]${request}: ${issue.diagnostics ?? issue.details?.text ?? issue.code}`,
          },
        }
      : {}),
    expression: issue.expression?.map(inBundle) ?? [`Bundle.entry[${index}]`],
  }));
}

function problem(status: number, code: IssueCode, text: string): Problem {
  return { status, issues: [{ severity: 'error', code, details: { text } }] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
