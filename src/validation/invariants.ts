/**
 * Invariants the validator evaluates natively (the same rule as the core
 * FHIRPath, faster, or where fhirpath.js cannot evaluate it), and the
 * invariants it skips, each with its reason.
 */
import type { LocalizedText } from '../util/i18n.js';
import { RESOURCE_TYPES } from './fhirpath-compile.js';
import { invariantShortcutsOn } from './invariant-plan.js';
import { PARTIAL_INVARIANTS } from './invariants-partial.js';
import { m } from './messages.js';
import type { ResourceCtx } from './resource-ctx.js';
import { htmlChecks } from './xhtml.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Invariants not evaluated, with the reason (reported in README and by the API). */
export const SKIPPED_INVARIANTS: readonly { key: string; reason: string }[] = [
  {
    key: 'ele-1',
    reason:
      'checked structurally: empty objects, empty arrays, nulls and empty strings are reported as such ("Object must have some content", "Array cannot be empty", "@value cannot be empty")',
  },
];

const DOM_6 = '(%rootResource != $this) or text.`div`.exists()';
const ELD_19 = String.raw`path.matches('[^\\s\\.,:;\\\'"\\/|?!@#$%&*()\\[\\]{}]{1,64}(\\.[^\\s\\.,:;\\\'"\\/|?!@#$%&*()\\[\\]{}]{1,64}(\\[x\\])?(\\:[^\\s\\.]+)?)*')`;
const ELD_20 = String.raw`path.matches('[A-Za-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*(\\[x])?)*')`;
/** The whole path must match: matches() finds a match anywhere since the FHIRPath clarification, and Java anchors these. */
const anchored = (e: string): readonly [string, string] => [
  e,
  e.replace("matches('", "matches('^").replace(/'\)$/, "$$')"),
];
const OPD_3 =
  "targetProfile.exists() implies (type = 'Reference' or type = 'canonical' or type.memberOf('http://hl7.org/fhir/ValueSet/resource-types'))";

/**
 * R4 invariants whose published expression is known to be wrong, replaced by
 * the corrected one as the HL7 Java validator does (FHIRPathExpressionFixer):
 * key → [published, corrected].
 */
export const CORRECTED_INVARIANTS: Record<string, readonly [string, string]> = {
  // R4 says "more than one enableWhen" but tests count() > 2 (fixed in R4B/R5).
  'que-12': [
    'enableWhen.count() > 2 implies enableBehavior.exists()',
    'enableWhen.count() > 1 implies enableBehavior.exists()',
  ],
  // System.Boolean is no FHIR boolean: the published text fails every answerBoolean (fixed in R5).
  'que-7': ["operator = 'exists' implies (answer is Boolean)", "operator = 'exists' implies (answer is boolean)"],
  // A contained resource needs no narrative of its own.
  'dom-6': ['text.`div`.exists()', DOM_6],
  'eld-19': anchored(ELD_19),
  'eld-20': anchored(ELD_20),
  // A parameter of a resource type may name a profile too.
  'opd-3': ["targetProfile.exists() implies (type = 'Reference' or type = 'canonical')", OPD_3],
};

export const SKIP_INVARIANT_KEYS = new Set(SKIPPED_INVARIANTS.map((s) => s.key));

/** Every string in a JSON tree under a property named `reference`, and every string that is exactly '#...'. */
function collectRefs(v: unknown, out: Set<string>, key?: string): void {
  if (typeof v === 'string') {
    if (key === 'reference' || v.startsWith('#')) out.add(v);
  } else if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, out, key);
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) collectRefs(x, out, k);
  }
}

function refersToContainer(v: unknown): boolean {
  const s = new Set<string>();
  collectRefs(v, s);
  return s.has('#');
}

export interface NativeInvariant {
  expressions: readonly string[];
  /** Answers only the plain cases (null: fhirpath.js decides); off with the other shortcuts. */
  partial?: boolean;
  /** true: passes; false or a detail: fails; undefined: not applicable; null: evaluate with fhirpath.js. */
  check(value: unknown, rc: ResourceCtx, isRoot: boolean): boolean | LocalizedText | undefined | null;
}

// txt-1 and txt-2 check one div with one expression: the second takes the first's answer.
let lastDiv: string | undefined;
let lastDivOk = false;
const HTML_CHECKS: NativeInvariant = {
  expressions: ['htmlChecks()'],
  // Partial only so that the shortcuts-off comparison runs fhirpath.js's own htmlChecks().
  partial: true,
  check: (v) => {
    if (typeof v !== 'string') return null;
    if (v !== lastDiv) {
      lastDivOk = htmlChecks(v);
      lastDiv = v;
    }
    return lastDivOk;
  },
};

const containedOf = (v: unknown): Json[] =>
  isObject(v) && Array.isArray(v.contained) ? (v.contained.filter(isObject) as Json[]) : [];

export const NATIVE_INVARIANTS: Record<string, NativeInvariant> = {
  'ext-1': {
    expressions: ['extension.exists() != value.exists()'],
    check: (v) => {
      if (!isObject(v)) return undefined;
      const ext = Array.isArray(v.extension) && v.extension.length > 0;
      const val = Object.keys(v).some((k) => k.startsWith('value'));
      return ext !== val;
    },
  },
  'dom-2': {
    expressions: ['contained.contained.empty()'],
    check: (v) => containedOf(v).every((c) => !Array.isArray(c.contained) || c.contained.length === 0),
  },
  'dom-3': {
    expressions: [
      "contained.where((('#'+id in (%resource.descendants().reference | %resource.descendants().as(canonical) | %resource.descendants().as(uri) | %resource.descendants().as(url))) or descendants().where(reference = '#').exists() or descendants().where(as(canonical) = '#').exists() or descendants().where(as(canonical) = '#').exists()).not()).trace('unmatched', id).empty()",
      "contained.where(((id.exists() and ('#'+id in (%resource.descendants().reference | %resource.descendants().as(canonical) | %resource.descendants().as(uri) | %resource.descendants().as(url)))) or descendants().where(reference = '#').exists() or descendants().where(as(canonical) = '#').exists() or descendants().where(as(uri) = '#').exists()).not()).trace('unmatched', id).empty()",
    ],
    check: (v) => {
      const contained = containedOf(v);
      if (!contained.length) return true;
      const refs = new Set<string>();
      collectRefs(v, refs);
      const unmatched = contained.filter(
        (c) => !(typeof c.id === 'string' && refs.has(`#${c.id}`)) && !refersToContainer(c),
      );
      return unmatched.length
        ? m.unmatchedContained({ ids: unmatched.map((c) => String(c.id ?? '')).join(', ') })
        : true;
    },
  },
  'dom-4': {
    expressions: ['contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()'],
    check: (v) =>
      containedOf(v).every(
        (c) => !isObject(c.meta) || (c.meta.versionId === undefined && c.meta.lastUpdated === undefined),
      ),
  },
  'dom-5': {
    expressions: ['contained.meta.security.empty()'],
    check: (v) =>
      containedOf(v).every((c) => !isObject(c.meta) || !Array.isArray(c.meta.security) || c.meta.security.length === 0),
  },
  'dom-6': {
    expressions: [DOM_6],
    // %rootResource != $this: true on a contained resource (its root is the container).
    check: (v, rc) => rc.root !== v || (isObject(v) && isObject(v.text) && typeof v.text.div === 'string'),
  },
  'ref-1': {
    expressions: [
      "reference.startsWith('#').not() or (reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))",
    ],
    check: (v, rc) => {
      if (!isObject(v) || typeof v.reference !== 'string' || !v.reference.startsWith('#')) return true;
      const id = v.reference.slice(1);
      if (id === '') return true;
      const ids = containedOf(rc.root).map((c) => c.id);
      return ids.includes(id) ? true : m.refTrace({ url: id, ids: ids.join(',') });
    },
  },
  // fhirpath.js's isDistinct() compares every pair: quadratic in a Bundle's entries.
  'bdl-7': {
    expressions: [
      "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
    ],
    check: (v) => {
      if (!isObject(v) || v.type === 'history' || !Array.isArray(v.entry)) return true;
      const seen = new Set<string>();
      const duplicates = new Set<string>();
      for (const e of v.entry) {
        if (!isObject(e) || typeof e.fullUrl !== 'string') continue;
        const meta = isObject(e.resource) && isObject(e.resource.meta) ? e.resource.meta : undefined;
        const key = e.fullUrl + (typeof meta?.versionId === 'string' ? meta.versionId : '');
        if (seen.has(key)) duplicates.add(e.fullUrl);
        seen.add(key);
      }
      return duplicates.size ? m.duplicateFullUrl({ urls: [...duplicates].join(', ') }) : true;
    },
  },
  // The value set resource-types is the R4 resource types with Resource and DomainResource (its code system).
  'opd-3': {
    expressions: [OPD_3],
    check: (v) => {
      if (!isObject(v)) return undefined;
      if (v._targetProfile !== undefined) return null;
      if (v.targetProfile === undefined || (Array.isArray(v.targetProfile) && v.targetProfile.length === 0))
        return true;
      if (typeof v.type !== 'string' || v._type !== undefined) return null;
      return (
        v.type === 'Reference' ||
        v.type === 'canonical' ||
        v.type === 'Resource' ||
        v.type === 'DomainResource' ||
        RESOURCE_TYPES.has(v.type)
      );
    },
  },
  'qty-3': {
    expressions: ['code.empty() or system.exists()'],
    check: (v) => !isObject(v) || v.code === undefined || v.system !== undefined,
  },
  'sqty-1': {
    expressions: ['comparator.empty()'],
    check: (v) => !isObject(v) || v.comparator === undefined,
  },
  'txt-1': HTML_CHECKS,
  'txt-2': HTML_CHECKS,
  ...PARTIAL_INVARIANTS,
};

// Index by expression, so a profile's own constraint with a core key but another expression goes to fhirpath.
for (const n of Object.values(NATIVE_INVARIANTS))
  (n as { expressionSet?: Set<string> }).expressionSet = new Set(n.expressions);

/**
 * The native implementation of a constraint (same key and one of its expressions: a profile's own
 * constraint with a core key but another expression goes to fhirpath), looked up once per compiled
 * constraint; partial ones only with the shortcuts on.
 */
export function nativeOf(c: { key: string; expression: string; native: NativeInvariant | null | undefined }) {
  let n = c.native;
  if (n === undefined) {
    const found = Object.hasOwn(NATIVE_INVARIANTS, c.key) ? NATIVE_INVARIANTS[c.key] : undefined;
    n = c.native = found?.expressions.includes(c.expression) ? found : null;
  }
  if (!n || (n.partial && !invariantShortcutsOn())) return undefined;
  return n;
}
