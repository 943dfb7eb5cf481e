/**
 * Reads FHIR R4 TestScript resources (JSON) and their fixtures, and refuses
 * what homolog does not run, naming the file, line and element: a script is
 * never half-run with a feature silently passed over.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  Resource,
  TestScript,
  TestScriptSetupActionAssert,
  TestScriptSetupActionOperation,
} from '@medplum/fhirtypes';
import { FileError, UsageError } from '../util/errors.js';
import type { LocalizedText, Text } from '../util/i18n.js';
import { readStructuredFile, type StructuredFile } from '../util/structured-file.js';
import { loadMessages as l } from './messages.js';
import { isSupportedJsonPath, OPERATORS, type Operator, referencedVariables } from './values.js';

/** A TestScript or fixture file larger than this is refused before it is read. */
export const MAX_TESTSCRIPT_FILE_BYTES = 10 * 1024 * 1024;

/** The operation codes run here (R4 testscript-operation-codes), by the request they make. */
export const OPERATION_CODES = [
  'read',
  'vread',
  'search',
  'create',
  'update',
  'updateCreate',
  'delete',
  'history',
  'capabilities',
  'batch',
  'transaction',
  'patch',
] as const;
export type OperationCode = (typeof OPERATION_CODES)[number];

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

export interface LoadedFixture {
  id: string;
  resource: Resource;
  autocreate: boolean;
  autodelete: boolean;
  /** Where it came from: the file, or `#id` for a contained resource. */
  from: string;
}

export interface LoadedTestScript {
  file: string;
  script: TestScript;
  fixtures: Map<string, LoadedFixture>;
  /** Profiles by TestScript.profile id: their canonical URL (validateProfileId). */
  profiles: Map<string, string>;
  /** Variable names the script declares. */
  variables: Set<string>;
  /** sha256 over the script file and its fixture files (their bytes, with their names). */
  digest: string;
}

/** Every TestScript of the arguments: a file, or every *.json file of a folder (sorted, not recursive). */
export async function loadTestScripts(args: readonly string[]): Promise<LoadedTestScript[]> {
  const files: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (!info) throw new UsageError(l.noSuchArg({ arg }));
    if (info.isDirectory()) {
      const names = (await readdir(arg)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
      if (names.length === 0) throw new UsageError(l.emptyFolder({ arg }));
      files.push(...names.map((n) => path.join(arg, n)));
    } else files.push(arg);
  }
  const scripts: LoadedTestScript[] = [];
  for (const file of files) scripts.push(await loadTestScript(path.resolve(file)));
  return scripts;
}

async function readCapped(file: string, what: LocalizedText): Promise<StructuredFile> {
  const info = await stat(file).catch(() => undefined);
  if (info && info.size > MAX_TESTSCRIPT_FILE_BYTES)
    throw new FileError(file, undefined, undefined, l.tooLarge({ what, size: info.size }));
  if (!/\.json$/i.test(file)) throw new FileError(file, undefined, undefined, l.notJsonFile({ what }));
  return readStructuredFile(file);
}

type Pointer = (string | number)[];

/** A refusal that names the file, the line of the element and its path. */
function refuse(source: StructuredFile, at: Pointer, detail: Text): never {
  const pos = source.positionOf(at);
  const element = at.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
  const d = typeof detail === 'string' ? { fr: detail, en: detail } : detail;
  // The element path is not translated; the French colon takes a space before it.
  const text = element ? { en: `${element}: ${d.en}`, fr: `${element} : ${d.fr}` } : d;
  throw new FileError(source.path, pos?.line, pos?.column, text);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function loadTestScript(file: string): Promise<LoadedTestScript> {
  const source = await readCapped(file, l.testScript());
  const data = source.data;
  if (!isObject(data) || data.resourceType !== 'TestScript')
    refuse(
      source,
      isObject(data) ? ['resourceType'] : [],
      l.notTestScript({ type: isObject(data) ? JSON.stringify(data.resourceType) : l.missing() }),
    );
  const script = data as unknown as TestScript;
  for (const required of ['url', 'name', 'status'] as const)
    if (typeof script[required] !== 'string' || script[required] === '')
      refuse(source, [required], l.required({ name: required }));
  if (!Array.isArray(script.test) || script.test.length === 0) refuse(source, ['test'], l.noTest());
  refuseEverywhere(source, data, []);
  for (const key of ['origin', 'destination'] as const)
    if ((script[key]?.length ?? 0) > 1) refuse(source, [key, 1], l.moreThanOne({ key }));

  const variables = new Set<string>();
  (script.variable ?? []).forEach((v, i) => {
    if (!v.name) refuse(source, ['variable', i, 'name'], l.variableName());
    if (variables.has(v.name)) refuse(source, ['variable', i, 'name'], l.variableTwice({ name: v.name }));
    variables.add(v.name);
    if (v.path !== undefined && !isSupportedJsonPath(v.path))
      refuse(source, ['variable', i, 'path'], unsupportedPath(v.path));
    const sources = [v.expression, v.path, v.headerField].filter((x) => x !== undefined).length;
    if (sources > 1) refuse(source, ['variable', i], l.oneSource());
  });

  const fixtures = new Map<string, LoadedFixture>();
  const fixtureFiles: { name: string; text: string }[] = [];
  for (const [i, f] of (script.fixture ?? []).entries()) {
    const at: Pointer = ['fixture', i];
    if (!f.id) refuse(source, [...at, 'id'], l.fixtureId());
    const ref = f.resource?.reference;
    if (!ref) refuse(source, [...at, 'resource'], l.fixtureResource());
    let resource: Resource;
    let from: string;
    if (ref.startsWith('#')) {
      const found = (script.contained ?? []).find((c) => c.id === ref.slice(1));
      if (!found) refuse(source, [...at, 'resource', 'reference'], l.noContained({ id: ref.slice(1) }));
      resource = found;
      from = ref;
    } else {
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || path.isAbsolute(ref))
        refuse(source, [...at, 'resource', 'reference'], l.fixtureReference({ ref: JSON.stringify(ref) }));
      from = path.resolve(path.dirname(file), ref);
      const fixtureSource = await readCapped(from, l.fixture());
      if (!isObject(fixtureSource.data) || typeof fixtureSource.data.resourceType !== 'string')
        throw new FileError(from, 1, 1, l.fixtureNotResource({ id: f.id, file }));
      resource = fixtureSource.data as unknown as Resource;
      fixtureFiles.push({ name: ref, text: fixtureSource.text });
    }
    fixtures.set(f.id, {
      id: f.id,
      resource,
      autocreate: f.autocreate === true,
      autodelete: f.autodelete === true,
      from,
    });
  }

  const profiles = new Map<string, string>();
  (script.profile ?? []).forEach((p, i) => {
    if (!p.id || !p.reference) refuse(source, ['profile', i], l.profile());
    profiles.set(p.id, p.reference);
  });

  const ids = new Set<string>([...fixtures.keys()]);
  const checkAction = (
    action: { operation?: TestScriptSetupActionOperation; assert?: TestScriptSetupActionAssert },
    at: Pointer,
    allowAssert: boolean,
  ): void => {
    if (action.operation && action.assert) refuse(source, at, l.operationAndAssert());
    if (action.operation) {
      checkOperation(source, action.operation, [...at, 'operation'], variables, ids);
      for (const key of ['responseId', 'requestId'] as const) {
        const id = action.operation[key];
        if (id) ids.add(id);
      }
    } else if (action.assert) {
      if (!allowAssert) refuse(source, [...at, 'assert'], l.teardownOperations());
      checkAssert(source, action.assert, [...at, 'assert'], variables, ids, fixtures, profiles);
    } else refuse(source, at, l.emptyAction());
  };
  // In script order: an id is known from the operation that makes it on (teardown sees every test's).
  for (const [i, a] of (script.setup?.action ?? []).entries()) checkAction(a, ['setup', 'action', i], true);
  for (const [ti, t] of script.test.entries()) {
    if (!t.action?.length) refuse(source, ['test', ti, 'action'], l.emptyTest());
    for (const [i, a] of t.action.entries()) checkAction(a, ['test', ti, 'action', i], true);
  }
  for (const [i, a] of (script.teardown?.action ?? []).entries()) checkAction(a, ['teardown', 'action', i], false);

  const hash = createHash('sha256');
  for (const part of [{ name: path.basename(file), text: source.text }, ...fixtureFiles])
    hash.update(`${part.name}\0${createHash('sha256').update(part.text).digest('hex')}\n`);
  return { file, script, fixtures, profiles, variables, digest: hash.digest('hex') };
}

/** R3's rule/ruleset (removed in R4) and modifier extensions, at any depth: their meaning cannot be ignored. */
function refuseEverywhere(source: StructuredFile, value: unknown, at: Pointer): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) refuseEverywhere(source, v, [...at, i]);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'contained') continue;
    if (key === 'rule' || key === 'ruleset') refuse(source, [...at, key], l.stu3({ key }));
    if (key === 'modifierExtension') refuse(source, [...at, key], l.modifierExtension());
    refuseEverywhere(source, v, [...at, key]);
  }
}

function unsupportedPath(p: string): LocalizedText {
  return /^\/|fhir:/.test(p) ? l.xpath({ path: JSON.stringify(p) }) : l.jsonPathSubset({ path: JSON.stringify(p) });
}

function checkVariables(source: StructuredFile, text: string | undefined, at: Pointer, variables: Set<string>): void {
  if (text === undefined) return;
  for (const name of referencedVariables(text))
    if (!variables.has(name)) refuse(source, at, l.unknownVariable({ ref: `\${${name}}` }));
}

function checkFormat(source: StructuredFile, value: string | undefined, at: Pointer): void {
  if (value !== undefined && /xml/i.test(value)) refuse(source, at, l.xml({ value: JSON.stringify(value) }));
}

function checkOperation(
  source: StructuredFile,
  op: TestScriptSetupActionOperation,
  at: Pointer,
  variables: Set<string>,
  ids: Set<string>,
): void {
  const code = op.type?.code;
  if (code !== undefined && !(OPERATION_CODES as readonly string[]).includes(code))
    refuse(source, [...at, 'type', 'code'], l.unsupportedOperation({ code, codes: OPERATION_CODES.join(', ') }));
  if (code === undefined && !op.method) refuse(source, at, l.operationNeedsType());
  if (op.method && !METHODS.includes(op.method))
    refuse(source, [...at, 'method'], l.unknownMethod({ method: op.method }));
  checkFormat(source, op.accept, [...at, 'accept']);
  checkFormat(source, op.contentType, [...at, 'contentType']);
  checkVariables(source, op.params, [...at, 'params'], variables);
  checkVariables(source, op.url, [...at, 'url'], variables);
  for (const [i, h] of (op.requestHeader ?? []).entries())
    checkVariables(source, h.value, [...at, 'requestHeader', i], variables);
  for (const key of ['sourceId', 'targetId'] as const) {
    const id = op[key];
    if (id && !ids.has(id)) refuse(source, [...at, key], l.unknownId({ key, id }));
  }
  const needsTarget = code === 'read' || code === 'vread' || code === 'delete' || code === 'history';
  if (needsTarget && !op.targetId && !op.params && !op.url && !(code === 'history' && op.resource))
    refuse(source, at, l.needsTarget({ code }));
  const needsBody = code === 'create' || code === 'update' || code === 'updateCreate' || code === 'batch';
  if ((needsBody || code === 'transaction' || code === 'patch') && !op.sourceId)
    refuse(source, at, l.needsSource({ code }));
  if ((op.origin ?? 1) !== 1 || (op.destination ?? 1) !== 1) refuse(source, at, l.originDestination());
}

function checkAssert(
  source: StructuredFile,
  a: TestScriptSetupActionAssert,
  at: Pointer,
  variables: Set<string>,
  ids: Set<string>,
  fixtures: Map<string, LoadedFixture>,
  profiles: Map<string, string>,
): void {
  if (a.direction === 'request') refuse(source, [...at, 'direction'], l.requestDirection());
  if (a.operator !== undefined && !OPERATORS.includes(a.operator as Operator))
    refuse(source, [...at, 'operator'], l.unknownOperator({ operator: String(a.operator) }));
  if (a.path !== undefined && !isSupportedJsonPath(a.path)) refuse(source, [...at, 'path'], unsupportedPath(a.path));
  if (a.compareToSourcePath !== undefined && !isSupportedJsonPath(a.compareToSourcePath))
    refuse(source, [...at, 'compareToSourcePath'], unsupportedPath(a.compareToSourcePath));
  checkFormat(source, a.contentType, [...at, 'contentType']);
  for (const key of ['value', 'expression', 'compareToSourceExpression', 'path', 'requestURL'] as const)
    checkVariables(source, a[key], [...at, key], variables);
  for (const key of ['sourceId', 'compareToSourceId'] as const) {
    const id = a[key];
    if (id && !ids.has(id)) refuse(source, [...at, key], l.unknownId({ key, id }));
  }
  if (a.minimumId && !fixtures.has(a.minimumId))
    refuse(source, [...at, 'minimumId'], l.unknownMinimumId({ id: a.minimumId }));
  if (a.validateProfileId && !profiles.has(a.validateProfileId))
    refuse(source, [...at, 'validateProfileId'], l.unknownProfileId({ id: a.validateProfileId }));
  if (a.compareToSourceId && !a.compareToSourceExpression && !a.compareToSourcePath)
    refuse(source, at, l.compareNeedsSource());
  const kinds = [
    a.response,
    a.responseCode,
    a.headerField,
    a.contentType,
    a.resource,
    a.expression,
    a.path,
    a.minimumId,
    a.validateProfileId,
    a.navigationLinks,
    a.requestMethod,
    a.requestURL,
    a.compareToSourceId,
  ].filter((x) => x !== undefined);
  if (kinds.length === 0) refuse(source, at, l.assertsNothing());
}
