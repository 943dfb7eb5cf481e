/**
 * Value set expansion, done locally: ValueSet.compose (include/exclude with
 * concept lists, whole systems, filters, imported value sets) evaluated
 * against the code systems the registry holds and the rule-based providers,
 * or a pre-existing ValueSet.expansion when the compose cannot be evaluated.
 * The result is a `Contents` (per-system lookup tables), built once per value
 * set and reused for every coded element.
 */
import type {
  CodeSystem,
  ValueSet,
  ValueSetComposeInclude,
  ValueSetExpansion,
  ValueSetExpansionContains,
} from '@medplum/fhirtypes';
import type { LocalizedText } from '../util/i18n.js';
import {
  type CodeSystemIndex,
  type ConceptEntry,
  codeSystemIndex,
  type Designation,
  type Member,
} from './code-system.js';
import { Contents, SystemPart } from './contents.js';
import { notHeldReason, partialContentReason, tm, versionNotHeldReason } from './messages.js';
import type { SystemProvider } from './provider.js';

/** How the compiler reaches the registry and providers; the service records what was resolved. */
export interface CompileContext {
  provider(system: string): SystemProvider | undefined;
  /** The CodeSystem resource for a system URL (optionally a version), or undefined. */
  codeSystem(system: string, version?: string): CodeSystem | undefined;
  /** An imported value set, compiled, or why it cannot be used (unknown, circular). */
  valueSet(url: string): CompiledValueSet | { why: LocalizedText };
}

export class CompiledValueSet {
  /** `url|version` when the value set has a version: how messages name it. */
  readonly canonical: string;
  readonly title: string;

  constructor(
    readonly resource: ValueSet,
    readonly contents: Contents,
    /** `compose`, `expansion` (the compose could not be evaluated), or `none`. */
    readonly basis: 'compose' | 'expansion' | 'none',
  ) {
    const url = resource.url ?? '';
    this.canonical = resource.version ? `${url}|${resource.version}` : url;
    this.title = resource.title ?? resource.name ?? url;
  }
}

/** Usable CodeSystem resources: `complete`, `fragment` and `example` ones (not `not-present` or supplements). */
export function usableIndex(cs: CodeSystem | undefined): CodeSystemIndex | undefined {
  if (!cs || cs.content === 'not-present' || cs.content === 'supplement') return undefined;
  return codeSystemIndex(cs);
}

export function compileValueSet(vs: ValueSet, ctx: CompileContext): CompiledValueSet {
  const compose = vs.compose;
  let fromCompose: Contents | undefined;
  if (compose?.include?.length) {
    fromCompose = new Contents();
    for (const inc of compose.include) fromCompose.unionWith(compileInclude(inc, ctx));
    for (const exc of compose.exclude ?? []) fromCompose.subtract(compileInclude(exc, ctx));
    if (fullyEvaluated(fromCompose) || !vs.expansion?.contains?.length)
      return new CompiledValueSet(vs, fromCompose, 'compose');
  }
  if (vs.expansion) return new CompiledValueSet(vs, fromExpansion(vs, ctx), 'expansion');
  const none = new Contents();
  none.addAnyUnchecked(tm.noComposeNorExpansion({ url: vs.url ?? '' }));
  return new CompiledValueSet(vs, fromCompose ?? none, fromCompose ? 'compose' : 'none');
}

function fullyEvaluated(c: Contents): boolean {
  if (c.anyUnchecked !== undefined || c.anyUncheckedExclude !== undefined) return false;
  for (const part of c.systems.values())
    if (part.unchecked !== undefined || part.uncheckedExclude !== undefined) return false;
  return true;
}

/** One include or exclude: a system part, intersected with each imported value set. */
function compileInclude(inc: ValueSetComposeInclude, ctx: CompileContext): Contents {
  const pieces: Contents[] = [];
  if (inc.system) pieces.push(compileSystemPart(inc, ctx));
  for (const url of inc.valueSet ?? []) {
    const imported = ctx.valueSet(url);
    if (imported instanceof CompiledValueSet) {
      pieces.push(imported.contents);
      continue;
    }
    const c = new Contents();
    if (inc.system) c.part(inc.system, () => partFor(inc.system as string, ctx)).addUnchecked(imported.why);
    else c.addAnyUnchecked(imported.why);
    pieces.push(c);
  }
  if (pieces.length === 0) return new Contents();
  let result = pieces[0] as Contents;
  for (const piece of pieces.slice(1)) result = result.intersect(piece);
  return result;
}

function partFor(system: string, ctx: CompileContext, version?: string): SystemPart {
  const provider = ctx.provider(system);
  return new SystemPart(system, provider ? undefined : usableIndex(ctx.codeSystem(system, version)), provider);
}

function compileSystemPart(inc: ValueSetComposeInclude, ctx: CompileContext): Contents {
  const system = inc.system as string;
  const c = new Contents();
  const provider = ctx.provider(system);
  const resource = provider ? undefined : ctx.codeSystem(system, inc.version);
  const index = usableIndex(resource);
  const part = c.part(system, () => new SystemPart(system, index, provider));
  if (!provider && inc.version && resource?.version && resource.version !== inc.version) {
    part.addUnchecked(versionNotHeldReason(system, inc.version, resource.version));
    return c;
  }
  if (inc.concept?.length) {
    for (const concept of inc.concept) {
      if (!concept.code) continue;
      const entry = index?.get(concept.code);
      // A listed code that its (complete) code system does not define is not a member.
      if (index?.complete && !entry) continue;
      if (provider && !provider.check(concept.code).valid) continue;
      const designations = (concept.designation ?? [])
        .filter((d) => typeof d.value === 'string' && d.value !== '')
        .map(
          (d): Designation =>
            d.language ? { language: d.language, value: d.value as string } : { value: d.value as string },
        );
      const member: Member = { code: entry?.code ?? concept.code };
      if (concept.display) member.display = concept.display;
      if (designations.length) member.designations = designations;
      if (entry) member.concept = entry;
      part.codes.set(part.key(concept.code), !member.display && !member.designations && entry ? entry : member);
    }
    return c;
  }
  if (inc.filter?.length) {
    // A parameterised value set (a `%p-…` value, or none but an expression in `_value`): undecided without the parameter.
    const parameterised = inc.filter.find((f) => /^%[A-Za-z]/.test(f.value ?? '') || (!f.value && '_value' in f));
    if (parameterised) {
      const fromExpression = (
        parameterised as { _value?: { extension?: { valueExpression?: { expression?: string } }[] } }
      )._value?.extension?.find((e) => e.valueExpression)?.valueExpression?.expression;
      const reason = tm.filterParameter({ name: parameterised.value || fromExpression || '?' });
      part.addUnchecked(tm.filterNotEvaluated({ ...filterParts(parameterised), reason }));
      return c;
    }
    if (provider) {
      const predicates = inc.filter.map((f) => provider.filter?.(f.property ?? '', f.op ?? '', f.value ?? ''));
      const unsupported = inc.filter.find((_, i) => predicates[i] === undefined);
      if (unsupported) {
        part.addUnchecked(tm.providerFilter({ ...filterParts(unsupported), name: provider.name }));
      } else {
        const tests = predicates as ((code: string) => boolean)[];
        part.rules.push((code) => provider.check(code).valid && tests.every((test) => test(code)));
      }
      return c;
    }
    if (!index) {
      part.addUnchecked(notHeldReason(system, resource));
      return c;
    }
    let selected: ConceptEntry[] | undefined;
    for (const f of inc.filter) {
      const r = index.filter(f.property ?? '', f.op ?? '', f.value ?? '');
      if ('unsupported' in r) {
        part.addUnchecked(tm.filterNotEvaluated({ ...filterParts(f), reason: r.unsupported }));
        return c;
      }
      if (selected === undefined) selected = r.concepts;
      else {
        const keep = new Set(r.concepts);
        selected = selected.filter((x) => keep.has(x));
      }
    }
    for (const entry of selected ?? []) part.codes.set(part.key(entry.code), entry);
    if (!index.complete) part.addUnchecked(partialContentReason(index));
    return c;
  }
  // The whole system.
  if (provider) part.all = true;
  else if (index) {
    part.all = true;
    if (!index.complete) part.addUnchecked(partialContentReason(index));
  } else part.addUnchecked(notHeldReason(system, resource));
  return c;
}

/** A filter's parts, as messages name them. */
function filterParts(f: NonNullable<ValueSetComposeInclude['filter']>[number]): {
  property: string;
  op: string;
  value: string;
} {
  return { property: f.property ?? '', op: f.op ?? '', value: f.value ?? '' };
}

/** A pre-existing expansion (nested `contains`); partial expansions leave everything else unchecked. */
function fromExpansion(vs: ValueSet, ctx: CompileContext): Contents {
  const c = new Contents();
  const expansion: ValueSetExpansion = vs.expansion ?? { timestamp: '' };
  let count = 0;
  const walk = (list: ValueSetExpansionContains[]) => {
    for (const item of list) {
      if (item.system && item.code) {
        count++;
        const system = item.system;
        const part = c.part(system, () => partFor(system, ctx, item.version));
        const entry = part.cs?.get(item.code);
        const member: Member = { code: item.code };
        if (item.display) member.display = item.display;
        const designations = (item.designation ?? [])
          .filter((d) => typeof d.value === 'string' && d.value !== '')
          .map(
            (d): Designation =>
              d.language ? { language: d.language, value: d.value as string } : { value: d.value as string },
          );
        if (designations.length) member.designations = designations;
        if (entry) member.concept = entry;
        part.codes.set(part.key(item.code), member);
      }
      if (item.contains?.length) walk(item.contains);
    }
  };
  walk(expansion.contains ?? []);
  const partial =
    (expansion.total !== undefined && expansion.total > count) ||
    (expansion.offset !== undefined && expansion.offset > 0) ||
    (expansion.parameter ?? []).some((p) => p.name === 'limitedExpansion' && p.valueBoolean === true);
  if (partial) {
    const url = vs.url ?? '';
    const reason =
      expansion.total !== undefined
        ? tm.expansionIncomplete({ url, count: String(count), total: String(expansion.total) })
        : tm.expansionIncompleteNoTotal({ url, count: String(count) });
    for (const part of c.systems.values()) part.addUnchecked(reason);
    c.addAnyUnchecked(reason);
  }
  return c;
}

/** A listing of a compiled value set, for `homolog terminology expand` and tests. */
export interface ExpansionListing {
  url: string;
  version?: string;
  title: string;
  contains: { system: string; code: string; display?: string }[];
  /** What cannot be listed: rule-based parts (UCUM, BCP-47...) and parts we could not evaluate, with reasons. */
  notListed: LocalizedText[];
}

export function listExpansion(compiled: CompiledValueSet): ExpansionListing {
  const contains: ExpansionListing['contains'] = [];
  const notListed: LocalizedText[] = [];
  for (const part of compiled.contents.systems.values()) {
    for (const m of part.members()) {
      const display = m.display ?? m.concept?.display;
      contains.push(
        display !== undefined ? { system: part.system, code: m.code, display } : { system: part.system, code: m.code },
      );
    }
    if (part.all && part.provider) {
      const every = { name: part.provider.name, system: part.system };
      notListed.push(
        part.excluded.size ? tm.everyCodeExcept({ ...every, count: String(part.excluded.size) }) : tm.everyCode(every),
      );
    }
    if (part.rules.length) notListed.push(tm.byRule({ name: part.provider?.name ?? part.system }));
    if (part.unchecked) notListed.push(part.unchecked);
    if (part.uncheckedExclude) notListed.push(tm.exclusionsNotEvaluated({ reason: part.uncheckedExclude }));
  }
  if (compiled.contents.anyUnchecked) notListed.push(compiled.contents.anyUnchecked);
  const out: ExpansionListing = { url: compiled.resource.url ?? '', title: compiled.title, contains, notListed };
  if (compiled.resource.version) out.version = compiled.resource.version;
  return out;
}
