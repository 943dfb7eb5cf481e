/**
 * A CodeSystem resource compiled once into lookup tables: code → concept
 * (with its display, designations, properties, parents and children), the
 * hierarchy (nested concepts, `child` properties as used by the HL7 v3 code
 * systems for their extra parents, `parent`/`subsumedBy` properties), and the
 * filters a value set can apply to it. Indexes are cached per CodeSystem
 * object, so every registry layer that holds the same resource shares them.
 */
import type { CodeSystem, CodeSystemConcept } from '@medplum/fhirtypes';
import type { LocalizedText } from '../util/i18n.js';
import { type Matcher, wholeMatch } from '../util/linear-regex.js';
import { tm } from './messages.js';

export interface Designation {
  language?: string;
  value: string;
}

/** Something that can be a member of a value set: a concept of a code system, or a value set's own entry. */
export interface Member {
  code: string;
  display?: string;
  designations?: Designation[];
  /** For a value set's entry: the code system's concept, when we hold it. */
  concept?: ConceptEntry;
  /** Normalised accepted displays, computed on the first display check. */
  accepted?: Set<string>;
}

export interface ConceptEntry extends Member {
  /** Property values as strings (`valueCode`, `valueString`, `valueBoolean`, `valueCoding.code`...). */
  properties?: { code: string; value: string }[];
  parents: string[];
  children: string[];
}

/** CodeSystem.content, plus `not-held` for systems we have no definition of. */
export type CodeSystemContent = 'not-present' | 'example' | 'fragment' | 'complete' | 'supplement';

/** What `filter()` gives back: the matching concepts, or why the filter cannot be evaluated. */
export type FilterResult = { concepts: ConceptEntry[] } | { unsupported: LocalizedText };

/** The property codes that mean "the concept named here is my parent / child". */
const PARENT_PROPERTIES = new Set(['parent', 'subsumedBy']);
const CHILD_PROPERTIES = new Set(['child']);

export class CodeSystemIndex {
  readonly url: string;
  readonly version: string | undefined;
  readonly title: string;
  readonly content: CodeSystemContent;
  readonly caseSensitive: boolean;
  /** Every concept, keyed by code (lower-cased when the system is case-insensitive). */
  private readonly concepts = new Map<string, ConceptEntry>();
  /** Property codes declared by the code system or used by any concept. */
  private readonly knownProperties = new Set<string>();
  private readonly descendantsMemo = new Map<string, ConceptEntry[]>();

  constructor(cs: CodeSystem) {
    this.url = cs.url ?? '';
    this.version = cs.version;
    this.title = cs.title ?? cs.name ?? this.url;
    this.content = (cs.content ?? 'complete') as CodeSystemContent;
    // FHIR: "if absent, no statement"; codes in FHIR are case-sensitive unless the system says otherwise.
    this.caseSensitive = cs.caseSensitive !== false;
    for (const p of cs.property ?? []) if (p.code) this.knownProperties.add(p.code);
    this.walk(cs.concept ?? [], undefined);
    this.linkExplicitHierarchy();
  }

  /** The map key of a code: itself, or lower-cased in a case-insensitive system. */
  key(code: string): string {
    return this.caseSensitive ? code : code.toLowerCase();
  }

  /** Whether the resource lists every code of the system (so an unknown code is definitely invalid). */
  get complete(): boolean {
    return this.content === 'complete';
  }

  get size(): number {
    return this.concepts.size;
  }

  get(code: string): ConceptEntry | undefined {
    return this.concepts.get(this.caseSensitive ? code : code.toLowerCase());
  }

  all(): IterableIterator<ConceptEntry> {
    return this.concepts.values();
  }

  /** The concept and everything below it (nested concepts and explicit child/parent links), memoised. */
  descendantsAndSelf(code: string): ConceptEntry[] {
    const k = this.key(code);
    const memo = this.descendantsMemo.get(k);
    if (memo) return memo;
    const root = this.concepts.get(k);
    const out: ConceptEntry[] = [];
    if (root) {
      const seen = new Set<string>([k]);
      const stack: ConceptEntry[] = [root];
      while (stack.length) {
        const c = stack.pop() as ConceptEntry;
        out.push(c);
        for (const child of c.children) {
          const ck = this.key(child);
          if (seen.has(ck)) continue;
          seen.add(ck);
          const entry = this.concepts.get(ck);
          if (entry) stack.push(entry);
        }
      }
    }
    this.descendantsMemo.set(k, out);
    return out;
  }

  /** The concept and everything above it. */
  ancestorsAndSelf(code: string): ConceptEntry[] {
    const root = this.get(code);
    if (!root) return [];
    const seen = new Set<string>([this.key(root.code)]);
    const out: ConceptEntry[] = [];
    const stack = [root];
    while (stack.length) {
      const c = stack.pop() as ConceptEntry;
      out.push(c);
      for (const p of c.parents) {
        const pk = this.key(p);
        if (seen.has(pk)) continue;
        seen.add(pk);
        const entry = this.concepts.get(pk);
        if (entry) stack.push(entry);
      }
    }
    return out;
  }

  /**
   * ValueSet.compose.include.filter on this system. Supported: `concept`/`code` with is-a,
   * descendent-of, is-not-a, generalizes, =, in, regex; `parent`/`child` with = and in;
   * any property declared or used in the system with =, in, regex, exists; `display` with =, regex.
   */
  filter(property: string, op: string, value: string): FilterResult {
    const all = () => [...this.concepts.values()];
    const byCode = (codes: string[]) => codes.map((c) => this.get(c)).filter((c): c is ConceptEntry => c !== undefined);
    const list = () =>
      value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
    if (property === 'concept' || property === 'code') {
      switch (op) {
        case 'is-a':
          return { concepts: this.descendantsAndSelf(value) };
        case 'descendent-of':
        case 'descendant-of': {
          const root = this.get(value);
          return { concepts: this.descendantsAndSelf(value).filter((c) => c !== root) };
        }
        case 'is-not-a': {
          const excluded = new Set(this.descendantsAndSelf(value));
          return { concepts: all().filter((c) => !excluded.has(c)) };
        }
        case 'generalizes':
          return { concepts: this.ancestorsAndSelf(value) };
        case '=':
          return { concepts: byCode([value]) };
        case 'in':
          return { concepts: byCode(list()) };
        case 'not-in': {
          const excluded = new Set(byCode(list()));
          return { concepts: all().filter((c) => !excluded.has(c)) };
        }
        case 'regex': {
          const re = compileRegex(value);
          if (!re) return { unsupported: tm.filterRegex({ value }) };
          return { concepts: all().filter((c) => re.test(c.code)) };
        }
        default:
          return { unsupported: tm.filterOperator({ op, property }) };
      }
    }
    if (property === 'parent' || property === 'child') {
      const values = op === '=' ? [value] : op === 'in' ? list() : undefined;
      if (!values) return { unsupported: tm.filterOperator({ op, property }) };
      const out = new Set<ConceptEntry>();
      for (const v of values) {
        const c = this.get(v);
        if (!c) continue;
        // parent = X: the concepts whose parent is X, i.e. X's children (and the reverse for child = X).
        for (const rel of property === 'parent' ? c.children : c.parents) {
          const e = this.get(rel);
          if (e) out.add(e);
        }
      }
      return { concepts: [...out] };
    }
    if (property === 'display') {
      if (op === '=') return { concepts: all().filter((c) => c.display === value) };
      if (op === 'regex') {
        const re = compileRegex(value);
        if (!re) return { unsupported: tm.filterRegex({ value }) };
        return { concepts: all().filter((c) => c.display !== undefined && re.test(c.display)) };
      }
      return { unsupported: tm.filterOperator({ op, property: 'display' }) };
    }
    if (!this.knownProperties.has(property)) {
      return { unsupported: tm.filterProperty({ property, url: this.url }) };
    }
    const valuesOf = (c: ConceptEntry) => (c.properties ?? []).filter((p) => p.code === property).map((p) => p.value);
    switch (op) {
      case '=':
        return { concepts: all().filter((c) => valuesOf(c).includes(value)) };
      case 'in': {
        const wanted = new Set(list());
        return { concepts: all().filter((c) => valuesOf(c).some((v) => wanted.has(v))) };
      }
      case 'not-in': {
        const unwanted = new Set(list());
        return { concepts: all().filter((c) => !valuesOf(c).some((v) => unwanted.has(v))) };
      }
      case 'regex': {
        const re = compileRegex(value);
        if (!re) return { unsupported: tm.filterRegex({ value }) };
        return { concepts: all().filter((c) => valuesOf(c).some((v) => re.test(v))) };
      }
      case 'exists': {
        const wanted = value.trim().toLowerCase() !== 'false';
        return { concepts: all().filter((c) => valuesOf(c).length > 0 === wanted) };
      }
      default:
        return { unsupported: tm.filterOperator({ op, property }) };
    }
  }

  private walk(list: CodeSystemConcept[], parent: ConceptEntry | undefined): void {
    for (const c of list) {
      if (!c.code) continue;
      const k = this.key(c.code);
      let entry = this.concepts.get(k);
      if (!entry) {
        entry = { code: c.code, parents: [], children: [] };
        if (c.display !== undefined) entry.display = c.display;
        const designations = (c.designation ?? [])
          .filter((d) => typeof d.value === 'string' && d.value !== '')
          .map((d) => (d.language ? { language: d.language, value: d.value as string } : { value: d.value as string }));
        if (designations.length) entry.designations = designations;
        const properties = (c.property ?? [])
          .map((p) => ({ code: p.code as string, value: propertyValue(p) }))
          .filter((p): p is { code: string; value: string } => typeof p.code === 'string' && p.value !== undefined);
        if (properties.length) {
          entry.properties = properties;
          for (const p of properties) this.knownProperties.add(p.code);
        }
        this.concepts.set(k, entry);
      }
      if (parent) link(parent, entry);
      if (c.concept?.length) this.walk(c.concept, entry);
    }
  }

  /** `child`, `parent` and `subsumedBy` properties add hierarchy links beyond the nesting. */
  private linkExplicitHierarchy(): void {
    for (const entry of this.concepts.values()) {
      for (const p of entry.properties ?? []) {
        const other = this.concepts.get(this.key(p.value));
        if (!other) continue;
        if (CHILD_PROPERTIES.has(p.code)) link(entry, other);
        else if (PARENT_PROPERTIES.has(p.code)) link(other, entry);
      }
    }
  }
}

function link(parent: ConceptEntry, child: ConceptEntry): void {
  if (!parent.children.includes(child.code)) parent.children.push(child.code);
  if (!child.parents.includes(parent.code)) child.parents.push(parent.code);
}

function propertyValue(p: NonNullable<CodeSystemConcept['property']>[number]): string | undefined {
  if (p.valueCode !== undefined) return p.valueCode;
  if (p.valueString !== undefined) return p.valueString;
  if (p.valueBoolean !== undefined) return String(p.valueBoolean);
  if (p.valueInteger !== undefined) return String(p.valueInteger);
  if (p.valueDecimal !== undefined) return String(p.valueDecimal);
  if (p.valueDateTime !== undefined) return p.valueDateTime;
  if (p.valueCoding?.code !== undefined) return p.valueCoding.code;
  return undefined;
}

/** A FHIR (Java-style) regex from a ValueSet filter, matched against the whole value in linear time. */
export function compileRegex(source: string): Matcher | undefined {
  return wholeMatch(source);
}

const indexes = new WeakMap<CodeSystem, CodeSystemIndex>();

/** The index of a CodeSystem resource, built once per resource object. */
export function codeSystemIndex(cs: CodeSystem): CodeSystemIndex {
  let index = indexes.get(cs);
  if (!index) {
    index = new CodeSystemIndex(cs);
    indexes.set(cs, index);
  }
  return index;
}
