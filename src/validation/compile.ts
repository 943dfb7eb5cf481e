/**
 * A StructureDefinition compiled once into an element tree that the walker
 * follows without looking at ElementDefinition arrays again: children by
 * JSON property name, slices, types, regexes, bindings, constraints.
 * Cached per registry and per StructureDefinition object.
 */
import type { ElementDefinition, ElementDefinitionType, StructureDefinition } from '@medplum/fhirtypes';
import type { LocalizedText } from '../util/i18n.js';
import { additionalBindingsOf, type ExtraBinding, maxValueSetOf } from './bindings-extra.js';
import { CORRECTED_INVARIANTS, type NativeInvariant } from './invariants.js';
import { PRIMITIVE_TYPES, R4_PRIMITIVE_REGEX } from './primitives.js';
import type { DefinitionRegistry } from './registry.js';
import { snapshotOf } from './snapshot.js';

export interface CType {
  code: string;
  profiles: string[];
  targetProfiles: string[];
}

export interface CConstraint {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression: string;
  source?: string;
  bestPractice: boolean;
  /** `key|expression`, computed once. */
  sig: string;
  /** Its native implementation, looked up on first use (null: none; invariants.ts nativeOf). */
  native: NativeInvariant | null | undefined;
}

export interface CBinding {
  strength: 'required' | 'extensible' | 'preferred' | 'example';
  valueSet?: string;
  /** elementdefinition-maxValueSet: the codes an extensible binding may fall back to. */
  maxValueSet?: string;
  /** Additional bindings the validator checks (bindings-extra.ts). */
  additional?: ExtraBinding[];
}

export interface CDiscriminator {
  type: 'value' | 'pattern' | 'type' | 'profile' | 'exists';
  path: string;
}

export interface CSlicing {
  discriminators: CDiscriminator[];
  rules: 'open' | 'closed' | 'openAtEnd';
  ordered: boolean;
}

export interface CElement {
  id: string;
  path: string;
  /** The last path segment, without `[x]`. */
  name: string;
  min: number;
  max: number;
  /** Whether JSON holds an array here (from the base definition's max). */
  array: boolean;
  choice: boolean;
  types: CType[];
  contentReference?: string;
  fixed?: unknown;
  /** fixed or pattern: pattern is a subset match. */
  pattern?: unknown;
  fixedKey?: string;
  binding?: CBinding;
  constraints: CConstraint[];
  slicing?: CSlicing;
  slices: CElement[];
  sliceName?: string;
  /** Type slices of a choice element, by type code. */
  typeSlices?: Map<string, CElement>;
  children: CElement[];
  maxLength?: number;
  minValue?: unknown;
  maxValue?: unknown;
  isModifier: boolean;
  sd: CompiledStructure;
  /** Lazily: the constraints to evaluate, by mode ('base', 'profile') and then by the type's root element (null: none). */
  constraintCache?: Record<string, Map<CElement | null, CConstraint[]>>;
  /** The walker's memo of what this element resolves to with its last type code. */
  step?: Step;
  /** The walker's memo of its last base-pass constraint list (by type root). */
  baseConstraints?: { typeRoot: CElement | undefined; list: CConstraint[] };
  /** Lazily: the children and JSON property index of this node, by its type code. */
  shapes?: Map<string, Shape>;
  /** The walker's memo of the last of those it used (most elements have one type). */
  shape?: Shape;
  /** Whether the path has a parent (not a definition's root), decided once. */
  nested: boolean;
}

/** An element with one type code, resolved once by the walker. */
export interface Step {
  typeCode: string | undefined;
  types: CType[];
  type: string | undefined;
  /** A resource inside an element (contained, Bundle.entry.resource, Parameters.parameter.resource). */
  resource: boolean;
  primitive: boolean;
  /** The type's root element, whose constraints the base pass also checks. */
  typeRoot: CElement | undefined;
  /** A primitive type's regex (its definition's, or R4's). */
  regex: string | undefined;
  /** Resource.id (its own format rule). */
  resourceId: boolean;
  /** Lazily, the base pass's constraints: with the type's root ones (complex values), without (primitives). */
  baseList: CConstraint[] | undefined;
  ownList: CConstraint[] | undefined;
}

export interface PropTarget {
  el: CElement;
  /** The JSON property name (without '_'). */
  name: string;
  /** The type of a choice, by its property name suffix. */
  type?: CType;
  /** The property holding the primitive's id and extensions ('_' + name), built once. */
  extKey: string;
  /** The value's type code (the choice's, the single type's, or the content reference's first). */
  code: string | undefined;
  /** What the item path adds to its parent's: `.name`, or `.name.ofType(Type)` for a choice. */
  seg: string;
  /** The child's position in childrenOf(parent, typeCode): the walker groups properties by it. */
  slot: number;
}

export type PropIndex = Map<string, PropTarget>;

/** What walking an object value of an element with one type code needs: its children, and JSON property → child. */
export interface Shape {
  typeCode: string | undefined;
  children: CElement[];
  props: PropIndex;
  /** Per child, what the walker asks of it for every object (SLOT_*), packed: no read of the child when it is absent. */
  flags: Uint8Array;
}

/** The child has a minimum (an absent one must be reported). */
export const SLOT_REQUIRED = 1;
/** Single-valued and unsliced: its one value needs no list. */
export const SLOT_SINGLE = 2;
/** 0..* of a base definition: no cardinality to check in the base pass. */
export const SLOT_ANY_COUNT = 4;

function slotFlags(children: CElement[]): Uint8Array {
  const flags = new Uint8Array(children.length);
  for (let slot = 0; slot < children.length; slot++) {
    const c = children[slot]!;
    flags[slot] =
      (c.min > 0 ? SLOT_REQUIRED : 0) |
      (!c.array && !c.slicing && !c.typeSlices && !c.slices.length ? SLOT_SINGLE : 0) |
      (!c.sd.isProfile && c.min === 0 && c.max === Infinity ? SLOT_ANY_COUNT : 0);
  }
  return flags;
}

export interface CompiledStructure {
  url: string;
  version?: string;
  type: string;
  kind: string;
  derivation?: string;
  /** Profile (constraint) or base/specialization definition. */
  isProfile: boolean;
  /** Core definitions from the FHIR specification. */
  isCore: boolean;
  root: CElement;
  byId: Map<string, CElement>;
  /** For primitive types: the regex of the value. */
  regex?: string;
  /** Problems met while building the snapshot (reported as "not checked"). */
  problems: LocalizedText[];
  def: StructureDefinition;
  /** Extension definitions: where they may be used. */
  context?: { type: string; expression: string }[];
}

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const REGEX_EXT = 'http://hl7.org/fhir/StructureDefinition/regex';
const BEST_PRACTICE_EXT = 'http://hl7.org/fhir/StructureDefinition/elementdefinition-bestpractice';

const SYSTEM_TYPES: Record<string, string> = {
  'http://hl7.org/fhirpath/System.String': 'string',
  'http://hl7.org/fhirpath/System.Boolean': 'boolean',
  'http://hl7.org/fhirpath/System.Integer': 'integer',
  'http://hl7.org/fhirpath/System.Decimal': 'decimal',
  'http://hl7.org/fhirpath/System.Date': 'date',
  'http://hl7.org/fhirpath/System.DateTime': 'dateTime',
  'http://hl7.org/fhirpath/System.Time': 'time',
};

function typeCode(t: ElementDefinitionType): string {
  const ext = t.extension?.find((e) => e.url === FHIR_TYPE_EXT) as { valueUrl?: string; valueUri?: string } | undefined;
  if (ext?.valueUrl ?? ext?.valueUri) return (ext.valueUrl ?? ext.valueUri) as string;
  const code = t.code ?? '';
  return SYSTEM_TYPES[code] ?? code;
}

function parseMax(max: string | undefined): number {
  if (max === undefined || max === '*') return Infinity;
  const n = Number(max);
  return Number.isFinite(n) ? n : Infinity;
}

const compiledByRegistry = new WeakMap<DefinitionRegistry, WeakMap<StructureDefinition, CompiledStructure>>();

/** Signatures (`key|expression`) of constraints from core definitions: a profile pass skips them (the base pass checked them). */
export const CORE_CONSTRAINTS = new Set<string>();
/** Signatures (`path|valueSet|strength`) of core bindings, likewise. */
export const CORE_BINDINGS = new Set<string>();

export function constraintSig(c: { key: string; expression: string }): string {
  return `${c.key}|${c.expression}`;
}

export function bindingSig(path: string, b: CBinding): string {
  return `${path}|${b.valueSet ?? ''}|${b.strength}`;
}

function isCoreUrl(url: string | undefined): boolean {
  return !!url && url.startsWith('http://hl7.org/fhir/StructureDefinition/');
}

/** Compiles (once per registry and definition) a StructureDefinition. */
export function compileStructure(sd: StructureDefinition, registry: DefinitionRegistry): CompiledStructure {
  let perRegistry = compiledByRegistry.get(registry);
  if (!perRegistry) {
    perRegistry = new WeakMap();
    compiledByRegistry.set(registry, perRegistry);
  }
  let c = perRegistry.get(sd);
  if (!c) {
    c = build(sd, registry);
    perRegistry.set(sd, c);
  }
  return c;
}

function build(sd: StructureDefinition, registry: DefinitionRegistry): CompiledStructure {
  const snap = snapshotOf(sd, registry);
  const isProfile = sd.derivation === 'constraint';
  const isCore = isCoreUrl(sd.url) && !!sd.snapshot?.element?.length;
  const cs = {
    url: sd.url ?? '',
    version: sd.version,
    type: sd.type ?? '',
    kind: sd.kind ?? '',
    derivation: sd.derivation,
    isProfile,
    isCore,
    byId: new Map(),
    problems: snap.problems,
    def: sd,
    context: (sd.context ?? []).map((x) => ({ type: x.type ?? 'element', expression: x.expression ?? '' })),
  } as unknown as CompiledStructure;

  if (sd.kind === 'primitive-type') {
    const v = snap.elements.find((e) => e.path === `${sd.type}.value`);
    const rx = v?.type?.[0]?.extension?.find((e) => e.url === REGEX_EXT) as { valueString?: string } | undefined;
    cs.regex = rx?.valueString ?? R4_PRIMITIVE_REGEX[sd.type ?? ''];
  }

  let root: CElement | undefined;
  for (const ed of snap.elements) {
    const el = makeElement(ed, cs, !root);
    if (!root) {
      root = el;
      cs.byId.set(el.id, el);
      continue;
    }
    cs.byId.set(el.id, el);
    const id = el.id;
    const dot = id.lastIndexOf('.');
    const last = id.slice(dot + 1);
    const colon = last.indexOf(':');
    if (colon >= 0) {
      const slicedId = id.slice(0, dot + 1) + last.slice(0, colon);
      const sliced = cs.byId.get(slicedId);
      if (!sliced) continue;
      if (sliced.choice) {
        // A type slice of a choice (value[x]:valueQuantity): constraints for that type.
        const t =
          el.types.length === 1 ? el.types[0]!.code : last.slice(colon + 1).replace(new RegExp(`^${sliced.name}`), '');
        if (!sliced.typeSlices) sliced.typeSlices = new Map();
        sliced.typeSlices.set(t.toLowerCase(), el);
        // Explicit type slicing (a slicing element on the choice): matched like any slice, by its one type.
        if (sliced.slicing) {
          if (el.types.length !== 1) el.types = el.types.filter((x) => x.code.toLowerCase() === t.toLowerCase());
          sliced.slices.push(el);
        }
      } else {
        sliced.slices.push(el);
      }
      continue;
    }
    const parent = cs.byId.get(id.slice(0, dot));
    if (parent) parent.children.push(el);
  }
  cs.root = root ?? makeElement({ id: sd.type, path: sd.type, min: 0, max: '*' }, cs, true);
  if (isCore) registerCore(cs);
  return cs;
}

function registerCore(cs: CompiledStructure): void {
  for (const el of cs.byId.values()) {
    for (const c of el.constraints) CORE_CONSTRAINTS.add(constraintSig(c));
    if (el.binding) CORE_BINDINGS.add(bindingSig(el.path, el.binding));
  }
}

function withSig(c: Omit<CConstraint, 'sig' | 'native'>): CConstraint {
  return { ...c, sig: constraintSig(c), native: undefined };
}

function makeElement(ed: ElementDefinition, cs: CompiledStructure, isRoot: boolean): CElement {
  const path = ed.path ?? '';
  const lastSeg = path.slice(path.lastIndexOf('.') + 1);
  const choice = lastSeg.endsWith('[x]');
  const baseMax = ed.base?.max ?? ed.max;
  const el: CElement = {
    id: ed.id ?? path,
    path,
    name: choice ? lastSeg.slice(0, -3) : lastSeg,
    min: ed.min ?? 0,
    max: parseMax(ed.max),
    array: !isRoot && baseMax !== '1' && baseMax !== '0',
    choice,
    types: (ed.type ?? []).map((t) => ({
      code: typeCode(t),
      profiles: t.profile ?? [],
      targetProfiles: t.targetProfile ?? [],
    })),
    constraints: (ed.constraint ?? [])
      .filter((c) => c.key && c.expression)
      .map((c) =>
        withSig({
          key: c.key as string,
          severity: c.severity === 'warning' ? 'warning' : 'error',
          human: c.human ?? '',
          expression:
            CORRECTED_INVARIANTS[c.key as string]?.[0] === c.expression
              ? CORRECTED_INVARIANTS[c.key as string]![1]
              : (c.expression as string),
          source: c.source,
          bestPractice: !!c.extension?.some(
            (e) => e.url === BEST_PRACTICE_EXT && (e as { valueBoolean?: boolean }).valueBoolean,
          ),
        }),
      ),
    slices: [],
    children: [],
    isModifier: !!ed.isModifier,
    sd: cs,
    // Every field present from the start, in one order: all elements share one
    // hidden class, so the walker's property reads stay monomorphic.
    contentReference: undefined,
    fixed: undefined,
    pattern: undefined,
    fixedKey: undefined,
    binding: undefined,
    slicing: undefined,
    sliceName: undefined,
    typeSlices: undefined,
    maxLength: undefined,
    minValue: undefined,
    maxValue: undefined,
    constraintCache: undefined,
    step: undefined,
    baseConstraints: undefined,
    shapes: undefined,
    shape: undefined,
    nested: path.includes('.'),
  };
  if (ed.sliceName) el.sliceName = ed.sliceName;
  if (ed.contentReference) el.contentReference = ed.contentReference.replace(/^.*#/, '');
  if (ed.maxLength !== undefined) el.maxLength = ed.maxLength;
  for (const [k, v] of Object.entries(ed)) {
    if (k.startsWith('fixed') && k.length > 5) {
      el.fixed = v;
      el.fixedKey = k;
    } else if (k.startsWith('pattern') && k.length > 7) {
      el.pattern = v;
      el.fixedKey = k;
    } else if (k.startsWith('minValue')) el.minValue = v;
    else if (k.startsWith('maxValue')) el.maxValue = v;
  }
  if (ed.binding?.strength) {
    el.binding = { strength: ed.binding.strength as CBinding['strength'] };
    if (ed.binding.valueSet) el.binding.valueSet = ed.binding.valueSet;
    const max = maxValueSetOf(ed.binding);
    if (max) el.binding.maxValueSet = max;
    const additional = additionalBindingsOf(ed.binding);
    if (additional.length) el.binding.additional = additional;
  }
  if (ed.slicing) {
    el.slicing = {
      discriminators: (ed.slicing.discriminator ?? []).map((d) => ({
        type: (d.type ?? 'value') as CDiscriminator['type'],
        path: d.path ?? '$this',
      })),
      rules: (ed.slicing.rules ?? 'open') as CSlicing['rules'],
      ordered: !!ed.slicing.ordered,
    };
  }
  return el;
}

/** The compiled base definition of a type or resource, or undefined. */
export function compiledType(type: string, registry: DefinitionRegistry): CompiledStructure | undefined {
  const sd = registry.typeDefinition(type);
  return sd ? compileStructure(sd, registry) : undefined;
}

export function compiledProfile(url: string, registry: DefinitionRegistry): CompiledStructure | undefined {
  const sd = registry.structureDefinition(url);
  return sd ? compileStructure(sd, registry) : undefined;
}

export function isPrimitive(code: string): boolean {
  return PRIMITIVE_TYPES.has(code);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The children of `el` as they apply to a value of type `typeCode`: its own
 * children (a backbone element, or a profile that constrains below it), its
 * content reference's, or its type's definition's.
 */
export function childrenOf(el: CElement, typeCode: string | undefined, registry: DefinitionRegistry): CElement[] {
  if (el.children.length) return el.children;
  if (el.contentReference) {
    const target = el.sd.byId.get(el.contentReference) ?? findByPath(el.sd, el.contentReference);
    if (target) return target.children;
  }
  if (!typeCode) return [];
  const t = compiledType(typeCode, registry);
  return t ? t.root.children : [];
}

function findByPath(cs: CompiledStructure, path: string): CElement | undefined {
  for (const e of cs.byId.values()) if (e.path === path && !e.sliceName) return e;
  return undefined;
}

/** The element a content reference points to (for its types and constraints). */
export function contentTarget(el: CElement): CElement | undefined {
  if (!el.contentReference) return undefined;
  return el.sd.byId.get(el.contentReference) ?? findByPath(el.sd, el.contentReference);
}

/** The children that apply to a value of type `typeCode` and their index by JSON property name (cached per element). */
export function shapeOf(el: CElement, typeCode: string | undefined, registry: DefinitionRegistry): Shape {
  const memo = el.shape;
  if (memo && memo.typeCode === typeCode) return memo;
  const key = typeCode ?? '';
  if (!el.shapes) el.shapes = new Map();
  let shape = el.shapes.get(key);
  if (!shape) {
    const children = childrenOf(el, typeCode, registry);
    shape = { typeCode, children, props: propIndexOf(children), flags: slotFlags(children) };
    el.shapes.set(key, shape);
  }
  el.shape = shape;
  return shape;
}

function propIndexOf(children: CElement[]): PropIndex {
  const idx: PropIndex = new Map();
  for (let slot = 0; slot < children.length; slot++) {
    const child = children[slot]!;
    if (child.choice) {
      for (const t of child.types)
        idx.set(child.name + upperFirst(t.code), {
          el: child,
          name: child.name + upperFirst(t.code),
          type: t,
          extKey: `_${child.name}${upperFirst(t.code)}`,
          code: t.code,
          seg: `.${child.name}.ofType(${t.code})`,
          slot,
        });
    } else {
      const code = child.types.length === 1 ? child.types[0]!.code : contentTarget(child)?.types[0]?.code;
      idx.set(child.name, {
        el: child,
        name: child.name,
        type: undefined,
        extKey: `_${child.name}`,
        code,
        seg: `.${child.name}`,
        slot,
      });
    }
  }
  return idx;
}
