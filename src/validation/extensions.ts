/**
 * Extension rules on use that the walker's base pass applies once an
 * extension's definition is known (InstanceValidator.checkExtension and
 * checkExtensionContext of the HL7 Java validator): modifier use against
 * isModifier, simple vs complex, sub-extension urls, contexts of type
 * `fhirpath` and `extension`, and contextInvariant.
 */
import type { LocalizedText } from '../util/i18n.js';
import type { CompiledStructure } from './compile.js';
import { evaluateInvariant, evaluateValues, type FhirPathHost, javaBoolean } from './fhirpath.js';
import type { IssueSeverity } from './issues.js';
import { m as msg, notChecked } from './messages.js';
import type { ResourceCtx } from './resource-ctx.js';

type Json = Record<string, unknown>;

export interface ExtensionProblem {
  severity: IssueSeverity;
  text: LocalizedText;
}

/** Where an extension sits: the holding element's definition path and type, and its value when it is an object. */
export interface ExtensionSite {
  path: string;
  type: string | undefined;
  value?: unknown;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A url with a scheme (looser than Java's isAbsoluteUrl in java-urls.ts: any case, + . - in the scheme). */
export function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** A relative url: allowed only inside an extension; inside a known complex extension it must name one of its slices. */
export function relativeUrlProblem(
  url: string,
  site: ExtensionSite | undefined,
  parentDef: (url: string) => CompiledStructure | undefined,
): ExtensionProblem | undefined {
  if (site?.type !== 'Extension') return { severity: 'error', text: msg.extensionUrlAbsolute() };
  const parentUrl = isObject(site.value) ? site.value.url : undefined;
  if (typeof parentUrl !== 'string' || !hasScheme(parentUrl)) return undefined;
  const def = parentDef(parentUrl);
  if (def?.type !== 'Extension' || !def.isProfile) return undefined;
  for (const el of def.byId.values()) if (el.path === 'Extension.extension.url' && el.fixed === url) return undefined;
  return { severity: 'error', text: msg.subExtensionInvalid({ url, def: def.url }) };
}

/** Rules between the definition and the way it is used (Java's EXTENSION_EXT_MODIFIER_* and EXTENSION_EXT_SIMPLE_WRONG). */
export function extensionUseProblems(def: CompiledStructure, ext: Json, asModifier: boolean): ExtensionProblem[] {
  const out: ExtensionProblem[] = [];
  const definedModifier = def.root.isModifier;
  if (asModifier && !definedModifier) out.push({ severity: 'error', text: msg.extensionModifierY({ url: def.url }) });
  if (!asModifier && definedModifier) out.push({ severity: 'error', text: msg.extensionModifierN({ url: def.url }) });
  const hasValue = Object.keys(ext).some((k) => k.startsWith('value'));
  if (!hasValue && Array.isArray(ext.extension)) {
    // A value the definition requires, given as sub-extensions instead.
    const ved = [...def.byId.values()].find((e) => e.path === 'Extension.value[x]' && !e.sliceName);
    if (ved && ved.min > 0 && ved.max !== 0 && ved.types.length)
      out.push({ severity: 'error', text: msg.extensionSimpleWrong({ url: def.url }) });
  }
  return out;
}

/**
 * Whether a context of type `fhirpath` or `extension` admits the site:
 * true/false, or undefined when it cannot be decided here (the holder is a
 * primitive, or the expression cannot be evaluated).
 */
export function otherContextMatches(
  c: { type: string; expression: string },
  site: ExtensionSite | undefined,
  rc: ResourceCtx,
): boolean | undefined {
  if (c.type === 'extension') {
    if (site?.type === 'Extension' && isObject(site.value)) return site.value.url === c.expression;
    // On the value of an extension (Extension.value[x]): the grandparent is not known here.
    if (!site || /^Extension\.value/.test(site.path) || !isObject(site.value)) return undefined;
    return false;
  }
  if (c.type === 'fhirpath') {
    if (!site || !isObject(site.value)) return undefined;
    const res = evaluateValues(c.expression, '', rc.resource);
    if (!res) return undefined;
    return res.includes(site.value);
  }
  return undefined;
}

/**
 * The definition's contextInvariant expressions, evaluated on the holder as InstanceValidator.checkExtensionContext
 * does: converted to one boolean (empty is false), and only the first that fails reported (PROFILE_EXT_NOT_HERE).
 */
export function contextInvariantProblems(
  def: CompiledStructure,
  site: ExtensionSite | undefined,
  rc: ResourceCtx,
  host: FhirPathHost,
): ExtensionProblem[] {
  const invariants = def.def.contextInvariant ?? [];
  if (!invariants.length) return [];
  const out: ExtensionProblem[] = [];
  for (const expression of invariants) {
    if (!site || site.value === undefined) {
      out.push({
        severity: 'information',
        text: notChecked(msg.contextInvariantUndecided({ url: def.url, expression })),
      });
      continue;
    }
    const atRoot = !site.path.includes('.');
    const base = atRoot
      ? ''
      : site.type && site.type !== 'BackboneElement' && site.type !== 'Element'
        ? site.type
        : site.path;
    // %extension as the Java validator gives it: its FHIRPath host services know no such constant and answer an
    // empty collection (InstanceValidator.ValidatorHostServices.resolveConstant). Bound, so no evaluation stops
    // on an undefined variable.
    const vars = { resource: rc.resource, rootResource: rc.root, extension: [] };
    const r = evaluateInvariant(expression, base, site.value, vars, host, javaBoolean);
    if (!r.ok)
      out.push({ severity: 'warning', text: notChecked(msg.contextInvariantUndecided({ url: def.url, expression })) });
    else if (!r.value) {
      out.push({ severity: 'error', text: msg.extensionNotHere({ url: def.url, expression }) });
      break;
    }
  }
  return out;
}

type Context = { type: string; expression: string };
const ANYWHERE: Context = { type: 'element', expression: 'Element' };
/** Contexts the HL7 Java validator corrects for core extensions whose published contexts are wrong (InstanceValidator.fixContexts). */
const CONTEXT_FIXES = new Map<string, (list: Context[]) => Context[]>(
  Object.entries({
    'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type': (l: Context[]) => [
      { type: 'element', expression: 'ElementDefinition.type' },
      ...l.slice(1),
    ],
    'http://hl7.org/fhir/StructureDefinition/regex': (l: Context[]) => [
      ...l,
      { type: 'element', expression: 'ElementDefinition.type' },
    ],
    'http://hl7.org/fhir/StructureDefinition/structuredefinition-normative-version': (l: Context[]) => [
      ANYWHERE,
      ...l.slice(1),
    ],
    'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation': (l: Context[]) => [
      ANYWHERE,
      ...l.slice(1),
    ],
    'http://hl7.org/fhir/StructureDefinition/capabilitystatement-prohibited': (l: Context[]) => [
      ANYWHERE,
      ...l.slice(1),
    ],
  }),
);

/** An extension definition's contexts, as the Java validator reads them. */
export function extensionContexts(def: CompiledStructure): Context[] {
  const list = def.context ?? [];
  const fix = CONTEXT_FIXES.get(def.url);
  return fix && list.length ? fix(list) : list;
}

/** Java maps the R5 abstract parents R4 lacks to a resource that has their elements (StructureDefinitionValidator). */
const CONTEXT_STAND_INS: Record<string, string> = {
  CanonicalResource: 'CodeSystem',
  MetadataResource: 'PlanDefinition',
};
const JSON_NAME_EXT = 'http://hl7.org/fhir/tools/StructureDefinition/json-name';

/**
 * Whether an element context path names an element this release has: false
 * only when it surely does not (an unknown type, or a child missing below an
 * element whose children are known); undefined when it cannot tell.
 */
function elementPathExists(
  expression: string,
  compiled: (type: string) => CompiledStructure | undefined,
): boolean | undefined {
  const path = expression.includes('#') ? expression.slice(expression.indexOf('#') + 1) : expression;
  if (expression.includes('#')) return undefined; // a profile's element: not looked up here
  const segs = path.split('.');
  const first = CONTEXT_STAND_INS[segs[0] as string] ?? (segs[0] as string);
  let cs = compiled(first);
  if (!cs) return first === 'Any' ? undefined : false;
  let el = cs.root;
  for (const seg of segs.slice(1)) {
    let children = el.children;
    if (!children.length) {
      if (el.types.length !== 1) return undefined;
      cs = compiled(el.types[0]!.code);
      if (!cs) return undefined;
      children = cs.root.children;
    }
    if (seg.includes(':')) return undefined;
    const name = seg.replace(/\[x\]$/, '');
    const next = children.find((c) => c.name === name && !c.sliceName);
    if (!next) {
      // valueQuantity for value[x]: not a name Java's navigator is known to take or refuse.
      if (children.some((c) => c.choice && name.startsWith(c.name))) return undefined;
      return children.length ? false : undefined;
    }
    el = next;
  }
  return true;
}

/** Rules on a StructureDefinition's context (StructureDefinitionValidator.checkExtensionContext). */
export function definitionContextProblems(
  sd: Json,
  compiled: (type: string) => CompiledStructure | undefined,
): { path: string; text: LocalizedText }[] {
  const out: { path: string; text: LocalizedText }[] = [];
  const type = typeof sd.type === 'string' ? sd.type : '';
  const contexts = Array.isArray(sd.context) ? sd.context : [];
  const invariants = Array.isArray(sd.contextInvariant) ? sd.contextInvariant : [];
  if (type !== 'Extension') {
    const jsonName = Array.isArray(sd.extension) && sd.extension.some((e) => isObject(e) && e.url === JSON_NAME_EXT);
    if (!jsonName)
      contexts.forEach((_, i) => {
        out.push({ path: `StructureDefinition.context[${i}]`, text: msg.contextNotExtension({ type }) });
      });
    invariants.forEach((_, i) => {
      out.push({
        path: `StructureDefinition.contextInvariant[${i}]`,
        text: msg.contextInvariantNotExtension({ type }),
      });
    });
    return out;
  }
  contexts.forEach((c, i) => {
    if (!isObject(c) || c.type !== 'element' || typeof c.expression !== 'string') return;
    if (elementPathExists(c.expression, compiled) === false)
      out.push({ path: `StructureDefinition.context[${i}]`, text: msg.contextElementNotFound({ path: c.expression }) });
  });
  return out;
}
