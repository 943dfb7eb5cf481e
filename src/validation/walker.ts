/**
 * The validation walk: one instance against compiled StructureDefinitions.
 * A resource is walked once against its base definition (structure, JSON
 * types, primitive formats, cardinality, bindings, invariants, extensions,
 * references) and once per profile it must conform to (cardinality, types,
 * fixed/pattern, slicing, bindings and invariants the profile adds).
 */
import type { StructureDefinition } from '@medplum/fhirtypes';
import { checkNamAgainst, NAM_SYSTEM } from '../identifiers/nam.js';
import { ruleForSystem } from '../identifiers/rules.js';
import type { CodeCheck, CodingInput, TerminologyPort } from '../terminology/port.js';
import type { LocalizedText } from '../util/i18n.js';
import { BundleIndex } from './bundle-index.js';
import { bundleLinkProblems, entryFullUrlProblems, searchSetProblems } from './bundle-rules.js';
import { type Canonical, fhirVersionUrl } from './canonical.js';
import type { CodeCache } from './code-cache.js';
import { codeSystemUrlProblem } from './code-system-urls.js';
import {
  bindingSig,
  type CBinding,
  type CConstraint,
  type CElement,
  CORE_BINDINGS,
  CORE_CONSTRAINTS,
  type CompiledStructure,
  type CType,
  childrenOf,
  compiledProfile,
  compiledType,
  contentTarget,
  isPrimitive,
  type PropTarget,
  SLOT_ANY_COUNT,
  SLOT_REQUIRED,
  SLOT_SINGLE,
  type Step,
  shapeOf,
} from './compile.js';
import { duplicateContainedIds, duplicateElementIds } from './element-ids.js';
import {
  contextInvariantProblems,
  definitionContextProblems,
  type ExtensionSite,
  extensionContexts,
  extensionUseProblems,
  hasScheme,
  otherContextMatches,
  relativeUrlProblem,
} from './extensions.js';
import { evaluateInvariant, type FhirPathHost } from './fhirpath.js';
import { decideInvariant } from './invariant-plan.js';
import { nativeOf, SKIP_INVARIANT_KEYS } from './invariants.js';
import type { IssueSeverity, IssueSink } from './issues.js';
import { labUnitProblems } from './lab-units.js';
import { ERX_MESSAGE_PROFILE, messageBundleProblems } from './message-bundle.js';
import { cm, im, jsonKindText, m as msg, notChecked } from './messages.js';
import { minMaxProblems } from './min-max.js';
import { narrativeLinkProblems } from './narrative-links.js';
import { base64CharsOnly, base64Length, checkPrimitive } from './primitives.js';
import type { DefinitionRegistry } from './registry.js';
import type { BundleCtx, ResourceCtx } from './resource-ctx.js';
import { attachmentHashProblem, codingProblems, identifierProblems, metaProblems } from './rules/datatypes.js';
import { RESOURCE_RULES } from './rules/index.js';
import { impliedVitalSignsProfile, type JavaDefaultOptions, markdownHtml } from './rules/java-defaults.js';
import { rm } from './rules/messages.js';
import { discriminatorProfiles, discriminatorTypes, isTypeOrSubtype, oneSliceOnly } from './slicing.js';
import { snapshotProblems } from './snapshot.js';
import { questionnaireParameterProblems, valueSetParameterProblems } from './value-set-params.js';
import { deepEqual, describeValue, matchesPattern } from './values.js';
import { checkXhtml } from './xhtml.js';

export type Json = Record<string, unknown>;
type Mode = 'base' | 'profile';

export interface RunOptions extends JavaDefaultOptions {
  registry: DefinitionRegistry;
  terminology?: TerminologyPort;
  sink: IssueSink;
  codeCache: CodeCache;
  questionnaire?: (qr: Json, expression: string) => void;
  /** ImplementationGuide.global profiles, by resource type. */
  globals?: Record<string, string[]>;
  /** Québec rules: identifier rules (src/identifiers) on Identifier values, expected units of lab results. */
  quebecRules?: boolean;
  /** Validate the profiles a resource claims in meta.profile (default true). */
  profileClaims?: boolean;
  /** When set, each Bundle entry is handed over to be validated later (validateAsync runs them in chunks). */
  defer?: (work: () => void) => void;
}

const RESOURCE_TYPES_ABSTRACT = new Set(['Resource', 'DomainResource']);
interface Targets {
  types: Set<string>;
  unresolved: string[];
  profiles: CompiledStructure[];
}
/** By compiled type (compiled per registry, so per registry too). */
const TARGETS = new WeakMap<CType, Targets>();
const RESOURCE_KINDS = new WeakMap<DefinitionRegistry, Map<string, boolean>>();
const COMPILED_TYPES = new WeakMap<DefinitionRegistry, Map<string, CompiledStructure>>();
const REF_RE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;
const ABS_REF_RE = /^(https?:\/\/.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;
const EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/Extension';
/** How Java lists an extension's contexts in its message (e:, p:, x:). */
const CONTEXT_PREFIX: Record<string, string> = { element: 'e', fhirpath: 'p', extension: 'x' };
/** Values that stand for instances: any extension may sit on them (Java's EXTENSION_CONTEXT_LIST). */
const ANY_EXTENSION_HOLDERS = new Set([
  'ElementDefinition.example.value',
  'ElementDefinition.pattern',
  'ElementDefinition.fixed',
]);
/** LOINC (beyond the bundled lab tests) and SNOMED CT: a code we cannot check offline is an information issue "not checked". */
const PARTLY_HELD_SYSTEMS = new Set(['http://loinc.org', 'http://snomed.info/sct']);

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** No own key (without allocating the keys' array). */
function isEmptyObject(v: Json): boolean {
  for (const _ in v) return false;
  return true;
}

/** Every field set at construction, in this order (one hidden class for all items). */
interface Item {
  value: unknown;
  ext: unknown;
  index: number;
  type: string | undefined;
  /** The CType of a choice (or the element's single type). */
  ctype?: CType;
  path: string;
  /** For extensions: the element that holds them (its definition path and type). */
  holder?: Holder;
  /** A Bundle entry handed over by `defer`, now being validated. */
  deferred?: boolean;
}

type Holder = ExtensionSite;
/** By a child's position: its one property, or the several a choice was given in. */
type Groups = (PropTarget | PropTarget[] | undefined)[];

/** Profiles checked in the same walk as a top-level resource, their issues kept apart (Validator.validateWithSide). */
export interface SideProfiles {
  urls: readonly string[];
  /** Runs one profile's check, `run`, with the sink its issues go to (the caller guards it). */
  pass(url: string, run: (sink: IssueSink) => void): void;
}

export class Walker {
  private readonly registry: DefinitionRegistry;
  private readonly sink: IssueSink;
  private readonly tx?: TerminologyPort;
  private depth = 0;

  constructor(private readonly opts: RunOptions) {
    this.registry = opts.registry;
    this.sink = opts.sink;
    this.tx = opts.terminology;
  }

  private issue(
    severity: IssueSeverity,
    code: Parameters<IssueSink['error']>[0],
    expression: string,
    text: LocalizedText,
    source?: string,
  ): void {
    this.sink.report(severity, code, expression, text, source);
  }

  /** Whether a type code names a resource type (cached per registry: asked for every element). */
  private kinds: Map<string, boolean> | undefined;
  private isResourceType(type: string): boolean {
    let kinds = this.kinds ?? RESOURCE_KINDS.get(this.registry);
    if (!kinds) RESOURCE_KINDS.set(this.registry, (kinds = new Map()));
    this.kinds = kinds;
    let r = kinds.get(type);
    if (r === undefined) kinds.set(type, (r = compiledType(type, this.registry)?.kind === 'resource'));
    return r;
  }

  /** A type's compiled definition, remembered per registry (asked for every primitive value). */
  private types: Map<string, CompiledStructure> | undefined;
  private compiledTypeOf(type: string): CompiledStructure | undefined {
    let types = this.types ?? COMPILED_TYPES.get(this.registry);
    if (!types) COMPILED_TYPES.set(this.registry, (types = new Map()));
    this.types = types;
    let cs = types.get(type);
    if (cs === undefined) {
      cs = compiledType(type, this.registry);
      if (cs) types.set(type, cs);
    }
    return cs;
  }

  private fromProfile(cs: CompiledStructure): string {
    return `${cs.url}${cs.version ? `|${cs.version}` : ''}`;
  }

  // ---------------------------------------------------------------- resources

  /** Validates a resource (top-level, contained or in a Bundle) against its base definition and the profiles it must meet. */
  validateResource(
    value: unknown,
    path: string,
    parent: ResourceCtx | undefined,
    opts: { contained?: boolean; bundle?: BundleCtx; fullUrl?: string; profiles?: string[]; side?: SideProfiles },
  ): void {
    if (!isObject(value)) {
      this.issue('error', 'structure', path, msg.resourceNotObject({ kind: jsonKindText(value) }));
      return;
    }
    const rt = value.resourceType;
    if (typeof rt !== 'string') {
      this.issue('error', 'structure', path, msg.noResourceType());
      return;
    }
    const cs = compiledType(rt, this.registry);
    if (cs?.kind !== 'resource' || cs.def.abstract) {
      this.issue('error', 'structure', path, msg.unknownResourceType({ type: rt }));
      return;
    }
    if (this.depth > 30) {
      this.issue('error', 'structure', path, msg.nestedTooDeeply());
      return;
    }
    this.depth++;
    try {
      const rc: ResourceCtx = {
        resource: value,
        root: opts.contained && parent ? parent.root : value,
        path,
        contained: !!opts.contained,
        ...((opts.bundle ?? parent?.bundle) ? { bundle: opts.bundle ?? parent?.bundle } : {}),
        ...(opts.fullUrl ? { fullUrl: opts.fullUrl } : {}),
      };
      if (rt === 'Bundle') rc.bundle = new BundleIndex(value);
      this.validateItemAgainst(
        cs.root,
        rt,
        { value, ext: undefined, index: -1, type: rt, ctype: undefined, path, holder: undefined, deferred: false },
        'base',
        rc,
      );
      // A Bundle's entries may be walked later (validateAsync): its own ids are always checked.
      if (rc.elementIds || rt === 'Bundle') for (const i of duplicateElementIds(value, path)) this.sink.add(i);
      if (Array.isArray(value.contained) && value.contained.length > 1)
        for (const i of duplicateContainedIds(value.contained, path)) this.sink.add(i);
      if (rt === 'Bundle') this.checkBundle(value, path);
      if (rt === 'StructureDefinition') {
        this.checkStructureDefinition(value, path);
        for (const p of definitionContextProblems(value, (t) => compiledType(t, this.registry)))
          this.issue('error', 'invalid', p.path.replace(/^StructureDefinition/, path), p.text);
      }
      // Resource-specific business rules (rules/index.ts): one map lookup per resource.
      const rule = RESOURCE_RULES.get(rt);
      if (rule)
        for (const i of rule(value, { registry: this.registry, path, contained: rc.contained })) this.sink.add(i);
      if (rt === 'ValueSet' || rt === 'Questionnaire') this.checkValueSetParameters(value, path);
      if (rt === 'Observation' && this.opts.quebecRules) {
        for (const p of labUnitProblems(value, path, this.registry))
          this.issue('error', 'value', p.expression, p.text, 'lab-unit');
      }
      if (rt === 'QuestionnaireResponse' && this.opts.questionnaire) {
        try {
          this.opts.questionnaire(value, path);
        } catch (e) {
          this.issue(
            'warning',
            'processing',
            path,
            notChecked(msg.questionnaireFailed({ error: e instanceof Error ? e.message : String(e) })),
          );
        }
      }
      // A SUBSETTED resource (_summary, _elements) lacks elements by design: its claims cannot be checked.
      const claimed =
        this.opts.profileClaims === false || isSubsetted(value)
          ? []
          : isObject(value.meta) && Array.isArray(value.meta.profile)
            ? value.meta.profile
            : [];
      const claims = claimed.filter((p): p is string => typeof p === 'string');
      const wanted = new Set<string>();
      for (const p of [...claims, ...(opts.profiles ?? []), ...(this.opts.globals?.[rt] ?? [])]) wanted.add(p);
      if (rt === 'Observation' && this.opts.implicitProfiles !== false) {
        const implied = impliedVitalSignsProfile(value);
        if (implied && compiledProfile(implied, this.registry)) wanted.add(implied);
      }
      for (const url of wanted) {
        const explicit = opts.profiles?.includes(url);
        const versioned = explicit ? undefined : fhirVersionUrl(url);
        if (versioned) {
          this.checkFhirVersionClaim(versioned, rt, `${path}.meta.profile[${claims.indexOf(url)}]`);
          continue;
        }
        const prof = compiledProfile(url, this.registry);
        if (!prof) {
          if (explicit) this.issue('error', 'not-found', path, msg.explicitProfileMissing({ url }));
          else this.issue('warning', 'not-found', path, notChecked(msg.claimedProfileMissing({ url })));
          continue;
        }
        this.validateAgainstProfile(prof, value, path, rc);
      }
      if (rt === 'Bundle' && value.type === 'message') this.checkMessage(value, path, rc, wanted);
      if (opts.side) this.checkSideProfiles(opts.side, wanted, value, path, rc);
    } finally {
      this.depth--;
    }
  }

  /**
   * Side profiles (Validator.validateWithSide), once the resource is walked: each by a walker of its own
   * sink, as if it were one more explicit profile; none on a resource with errors (it conforms to no profile).
   */
  private checkSideProfiles(side: SideProfiles, wanted: Set<string>, value: Json, path: string, rc: ResourceCtx): void {
    if (this.sink.hasErrors()) return;
    for (const url of side.urls) {
      side.pass(url, (sink) => {
        if (wanted.has(url)) return; // checked in the walk: its issues are the resource's
        const prof = compiledProfile(url, this.registry);
        if (!prof) return sink.report('error', 'not-found', path, msg.explicitProfileMissing({ url }));
        const w = new Walker({ ...this.opts, sink });
        w.depth = this.depth;
        w.validateAgainstProfile(prof, value, path, rc);
      });
    }
  }

  /** A meta.profile naming a core definition of a FHIR version (Java: a hint, or an error for another type). */
  private checkFhirVersionClaim(claim: Canonical, rt: string, path: string): void {
    if (claim.version !== '4.0')
      this.issue('information', 'structure', path, cm.otherFhirVersion({ version: claim.version ?? '' }));
    else if (claim.url === `http://hl7.org/fhir/StructureDefinition/${rt}`)
      this.issue('information', 'structure', path, cm.thisFhirVersion());
    else {
      const type = this.registry.structureDefinition(claim.url)?.type ?? 'null';
      this.issue('error', 'structure', path, cm.thisFhirVersionOtherType({ type }));
    }
  }

  /** Parameterised value sets: their declarations (ValueSet), their supplied parameters (Questionnaire answerValueSet). */
  private checkValueSetParameters(value: Json, path: string): void {
    const resolve = (url: string): Json | undefined =>
      url.startsWith('#')
        ? (Array.isArray(value.contained) ? value.contained : []).find(
            (c): c is Json => isObject(c) && c.id === url.slice(1),
          )
        : (this.registry.valueSet(url) as Json | undefined);
    const problems =
      value.resourceType === 'ValueSet'
        ? valueSetParameterProblems(value, path)
        : questionnaireParameterProblems(value, path, resolve);
    for (const p of problems) this.issue(p.severity, p.code, p.path, p.text);
  }

  /** One profile pass over a resource or data type value. */
  validateAgainstProfile(prof: CompiledStructure, value: Json, path: string, rc: ResourceCtx): void {
    for (const p of prof.problems)
      this.issue('warning', 'not-supported', path, notChecked(msg.profileProblem({ url: prof.url, problem: p })));
    const rt = typeof value.resourceType === 'string' ? value.resourceType : undefined;
    if (rt && prof.type && prof.type !== rt && !RESOURCE_TYPES_ABSTRACT.has(prof.type)) {
      this.issue('error', 'structure', path, msg.profileWrongType({ url: prof.url, type: prof.type, actual: rt }));
      return;
    }
    this.validateItemAgainst(
      prof.root,
      prof.type,
      { value, ext: undefined, index: -1, type: prof.type, ctype: undefined, path, holder: undefined, deferred: false },
      'profile',
      rc,
    );
  }

  // ---------------------------------------------------------------- elements

  /** What an element with a type code always resolves to, decided once (a one-entry memo per element: most have one type). */
  private stepOf(el: CElement, typeCode: string | undefined): Step {
    const memo = el.step;
    if (memo && memo.typeCode === typeCode) return memo;
    const types = el.types.length ? el.types : (contentTarget(el)?.types ?? []);
    const type = typeCode ?? (types.length === 1 ? types[0]!.code : undefined);
    const nested = el.nested;
    const step: Step = {
      typeCode,
      types,
      type,
      resource: !!type && (RESOURCE_TYPES_ABSTRACT.has(type) || (nested && this.isResourceType(type))),
      primitive: !!type && isPrimitive(type),
      // Base pass: a nested element also meets its type's root constraints.
      typeRoot:
        type && nested && type !== 'BackboneElement' && type !== 'Element'
          ? compiledType(type, this.registry)?.root
          : undefined,
      regex: type && isPrimitive(type) ? this.compiledTypeOf(type)?.regex : undefined,
      resourceId: el.name === 'id' && el.sd.kind === 'resource' && el.path === `${el.sd.type}.id`,
      baseList: undefined,
      ownList: undefined,
    };
    el.step = step;
    return step;
  }

  /** Checks one value (item) of an element: its type, content and rules, then its children. */
  private validateItemAgainst(
    el: CElement,
    typeCode: string | undefined,
    item: Item,
    mode: Mode,
    rc: ResourceCtx,
  ): void {
    if (this.opts.defer && mode === 'base' && el.path === 'Bundle.entry' && !item.deferred) {
      const depth = this.depth;
      this.opts.defer(() => {
        const now = this.depth;
        this.depth = depth;
        try {
          this.validateItemAgainst(el, typeCode, { ...item, deferred: true }, mode, rc);
        } finally {
          this.depth = now;
        }
      });
      return;
    }
    const { value, path } = item;
    const step = this.stepOf(el, typeCode);
    const { types, type } = step;

    // A resource inside an element (contained, Bundle.entry.resource, Parameters.parameter.resource).
    if (step.resource) {
      if (mode === 'base') {
        const contained = /\.contained$/.test(el.path);
        if (
          contained &&
          isObject(value) &&
          isObject(value) &&
          Array.isArray(value.contained) &&
          value.contained.length
        ) {
          // dom-2 reports nested contained resources.
        }
        const profiles = item.ctype?.profiles ?? types[0]?.profiles ?? [];
        this.validateResource(value, path, rc, {
          contained,
          ...(rc.bundle ? { bundle: rc.bundle } : {}),
          profiles: profiles.filter(
            (p) =>
              !p.startsWith(
                `http://hl7.org/fhir/StructureDefinition/${isObject(value) ? String(value.resourceType) : ''}`,
              ),
          ),
        });
      } else {
        this.checkFixedPattern(el, value, path);
        const profiles = item.ctype?.profiles ?? (types.length === 1 ? types[0]!.profiles : []);
        if (isObject(value) && typeof value.resourceType === 'string') {
          if (
            types.length &&
            !types.some((t) => t.code === value.resourceType || RESOURCE_TYPES_ABSTRACT.has(t.code))
          ) {
            this.issue(
              'error',
              'structure',
              path,
              msg.notAllowedType({ type: String(value.resourceType), allowed: types.map((t) => t.code).join(', ') }),
              el.sd.url,
            );
          }
          const inner: ResourceCtx = { ...rc, resource: value, root: value, path };
          for (const p of profiles) {
            const prof = compiledProfile(p, this.registry);
            if (!prof) this.issue('warning', 'not-found', path, notChecked(msg.profileRefUnresolved({ url: p })));
            else if (prof.type === value.resourceType || RESOURCE_TYPES_ABSTRACT.has(prof.type))
              this.validateAgainstProfile(prof, value, path, inner);
          }
        }
        if (el.children.length && isObject(value)) this.walkObject(el, type, value, path, mode, rc);
      }
      return;
    }

    if (step.primitive && type) {
      this.validatePrimitive(el, step, type, item, mode, rc);
      return;
    }

    // Complex value.
    if (!isObject(value)) {
      if (mode === 'base') this.issue('error', 'structure', path, msg.mustBeObject({ kind: jsonKindText(value) }));
      return;
    }
    if (isEmptyObject(value)) {
      if (mode === 'base') this.issue('error', 'structure', path, msg.emptyObject());
      return;
    }
    if (item.ext !== undefined && mode === 'base')
      this.issue(
        'error',
        'structure',
        path,
        msg.unknownProperty({ name: `_${path.slice(path.lastIndexOf('.') + 1)}` }),
      );

    this.checkFixedPattern(el, value, path);
    if (el.binding && type) this.checkBinding(el, type, value, path, mode);
    this.checkMinMaxValue(el, type, value, path);

    // Invariants: the element's, plus (base) its type's root constraints.
    const constraints = this.constraintsFor(el, step, true, mode);
    if (constraints.length) this.checkConstraints(el, constraints, type, value, path, rc);

    if (type === 'Extension' && mode === 'base') this.checkExtension(el, value, path, rc, item.holder);
    // A profile's pass checks the targets it narrows (same issues as the base pass are merged away).
    const refType = item.ctype ?? types[0];
    if (type === 'Reference' && (mode === 'base' || refType?.targetProfiles.length))
      this.checkReference(el, refType, value, path, rc);
    if (type === 'Narrative' && mode === 'base' && typeof value.div === 'string') {
      for (const p of checkXhtml(value.div)) this.issue('error', 'value', `${path}.div`, p);
      for (const i of narrativeLinkProblems(value.div, `${path}.div`, rc.root, rc.bundle?.bundle)) this.sink.add(i);
    }
    if (type === 'Attachment' && mode === 'base') this.checkAttachment(value, path);
    if (type === 'Coding' && mode === 'base') {
      this.checkInSystem(value, path);
      for (const i of codingProblems(value, path)) this.sink.add(i);
      const p = codeSystemUrlProblem(value, path, this.registry);
      if (p) this.sink.add(p);
    }
    if (type === 'Meta' && mode === 'base') for (const i of metaProblems(value, path)) this.sink.add(i);
    if (type === 'Identifier' && mode === 'base') {
      // ElementDefinition examples are illustrations (core ones break these rules): left to the profile's authors.
      if (!path.includes('.example[')) for (const i of identifierProblems(value, path)) this.sink.add(i);
      this.checkIdentifierRule(value, path, rc);
    }

    if (mode === 'base' || el.children.length || (el.contentReference && el.sd.isProfile)) {
      this.walkObject(el, type, value, path, mode, rc);
    }
    // Type profiles (a profiled data type, an extension definition).
    const ctype = item.ctype ?? (types.length === 1 ? types[0] : undefined);
    if (ctype?.profiles.length) this.checkTypeProfiles(ctype, value, path, rc, mode);
  }

  private checkTypeProfiles(ctype: CType, value: Json, path: string, rc: ResourceCtx, mode: Mode): void {
    let anyOk = false;
    const failures: string[] = [];
    for (const p of ctype.profiles) {
      if (p === `http://hl7.org/fhir/StructureDefinition/${ctype.code}`) {
        anyOk = true;
        continue;
      }
      // An extension's own definition is checked in the base pass by its url.
      if (ctype.code === 'Extension' && mode === 'base') {
        anyOk = true;
        continue;
      }
      const prof = compiledProfile(p, this.registry);
      if (!prof) {
        failures.push(p);
        continue;
      }
      anyOk = true;
      if (
        ctype.code === 'Extension' &&
        typeof value.url === 'string' &&
        value.url !== prof.url &&
        this.sliceMatchedByUrl(value, prof)
      )
        continue;
      this.validateItemAgainst(
        prof.root,
        prof.type,
        {
          value,
          ext: undefined,
          index: -1,
          type: prof.type,
          ctype: undefined,
          path,
          holder: undefined,
          deferred: false,
        },
        'profile',
        rc,
      );
    }
    if (!anyOk && failures.length)
      this.issue('warning', 'not-found', path, notChecked(msg.profilesUnresolved({ urls: failures.join("', '") })));
  }

  private sliceMatchedByUrl(value: Json, prof: CompiledStructure): boolean {
    return value.url !== prof.url;
  }

  private validatePrimitive(el: CElement, step: Step, type: string, item: Item, mode: Mode, rc: ResourceCtx): void {
    const { value, ext, path } = item;
    if (value === undefined || value === null) {
      if (ext === undefined || ext === null) {
        if (mode === 'base')
          this.issue('error', 'structure', path, value === null ? msg.nullNotAllowed() : msg.noValue());
        return;
      }
    } else if (mode === 'base') {
      if (typeof value === 'object') {
        this.issue(
          'error',
          'structure',
          path,
          msg.primitiveJsonType({
            kind:
              type === 'boolean'
                ? msg.kindBoolean()
                : ['integer', 'positiveInt', 'unsignedInt', 'decimal'].includes(type)
                  ? msg.kindNumber()
                  : msg.kindString(),
          }),
        );
        return;
      }
      if (el.name === 'id' && !step.resourceId) rc.elementIds = true;
      for (const p of checkPrimitive(type, value, step.regex, step.resourceId))
        this.issue(p.severity, 'value', path, p.text);
      if (type === 'markdown' && typeof value === 'string' && this.opts.htmlInMarkdown !== 'none') {
        const snippet = markdownHtml(value);
        if (snippet) this.issue(this.opts.htmlInMarkdown ?? 'warning', 'invalid', path, rm.markdownHtml({ snippet }));
      }
      if (type === 'xhtml' && typeof value === 'string') {
        // Narrative.div: checked with the Narrative.
      }
    }
    if (ext !== undefined && ext !== null) {
      if (!isObject(ext)) {
        if (mode === 'base')
          this.issue('error', 'structure', path, msg.primitiveExtNotObject({ kind: jsonKindText(ext) }));
      } else if (mode === 'base') {
        const pdef = this.compiledTypeOf(type);
        if (pdef) {
          if (Object.keys(ext).length === 0) this.issue('error', 'structure', path, msg.emptyObject());
          for (const k of Object.keys(ext)) {
            // fhir_comments (DSTU2 JSON) is no property in R4: Java reports it like any unknown one.
            if (k !== 'id' && k !== 'extension')
              this.issue('error', 'structure', path, msg.unknownProperty({ name: k }));
          }
          const sub: Json = {};
          if ('id' in ext) sub.id = ext.id;
          if ('extension' in ext) sub.extension = ext.extension;
          this.walkObject(pdef.root, type, sub, path, 'base', rc, { path: el.path, type });
        }
      } else if (el.children.length) {
        this.walkObject(el, type, ext, path, mode, rc);
      }
    }
    if (value === undefined || value === null) return;
    this.checkFixedPattern(el, value, path);
    if (el.maxLength !== undefined && typeof value === 'string' && value.length > el.maxLength) {
      this.issue('error', 'value', path, msg.tooLong({ max: el.maxLength }));
    }
    this.checkMinMaxValue(el, type, value, path);
    if (el.binding) this.checkBinding(el, type, value, path, mode);
    const constraints = this.constraintsFor(el, step, false, mode);
    if (constraints.length) this.checkConstraints(el, constraints, type, value, path, rc);
  }

  // ---------------------------------------------------------------- children

  /** Walks the properties of an object value against the children of `el`. */
  walkObject(
    el: CElement,
    typeCode: string | undefined,
    obj: Json,
    path: string,
    mode: Mode,
    rc: ResourceCtx,
    holder?: Holder,
  ): void {
    const { props: idx, children, flags } = shapeOf(el, typeCode, this.registry);
    // By child's position: its one property (most often), or the several a choice was given in.
    // One array per nesting depth, reused (emptied here), rather than one per object.
    const depth = this.walkDepth++;
    let groups = this.groupPool[depth];
    if (!groups) this.groupPool[depth] = groups = [];
    for (let slot = 0; slot < children.length; slot++) groups[slot] = undefined;
    try {
      const isResourceRoot = !el.nested && typeof obj.resourceType === 'string';
      // Most objects have no '_name' key: then no lookup of one (a missed keyed load is slow on JSON objects).
      let hasExtKeys = false;
      // for-in rather than Object.keys: no keys array per object (parsed JSON has no inherited enumerable keys).
      for (const key in obj) {
        if (key === 'resourceType' && isResourceRoot) continue;
        const isExt = key.charCodeAt(0) === 95; /* _ */
        if (isExt) hasExtKeys = true;
        const name = isExt ? key.slice(1) : key;
        if (isExt && name in obj) continue; // handled with the value
        const target = idx.get(name);
        if (!target) {
          if (mode === 'base') this.issue('error', 'structure', path, msg.unknownProperty({ name: key }));
          else this.unknownInProfile(el, typeCode, name, path);
          continue;
        }
        const g = groups[target.slot];
        if (!g) groups[target.slot] = target;
        else if (Array.isArray(g)) g.push(target);
        else groups[target.slot] = [g, target];
      }
      for (let slot = 0; slot < children.length; slot++) {
        const g = groups[slot];
        const f = flags[slot]!;
        // Absent and optional: nothing to check (cardinality 0..n holds, no item, no slice).
        if (!g && !(f & SLOT_REQUIRED)) continue;
        const child = children[slot]!;
        // One property of a single-valued, unsliced element (most of them): its one item, without a list.
        if (g && f & SLOT_SINGLE && !Array.isArray(g)) {
          const it = this.singleItem(g, hasExtKeys, obj, path, mode);
          if (mode !== 'base' || !(f & SLOT_ANY_COUNT)) this.checkCardinality(child, it ? 1 : 0, path, mode);
          if (it) this.validateItemAgainst(child, it.type, it, mode, rc);
          continue;
        }
        const items: Item[] = [];
        if (Array.isArray(g)) {
          if (mode === 'base') {
            this.issue(
              'error',
              'structure',
              path,
              msg.oneOfChoice({ names: g.map((x) => x.name).join(', '), path: child.path }),
            );
          }
          for (const t of g) this.collectItems(child, t, hasExtKeys, obj, path, mode, items);
        } else if (g) {
          this.collectItems(child, g, hasExtKeys, obj, path, mode, items);
        }
        if (mode !== 'base' || !(f & SLOT_ANY_COUNT)) this.checkCardinality(child, items.length, path, mode);
        if (!items.length) continue;
        if (child.name === 'extension' || child.name === 'modifierExtension') {
          const h = holder ?? { path: el.path, type: el.nested ? typeCode : el.sd.type, value: obj };
          for (const it of items) it.holder = h;
        }
        for (const it of items) this.validateItemAgainst(child, it.type, it, mode, rc);
        // A choice sliced by type keeps its slices in typeSlices (compile.ts): slices by name only otherwise.
        if (child.slices.length || (child.slicing && !child.typeSlices))
          this.checkSlicing(child, items, path, mode, rc);
        else if (child.typeSlices) {
          for (const it of items) {
            const ts = it.type ? child.typeSlices.get(it.type.toLowerCase()) : undefined;
            if (ts) this.validateItemAgainst(ts, it.type, it, 'profile', rc);
          }
        }
      }
    } finally {
      this.walkDepth--;
    }
  }

  private readonly groupPool: Groups[] = [];
  private walkDepth = 0;

  private unknownInProfile(el: CElement, typeCode: string | undefined, name: string, path: string): void {
    // A choice whose types the profile restricted: the base pass knew the property.
    for (const child of childrenOf(el, typeCode, this.registry)) {
      if (child.choice && name.startsWith(child.name) && /^[A-Z]/.test(name.slice(child.name.length))) {
        this.issue(
          'error',
          'structure',
          path,
          msg.choiceTypeUnknown({ name, types: child.types.map((t) => t.code).join(', ') }),
          el.sd.url,
        );
        return;
      }
    }
  }

  private collectItems(
    child: CElement,
    target: PropTarget,
    hasExtKeys: boolean,
    obj: Json,
    path: string,
    mode: Mode,
    out: Item[],
  ): void {
    if (!child.array) {
      const it = this.singleItem(target, hasExtKeys, obj, path, mode);
      if (it) out.push(it);
      return;
    }
    const name = target.name;
    const ctype = target.type;
    const v = obj[name];
    const e = hasExtKeys ? obj[target.extKey] : undefined;
    // Type code and path segment resolved once per property (compile.ts shapeOf).
    const type = target.code;
    const base = path + target.seg;
    if ((v !== undefined && !Array.isArray(v)) || (e !== undefined && e !== null && !Array.isArray(e))) {
      if (mode === 'base')
        this.issue('error', 'structure', base, msg.mustBeArray({ kind: jsonKindText(Array.isArray(v) ? e : v) }));
      return;
    }
    const va = (v as unknown[] | undefined) ?? [];
    const ea = (e as unknown[] | undefined) ?? [];
    if (v !== undefined && va.length === 0) {
      if (mode === 'base') this.issue('error', 'structure', base, msg.emptyArray());
    }
    if (e !== undefined && v !== undefined && ea.length !== va.length && mode === 'base') {
      this.issue('error', 'structure', base, msg.arraysLength({ name }));
    }
    const n = Math.max(va.length, ea.length);
    for (let i = 0; i < n; i++) {
      const iv = va[i];
      const ie = ea[i];
      if ((iv === null || iv === undefined) && (ie === null || ie === undefined)) {
        if (mode === 'base') this.issue('error', 'structure', `${base}[${i}]`, msg.nullInArray());
        continue;
      }
      out.push({
        value: iv ?? undefined,
        ext: ie ?? undefined,
        index: i,
        type,
        ctype,
        path: base + indexSeg(i),
        holder: undefined,
        deferred: false,
      });
    }
  }

  /** The item of a single-valued property (undefined when absent, or an array where one value belongs). */
  private singleItem(target: PropTarget, hasExtKeys: boolean, obj: Json, path: string, mode: Mode): Item | undefined {
    const v = obj[target.name];
    const e = hasExtKeys ? obj[target.extKey] : undefined;
    if (Array.isArray(v) || Array.isArray(e)) {
      if (mode === 'base') this.issue('error', 'structure', path + target.seg, msg.mustBeSingle());
      return undefined;
    }
    if (v === undefined && (e === undefined || e === null)) return undefined;
    return {
      value: v,
      ext: e ?? undefined,
      index: -1,
      type: target.code,
      ctype: target.type,
      path: path + target.seg,
      holder: undefined,
      deferred: false,
    };
  }

  private checkCardinality(child: CElement, count: number, path: string, mode: Mode): void {
    if (mode === 'base' && !child.sd.isProfile && child.min === 0 && child.max === Infinity) return;
    if (count >= child.min && count <= child.max) return;
    const from = this.fromProfile(child.sd);
    const label = child.sliceName ? child.id : child.path;
    if (count < child.min) {
      this.issue('error', 'required', path, msg.minCardinality({ label, min: child.min, count, from }), from);
    }
    if (count > child.max) {
      this.issue('error', 'structure', path, msg.maxCardinality({ label, max: child.max, count, from }), from);
    }
  }

  // ---------------------------------------------------------------- slicing

  private checkSlicing(el: CElement, items: Item[], path: string, mode: Mode, rc: ResourceCtx): void {
    const slicing = el.slicing;
    const slices = el.slices;
    const from = this.fromProfile(el.sd);
    const counts = new Array<number>(slices.length).fill(0);
    let lastSlice = -1;
    let sawUnmatched = false;
    for (const it of items) {
      let matched = -1;
      for (let s = 0; s < slices.length; s++) {
        const r = this.matchesSlice(slices[s]!, slicing, it, rc);
        if (r === 'unknown') {
          this.issue(
            'information',
            'not-supported',
            it.path,
            notChecked(msg.sliceUndecided({ path: el.path, slice: String(slices[s]!.sliceName) })),
            from,
          );
          continue;
        }
        if (r) {
          matched = s;
          break;
        }
      }
      if (matched >= 0 && matched < slices.length - 1) this.checkMatchesOneSlice(el, matched, it, rc, from);
      if (matched < 0) {
        if (slicing?.rules === 'closed') {
          this.issue('error', 'structure', it.path, msg.sliceClosed({ from }), from);
        }
        sawUnmatched = true;
        continue;
      }
      if (slicing?.rules === 'openAtEnd' && sawUnmatched) {
        this.issue(
          'error',
          'structure',
          it.path,
          msg.sliceOpenAtEnd({ slice: String(slices[matched]!.sliceName) }),
          from,
        );
      }
      if (slicing?.ordered && matched < lastSlice) {
        this.issue(
          'error',
          'structure',
          it.path,
          msg.sliceOrder({ from, slice: String(slices[matched]!.sliceName) }),
          from,
        );
      }
      lastSlice = Math.max(lastSlice, matched);
      counts[matched]!++;
      this.validateItemAgainst(slices[matched]!, it.type, it, 'profile', rc);
    }
    for (let s = 0; s < slices.length; s++) {
      const slice = slices[s]!;
      const c = counts[s]!;
      if (c < slice.min) {
        if (c === 0) this.issue('error', 'required', path, msg.sliceRequired({ slice: slice.id, from }), from);
        else
          this.issue(
            'error',
            'required',
            path,
            msg.minCardinality({ label: slice.id, min: slice.min, count: c, from }),
            from,
          );
      }
      if (c > slice.max)
        this.issue(
          'error',
          'structure',
          path,
          msg.maxCardinality({ label: slice.id, max: slice.max, count: c, from }),
          from,
        );
    }
    void mode;
  }

  /** Java's MATCHMULTIPLE: an item matches one slice only (a re-slice and the slice it refines excepted). */
  private checkMatchesOneSlice(el: CElement, matched: number, it: Item, rc: ResourceCtx, from: string): void {
    const first = String(el.slices[matched]!.sliceName);
    for (let s = matched + 1; s < el.slices.length; s++) {
      const other = String(el.slices[s]!.sliceName);
      if (!oneSliceOnly(first, other)) continue;
      if (this.matchesSlice(el.slices[s]!, el.slicing, it, rc) === true) {
        this.issue('error', 'invalid', it.path, im.sliceMatchesMany({ from, first, other }), from);
        return;
      }
    }
  }

  /** Whether an item belongs to a slice, by the slicing's discriminators. */
  private matchesSlice(slice: CElement, slicing: CElement['slicing'], it: Item, rc: ResourceCtx): boolean | 'unknown' {
    const discs = slicing?.discriminators ?? [];
    if (!discs.length) {
      // No discriminator: the item matches when it conforms to the slice.
      return this.conformsToElement(slice, it, rc);
    }
    for (const d of discs) {
      const r = this.matchDiscriminator(slice, d.type, d.path, it, rc);
      // The value is fixed inside slices on the way (bp's code.coding:SBPCode.code): the item belongs when it conforms.
      if (r === 'in-slices') return this.conformsToElement(slice, it, rc) || 'unknown';
      if (r === 'unknown') return 'unknown';
      if (!r) return false;
    }
    return true;
  }

  private conformsToElement(slice: CElement, it: Item, rc: ResourceCtx): boolean {
    const sub = new (this.sink.constructor as new () => IssueSink)();
    const w = new Walker({ ...this.opts, sink: sub });
    w.validateItemAgainst(slice, it.type, it, 'profile', rc);
    return !sub.hasErrors();
  }

  private matchDiscriminator(
    slice: CElement,
    type: string,
    dpath: string,
    it: Item,
    rc: ResourceCtx,
  ): boolean | 'unknown' | 'in-slices' {
    let inSlices = false;
    // Navigate the definition from the slice.
    const segs = splitPath(dpath);
    let defs: { el: CElement; type: string | undefined }[] = [
      { el: slice, type: it.type ?? (slice.types.length === 1 ? slice.types[0]!.code : undefined) },
    ];
    let values: { v: unknown; type: string | undefined }[] = [{ v: it.value, type: it.type }];
    let beforeResolve: CElement[] | undefined;
    for (const seg of segs) {
      if (seg === '$this') continue;
      if (seg === 'resolve()') {
        beforeResolve = defs.map((d) => d.el);
        values = values.flatMap(({ v }) => {
          const ref = isObject(v) ? v.reference : typeof v === 'string' ? v : undefined;
          const r = typeof ref === 'string' ? this.resolveReference(ref, rc) : undefined;
          return r ? [{ v: r.resource, type: String(r.resource.resourceType) }] : [];
        });
        defs = defs.flatMap((d) => this.resolvedDefs(d.el));
        continue;
      }
      const ofType = /^ofType\((.+)\)$/.exec(seg);
      if (ofType) {
        const t = ofType[1]!;
        values = values.filter((x) => x.type === t || (isObject(x.v) && x.v.resourceType === t));
        defs = defs.map((d) => ({ el: d.el.typeSlices?.get(t.toLowerCase()) ?? d.el, type: t }));
        continue;
      }
      const ext = /^extension\('([^']+)'\)$/.exec(seg);
      if (ext) {
        const url = ext[1]!;
        values = values.flatMap(({ v }) =>
          isObject(v) && Array.isArray(v.extension)
            ? v.extension.filter((e) => isObject(e) && e.url === url).map((e) => ({ v: e, type: 'Extension' }))
            : [],
        );
        const nd: { el: CElement; type: string | undefined }[] = [];
        for (const d of defs) {
          const extEl = childrenOf(d.el, d.type, this.registry).find((c) => c.name === 'extension');
          const s = extEl?.slices.find((x) => x.types.some((t) => t.profiles.includes(url)));
          if (s) nd.push({ el: s, type: 'Extension' });
          else {
            const prof = compiledProfile(url, this.registry);
            if (prof) nd.push({ el: prof.root, type: 'Extension' });
          }
        }
        defs = nd;
        continue;
      }
      if (/\(/.test(seg)) return 'unknown';
      // Definition step.
      const nd: { el: CElement; type: string | undefined }[] = [];
      for (const d of defs) {
        for (const c of this.discriminatorChildren(d.el, d.type)) {
          if (c.name === seg || (c.choice && seg === c.name)) {
            nd.push({ el: c, type: c.types.length === 1 ? c.types[0]!.code : undefined });
          }
        }
      }
      defs = nd;
      if (nd.some((d) => d.el.slices.length)) inSlices = true;
      // Value step.
      values = values.flatMap(({ v }) => {
        if (!isObject(v)) return [];
        const out: { v: unknown; type: string | undefined }[] = [];
        for (const key of Object.keys(v)) {
          let t: string | undefined;
          if (key === seg) t = undefined;
          else if (key.startsWith(seg) && /^[A-Z]/.test(key.slice(seg.length)) && !key.startsWith('_'))
            t = key.slice(seg.length);
          else continue;
          const tt = t ? lowerTypeName(t) : undefined;
          const raw = v[key];
          for (const x of Array.isArray(raw) ? raw : [raw])
            if (x !== null && x !== undefined) out.push({ v: x, type: tt });
        }
        return out;
      });
    }
    if (!defs.length) return type === 'exists' ? values.length > 0 : 'unknown';
    const def = defs[0]!.el;
    // Java: a criteria element with max 0 means the discriminated value is absent, whatever the discriminator type.
    if (def.max === 0) return values.length === 0;
    switch (type) {
      case 'value':
      case 'pattern': {
        if (def.fixed !== undefined) return values.some((x) => deepEqual(x.v, def.fixed));
        if (def.pattern !== undefined) return values.some((x) => matchesPattern(x.v, def.pattern));
        if (def.binding?.valueSet && this.tx) {
          return values.some((x) => this.inValueSet(def.binding!.valueSet!, x.v, defs[0]!.type) === true);
        }
        // An extension slice discriminated by url: the url is fixed in the extension's definition.
        if (segs[segs.length - 1] === 'url' && defs.length) {
          const parentProfiles = slice.types.flatMap((t) => t.profiles);
          if (parentProfiles.length) return values.some((x) => parentProfiles.includes(String(x.v)));
        }
        if (inSlices) return 'in-slices';
        return 'unknown';
      }
      case 'exists':
        if (def.min >= 1) return values.length > 0;
        if (def.max === 0) return values.length === 0;
        return 'unknown';
      case 'type': {
        const allowed = discriminatorTypes(def);
        if (!allowed.length) return 'unknown';
        return values.some((x) => {
          const t = isObject(x.v) && typeof x.v.resourceType === 'string' ? x.v.resourceType : x.type;
          return t !== undefined && allowed.some((a) => isTypeOrSubtype(t, a, this.registry));
        });
      }
      case 'profile': {
        const profiles = discriminatorProfiles(def, beforeResolve);
        // Java: a slice naming no profile adds no condition.
        if (!profiles.length) return true;
        return values.some((x) => profiles.some((p) => this.conformsToProfile(x.v, p, rc) === true));
      }
      default:
        return 'unknown';
    }
  }

  private resolvedDefs(el: CElement): { el: CElement; type: string | undefined }[] {
    const out: { el: CElement; type: string | undefined }[] = [];
    for (const t of el.types) {
      for (const tp of t.targetProfiles) {
        const p = compiledProfile(tp, this.registry);
        if (p) out.push({ el: p.root, type: p.type });
      }
    }
    return out;
  }

  private discriminatorChildren(el: CElement, type: string | undefined): CElement[] {
    if (el.children.length) return el.children;
    const t = el.types.length === 1 ? el.types[0]! : el.types.find((x) => x.code === type);
    const prof = t?.profiles[0] ? compiledProfile(t.profiles[0], this.registry) : undefined;
    if (prof) return prof.root.children;
    if (isObject(el.sd.def) && !el.path.includes('.') && el.sd.isProfile) return el.children;
    return childrenOf(el, type ?? t?.code, this.registry);
  }

  /** Validates a value against a profile in a scratch sink (slicing by profile, conformsTo()). */
  conformsToProfile(value: unknown, url: string, rc: ResourceCtx): boolean | undefined {
    const prof = compiledProfile(url, this.registry);
    if (!prof) return undefined;
    if (!isObject(value)) return false;
    const sub = new (this.sink.constructor as new () => IssueSink)();
    const w = new Walker({ ...this.opts, sink: sub });
    if (typeof value.resourceType === 'string') {
      if (value.resourceType !== prof.type && !RESOURCE_TYPES_ABSTRACT.has(prof.type)) return false;
      w.validateResource(value, rc.path, undefined, { profiles: [url], ...(rc.bundle ? { bundle: rc.bundle } : {}) });
    } else {
      w.validateItemAgainst(
        prof.root,
        prof.type,
        {
          value,
          ext: undefined,
          index: -1,
          type: prof.type,
          ctype: undefined,
          path: rc.path,
          holder: undefined,
          deferred: false,
        },
        'profile',
        rc,
      );
    }
    return !sub.hasErrors();
  }

  // ---------------------------------------------------------------- fixed, pattern, min/max

  private checkFixedPattern(el: CElement, value: unknown, path: string): void {
    if (el.fixed !== undefined) {
      if (!deepEqual(value, el.fixed)) {
        this.issue(
          'error',
          'value',
          path,
          msg.fixedValue({
            value: describeValue(value),
            fixed: describeValue(el.fixed),
            from: this.fromProfile(el.sd),
            id: el.id,
          }),
          el.sd.url,
        );
      }
    } else if (el.pattern !== undefined) {
      if (!matchesPattern(value, el.pattern)) {
        this.issue(
          'error',
          'value',
          path,
          msg.patternValue({ pattern: describeValue(el.pattern), from: this.fromProfile(el.sd), id: el.id }),
          el.sd.url,
        );
      }
    }
  }

  private checkMinMaxValue(el: CElement, type: string | undefined, value: unknown, path: string): void {
    if (el.minValue === undefined && el.maxValue === undefined) return;
    for (const p of minMaxProblems(type, value, el.minValue, el.maxValue)) this.issue(p.severity, p.code, path, p.text);
  }

  // ---------------------------------------------------------------- invariants

  private constraintList(el: CElement, typeRoot: CElement | undefined, mode: Mode): CConstraint[] {
    // The base pass asks for one element with one type root, once per value: a memo before the maps.
    const memo = el.baseConstraints;
    if (mode === 'base' && memo && memo.typeRoot === typeRoot) return memo.list;
    const byType = ((el.constraintCache ??= {})[mode] ??= new Map());
    let list = byType.get(typeRoot ?? null);
    if (!list) {
      list = [];
      const seen = new Set<string>();
      for (const src of [el.constraints, typeRoot?.constraints ?? []]) {
        for (const c of src) {
          if (seen.has(c.key)) continue;
          seen.add(c.key);
          if (mode === 'profile' && CORE_CONSTRAINTS.has(c.sig)) continue;
          if (SKIP_INVARIANT_KEYS.has(c.key) && CORE_CONSTRAINTS.has(c.sig)) continue;
          list.push(c);
        }
      }
      byType.set(typeRoot ?? null, list);
    }
    if (mode === 'base') el.baseConstraints = { typeRoot, list };
    return list;
  }

  /** The constraints a value must meet: in the base pass remembered on the element's Step (no lookup per value). */
  private constraintsFor(el: CElement, step: Step, withTypeRoot: boolean, mode: Mode): CConstraint[] {
    if (mode !== 'base') return this.constraintList(el, undefined, mode);
    if (withTypeRoot) return (step.baseList ??= this.constraintList(el, step.typeRoot, mode));
    return (step.ownList ??= this.constraintList(el, undefined, mode));
  }

  private checkConstraints(
    el: CElement,
    list: CConstraint[],
    type: string | undefined,
    value: unknown,
    path: string,
    rc: ResourceCtx,
  ): void {
    const isRoot = !el.nested;
    // Two constraints with one expression on one value have one answer (txt-1 and txt-2 are both htmlChecks()).
    let lastExpression: string | undefined;
    let lastResult: boolean | undefined;
    for (const c of list) {
      const native = nativeOf(c);
      let result: boolean | undefined;
      let detail: LocalizedText | undefined;
      const r = native?.check(value, rc, isRoot);
      if (native && r === undefined) continue;
      if (r !== undefined && r !== null) {
        if (typeof r === 'object') {
          result = false;
          detail = r;
        } else result = r;
      } else if (c.expression === lastExpression && lastResult !== undefined) {
        result = lastResult;
      } else if ((result = decideInvariant(c.expression, value)) === undefined) {
        const base = isRoot
          ? typeof (value as Json)?.resourceType === 'string'
            ? ''
            : el.path
          : type && type !== 'BackboneElement' && type !== 'Element' && !el.choice
            ? type
            : type && el.choice
              ? type
              : el.path;
        const out = evaluateInvariant(
          c.expression,
          base,
          value,
          { resource: rc.resource, rootResource: rc.root },
          this.host(rc),
        );
        if (!out.ok) {
          this.issue(
            'warning',
            'processing',
            path,
            notChecked(msg.invariantUndecided({ key: c.key, reason: out.reason })),
            c.key,
          );
          continue;
        }
        result = out.value;
        lastExpression = c.expression;
        lastResult = result;
      }
      if (!result) {
        const sev: IssueSeverity = c.severity === 'warning' || c.bestPractice ? 'warning' : 'error';
        this.issue(
          sev,
          'invariant',
          path,
          detail
            ? msg.invariantFailedDetail({ key: c.key, human: c.human, detail })
            : msg.invariantFailed({ key: c.key, human: c.human }),
          c.key,
        );
      }
    }
  }

  private hostCache = new WeakMap<ResourceCtx, FhirPathHost>();
  private host(rc: ResourceCtx): FhirPathHost {
    let h = this.hostCache.get(rc);
    if (!h) {
      h = {
        resolve: (ref) => this.resolveReference(ref, rc)?.resource,
        memberOf: (v, vs) => this.inValueSet(vs, v, undefined),
        conformsTo: (v, p) => this.conformsToProfile(v, p, rc),
      };
      this.hostCache.set(rc, h);
    }
    return h;
  }

  // ---------------------------------------------------------------- terminology

  private cachedCheck(kind: 'vs' | 'cs', vs: string, c: CodingInput, run: () => CodeCheck): CodeCheck {
    let r = this.opts.codeCache.get(kind, vs, c);
    if (!r) {
      try {
        r = run();
      } catch (e) {
        const text = msg.terminologyError({ error: e instanceof Error ? e.message : String(e) });
        r = { status: 'not-checked', message: text.en, text };
      }
      this.opts.codeCache.set(kind, vs, c, r);
    }
    return r;
  }

  private inValueSet(vs: string, v: unknown, type: string | undefined): boolean | undefined {
    if (!this.tx) return undefined;
    const codings = codingsOf(v, type);
    if (!codings.length) return false;
    let unknown = false;
    for (const c of codings) {
      const r = this.cachedCheck('vs', vs, c, () => this.tx!.validateCode(vs, c));
      if (r.status === 'valid') return true;
      if (r.status === 'not-checked') unknown = true;
    }
    return unknown ? undefined : false;
  }

  private checkBinding(el: CElement, type: string, value: unknown, path: string, mode: Mode): void {
    const b = el.binding!;
    this.checkOneBinding(el, b, type, value, path, mode);
    if (b.additional) for (const ab of b.additional) this.checkOneBinding(el, ab, type, value, path, mode);
  }

  private checkOneBinding(el: CElement, b: CBinding, type: string, value: unknown, path: string, mode: Mode): void {
    if (b.strength !== 'required' && b.strength !== 'extensible') return;
    if (!b.valueSet) return;
    if (!['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri'].includes(type)) return;
    if (mode === 'profile' && CORE_BINDINGS.has(bindingSig(el.path, b))) return;
    const vs = b.valueSet;
    if (!this.tx) {
      this.issue('information', 'not-supported', path, notChecked(msg.bindingNoTx({ vs })), 'binding');
      return;
    }
    const codings = codingsOf(value, type);
    if (!codings.length) {
      if (type === 'CodeableConcept' && b.strength === 'required' && isObject(value) && !value.coding) {
        this.issue('warning', 'code-invalid', path, msg.bindingNoCode({ vs }), 'binding');
      }
      return;
    }
    let valid = false;
    let undecided: LocalizedText | undefined;
    const invalid: LocalizedText[] = [];
    for (const c of codings) {
      const r = this.cachedCheck('vs', vs, c, () => this.tx!.validateCode(vs, c));
      if (r.status === 'valid') {
        valid = true;
        if (r.displayText) this.issue('warning', 'code-invalid', path, r.displayText, 'binding');
        break;
      }
      if (r.status === 'not-checked') undecided = r.text;
      else invalid.push(r.text);
    }
    if (valid) return;
    // One coding the terminology could not decide leaves the binding undecided, whatever the others gave.
    if (undecided !== undefined) {
      this.issue(
        'information',
        'not-supported',
        path,
        notChecked(msg.bindingUndecided({ vs, reason: undecided })),
        'binding',
      );
      return;
    }
    const shown = codings.map((c) => (c.system ? `${c.system}#${c.code}` : String(c.code))).join(', ');
    const sev: IssueSeverity = b.strength === 'required' ? 'error' : 'warning';
    const required = b.strength === 'required';
    // An extensible binding with a maxValueSet: outside the value set, the code must be in the larger one.
    if (!required && b.maxValueSet) {
      const inMax = this.inValueSet(b.maxValueSet, value, type);
      if (inMax === false)
        this.issue('error', 'code-invalid', path, msg.notInMaxValueSet({ vs: b.maxValueSet, codes: shown }), 'binding');
      else if (inMax === undefined)
        this.issue(
          'information',
          'not-supported',
          path,
          notChecked(msg.bindingUndecided({ vs: b.maxValueSet, reason: msg.maxValueSetUndecided() })),
          'binding',
        );
      return;
    }
    const what =
      type === 'CodeableConcept'
        ? (required ? msg.bindingNoneRequired : msg.bindingNoneExtensible)({ codes: shown, vs })
        : (required ? msg.bindingValueRequired : msg.bindingValueExtensible)({ codes: shown, vs });
    this.issue(
      sev,
      'code-invalid',
      path,
      invalid[0] ? msg.withReason({ text: what, reason: invalid[0] }) : what,
      'binding',
    );
  }

  private checkInSystem(coding: Json, path: string): void {
    if (!this.tx) return;
    if (typeof coding.system !== 'string' || typeof coding.code !== 'string') return;
    const c: CodingInput = { system: coding.system, code: coding.code };
    if (typeof coding.version === 'string') c.version = coding.version;
    if (typeof coding.display === 'string') c.display = coding.display;
    const r = this.cachedCheck('cs', '', c, () => this.tx!.validateInSystem(c));
    if (r.status === 'invalid') this.issue('error', 'code-invalid', path, r.text, 'terminology');
    else if (r.status === 'valid' && r.displayText)
      this.issue('warning', 'code-invalid', path, r.displayText, 'terminology');
    // Systems every lab and clinical record uses that we hold only in part: say so rather than pass in silence.
    else if (r.status === 'not-checked' && PARTLY_HELD_SYSTEMS.has(coding.system))
      this.issue('information', 'not-supported', path, notChecked(r.text), 'terminology');
  }

  /** Identifier values in a naming system we hold a rule for (NAM, DIN, licence numbers) must follow it. */
  private checkIdentifierRule(identifier: Json, path: string, rc: ResourceCtx): void {
    if (!this.opts.quebecRules || typeof identifier.system !== 'string' || typeof identifier.value !== 'string') return;
    const rule = ruleForSystem(identifier.system);
    if (!rule) return;
    // A patient's own NAM is also checked against the patient's birth date and sex.
    const patient =
      rc.resource.resourceType === 'Patient' && identifier.system === NAM_SYSTEM ? rc.resource : undefined;
    const problems = patient
      ? checkNamAgainst(identifier.value, {
          ...(typeof patient.birthDate === 'string' ? { birthDate: patient.birthDate } : {}),
          ...(typeof patient.gender === 'string' ? { sex: patient.gender } : {}),
        })
      : rule.check(identifier.value);
    for (const p of problems) this.issue('error', 'value', `${path}.value`, p.text, p.rule);
  }

  // ---------------------------------------------------------------- extensions

  private checkExtension(el: CElement, ext: Json, path: string, rc: ResourceCtx, holder: Holder | undefined): void {
    const url = ext.url;
    if (typeof url !== 'string') {
      this.issue('error', 'structure', path, msg.extensionNoUrl());
      return;
    }
    // Relative: only a sub-extension of a complex extension, defined by its parent.
    if (!hasScheme(url)) {
      const p = relativeUrlProblem(url, holder, (u) => compiledProfile(u, this.registry));
      if (p) this.issue(p.severity, 'structure', path, p.text);
      return;
    }
    if (url.includes('|')) {
      this.issue('error', 'structure', path, msg.extensionVersion());
    }
    if (el.types.some((t) => t.profiles.some((p) => p === url))) return; // checked by the type profile
    const def = compiledProfile(url, this.registry);
    if (!def) {
      if (
        url.startsWith('http://hl7.org/fhir/') &&
        !url.startsWith('http://hl7.org/fhir/StructureDefinition/') &&
        !url.startsWith('http://hl7.org/fhir/tools/')
      ) {
        this.issue('error', 'structure', path, msg.extensionNotFound({ url }));
      } else {
        this.issue('warning', 'not-found', path, notChecked(msg.extensionUnresolved({ url })));
      }
      return;
    }
    if (def.type !== 'Extension') {
      this.issue('error', 'structure', path, msg.notAnExtension({ url, type: def.type }));
      return;
    }
    for (const p of extensionUseProblems(def, ext, el.name === 'modifierExtension'))
      this.issue(p.severity, 'structure', path, p.text);
    if (this.checkExtensionContext(def, el, path, rc, holder))
      for (const p of contextInvariantProblems(def, holder, rc, this.host(rc)))
        this.issue(p.severity, p.severity === 'error' ? 'structure' : 'not-supported', path, p.text);
    if (def.url === EXTENSION_URL) return;
    this.validateItemAgainst(
      def.root,
      'Extension',
      {
        value: ext,
        ext: undefined,
        index: -1,
        type: 'Extension',
        ctype: undefined,
        path,
        holder: undefined,
        deferred: false,
      },
      'profile',
      rc,
    );
  }

  private checkExtensionContext(
    def: CompiledStructure,
    el: CElement,
    path: string,
    rc: ResourceCtx,
    holder: Holder | undefined,
  ): boolean {
    const ctx = extensionContexts(def);
    if (!ctx.length) return true;
    // Where the extension sits: the definition path of the element that holds it, and its type.
    const holderPath = (holder?.path ?? el.path.replace(/\.(extension|modifierExtension)$/, '')).replace(/\[x\]$/, '');
    const holderType = holder?.type ?? holderTypeOf(el, this.registry);
    const atRoot = !holderPath.includes('.');
    const names = new Set<string>(['Element', 'Base']);
    if (holderType) names.add(holderType);
    if (atRoot) {
      names.add('Resource');
      names.add('DomainResource');
      names.add(String(rc.resource.resourceType));
    } else names.add('BackboneElement');
    if (ANY_EXTENSION_HOLDERS.has(holderPath)) return true;
    for (const c of ctx) {
      if (c.type === 'fhirpath' || c.type === 'extension') {
        const r = otherContextMatches(c, holder, rc);
        if (r === undefined)
          this.issue(
            'information',
            'not-supported',
            path,
            notChecked(msg.extensionContextUndecided({ url: def.url, context: `${c.type}:${c.expression}` })),
          );
        if (r !== false) return true;
        continue;
      }
      const e = c.expression.replace(/\[x\]/g, '');
      if (names.has(e) || e === '*' || e === holderPath) return true;
      const first = e.split('.')[0] as string;
      // A type this release does not define (a later version's context, e.g. CanonicalResource): not decided here.
      if (!compiledType(first, this.registry)) return true;
      if (e.includes('.')) {
        const rest = e.slice(first.length);
        if (holderPath.endsWith(rest) || holderPath === first + rest) return true;
      }
    }
    const message = msg.extensionContext({
      url: def.url,
      type: holderType ?? '?',
      path: holderPath,
      allowed: ctx.map((c) => `${CONTEXT_PREFIX[c.type] ?? c.type}:${c.expression}`).join(', '),
    });
    this.issue('error', 'structure', path, message);
    return false;
  }

  // ---------------------------------------------------------------- references

  resolveReference(ref: string, rc: ResourceCtx): { resource: Json; count: number } | undefined {
    if (ref.startsWith('#')) {
      const id = ref.slice(1);
      if (!id) return { resource: rc.root, count: 1 };
      const contained = Array.isArray(rc.root.contained) ? rc.root.contained : [];
      const found = contained.filter((c) => isObject(c) && c.id === id) as Json[];
      return found[0] ? { resource: found[0], count: found.length } : undefined;
    }
    return rc.bundle?.resolve(ref, rc.fullUrl);
  }

  private checkReference(_el: CElement, ctype: CType | undefined, value: Json, path: string, rc: ResourceCtx): void {
    const targets = this.targetTypes(ctype);
    // Reference.type must be a type of the target profiles: Java reports each one it cannot resolve on the way.
    if (typeof value.type === 'string' && targets && !targets.types.has('Resource') && !targets.types.has(value.type)) {
      for (const u of targets.unresolved)
        this.issue('error', 'not-found', path, msg.targetProfileUnresolved({ url: u }));
      const list = `[${ctype!.targetProfiles.join(', ')}]`;
      this.issue('error', 'structure', path, rm.refWrongTarget({ type: value.type, targets: list }));
    }
    const ref = value.reference;
    if (typeof ref !== 'string') return;
    let foundType: string | undefined;
    let resolved: { resource: Json; count: number } | undefined;
    if (ref.startsWith('#')) {
      resolved = this.resolveReference(ref, rc);
      if (!resolved) {
        this.issue('error', 'not-found', path, msg.refUnresolved({ ref }));
        return;
      }
    } else {
      resolved = this.resolveReference(ref, rc);
      if (resolved && resolved.count > 1 && rc.bundle) {
        this.issue('error', 'structure', path, msg.refManyMatches({ count: resolved.count, ref }));
      }
      if (!resolved) {
        if (this.opts.referencesMustResolve && !ref.includes('?'))
          this.issue('error', 'structure', path, msg.refUnresolved({ ref }));
        else if (/^urn:(uuid|oid):/.test(ref)) {
          if (rc.bundle) this.issue('warning', 'not-found', path, msg.refUnresolvedInBundle({ ref }));
        } else if (!REF_RE.test(ref) && !/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
          this.issue('warning', 'structure', path, msg.refSyntax({ ref }));
        }
        const m = ABS_REF_RE.exec(ref);
        if (m?.[2]) {
          const t = m[2];
          if (compiledType(t, this.registry)?.kind === 'resource') foundType = t;
          else if (!m[1]) this.issue('error', 'structure', path, msg.refUnknownType({ ref, type: t }));
        }
      }
    }
    if (resolved) foundType = String(resolved.resource.resourceType);
    if (typeof value.type === 'string' && foundType && value.type !== foundType) {
      this.issue('error', 'structure', path, msg.refTypeMismatch({ type: value.type, found: foundType }));
    }
    if (!foundType || !targets) return;
    // A resolved target is checked against every target profile: Java reports each one it cannot find.
    if (resolved)
      for (const u of targets.unresolved)
        this.issue('error', 'not-found', path, msg.targetProfileUnresolved({ url: u }));
    if (targets.types.size && !targets.types.has(foundType) && !targets.types.has('Resource')) {
      if (resolved) {
        this.issue(
          'error',
          'structure',
          path,
          msg.refTargetType({ found: foundType, types: [...targets.types].join(', ') }),
        );
      } else {
        this.issue(
          'error',
          'structure',
          path,
          msg.refUrlTargetType({ found: foundType, ref, types: [...targets.types].join(', ') }),
        );
      }
    } else if (!targets.types.size && targets.unresolved.length && resolved) {
      this.issue('error', 'structure', path, msg.refTargetType({ found: foundType, types: '' }));
    } else if (resolved && targets.profiles.length) {
      // Resolved locally: it must conform to one of the target profiles of its type.
      const mine = targets.profiles.filter((p) => p.type === foundType || RESOURCE_TYPES_ABSTRACT.has(p.type));
      if (mine.length && !mine.some((p) => this.conformsToProfile(resolved!.resource, p.url, rc) === true)) {
        this.issue(
          'error',
          'structure',
          path,
          msg.refTargetProfile({
            ref,
            profiles: { en: mine.map((p) => p.url).join(' or '), fr: mine.map((p) => p.url).join(' ou ') },
          }),
        );
      }
    }
  }

  /** What a Reference's target profiles allow, decided once per compiled type (was per reference value). */
  private targetTypes(ctype: CType | undefined): Targets | undefined {
    if (!ctype?.targetProfiles.length) return undefined;
    let t = TARGETS.get(ctype);
    if (!t) TARGETS.set(ctype, (t = this.targetsOf(ctype)));
    return t;
  }

  private targetsOf(ctype: CType): Targets {
    const types = new Set<string>();
    const unresolved: string[] = [];
    const profiles: CompiledStructure[] = [];
    for (const tp of ctype.targetProfiles) {
      const core = /^http:\/\/hl7\.org\/fhir\/StructureDefinition\/([A-Za-z]+)$/.exec(tp);
      if (core && compiledType(core[1]!, this.registry)) {
        types.add(core[1]!);
        continue;
      }
      const p = compiledProfile(tp, this.registry);
      if (p) {
        types.add(p.type);
        if (p.isProfile) profiles.push(p);
      } else unresolved.push(tp);
    }
    return { types, unresolved, profiles };
  }

  // ---------------------------------------------------------------- data types

  private checkAttachment(value: Json, path: string): void {
    const hash = attachmentHashProblem(value, path);
    if (hash) this.sink.add(hash);
    if (typeof value.data === 'string' && typeof value.size === 'number') {
      const actual = base64Length(value.data);
      if (actual !== value.size && base64CharsOnly(value.data)) {
        this.issue('error', 'value', path, msg.attachmentSize({ stated: value.size, actual }));
      }
    }
  }

  /** A profile being validated: its snapshot must be generable from its differential. */
  private checkStructureDefinition(sd: Json, path: string): void {
    if (sd.derivation !== 'constraint' || !isObject(sd.differential) || typeof sd.baseDefinition !== 'string') return;
    if (!this.registry.structureDefinition(sd.baseDefinition)) return;
    for (const p of snapshotProblems(sd as unknown as StructureDefinition, this.registry))
      this.issue('error', 'structure', path, msg.snapshotError({ problem: p }));
  }

  // ---------------------------------------------------------------- bundles

  /** Message rules (message-bundle.ts); the Québec ones when the erx message profile is claimed or given. */
  private checkMessage(bundle: Json, path: string, rc: ResourceCtx, wanted: Set<string>): void {
    const quebec = [...wanted].some((u) => u.split('|')[0] === ERX_MESSAGE_PROFILE);
    const problems = messageBundleProblems(path, {
      registry: this.registry,
      bundle: rc.bundle ?? new BundleIndex(bundle),
      quebec,
      applyProfile: (resource, at, fullUrl, url) => {
        const prof = compiledProfile(url, this.registry);
        if (!prof) return this.issue('error', 'not-found', at, msg.explicitProfileMissing({ url }));
        const entry: ResourceCtx = {
          resource,
          root: resource,
          path: at,
          contained: false,
          ...(fullUrl ? { fullUrl } : {}),
        };
        this.validateAgainstProfile(prof, resource, at, rc.bundle ? { ...entry, bundle: rc.bundle } : entry);
      },
    });
    for (const p of problems) this.issue(p.severity, p.code, p.expression, p.text, 'message');
  }

  private checkBundle(bundle: Json, path: string): void {
    const isResourceType = (t: string) => this.isResourceType(t);
    for (const i of entryFullUrlProblems(bundle, path, isResourceType)) this.sink.add(i);
    for (const i of bundleLinkProblems(bundle, path)) this.sink.add(i);
    if (bundle.type === 'searchset') for (const i of searchSetProblems(bundle, path, isResourceType)) this.sink.add(i);
  }
}

/** `[0]`..`[63]` made once: an item path is then one concatenation rather than three. */
const INDEX_SEGS = Array.from({ length: 64 }, (_, i) => `[${i}]`);
function indexSeg(i: number): string {
  return i < 64 ? INDEX_SEGS[i]! : `[${i}]`;
}

function isSubsetted(resource: Json): boolean {
  const tags = isObject(resource.meta) && Array.isArray(resource.meta.tag) ? resource.meta.tag : [];
  return tags.some(
    (t) =>
      isObject(t) && t.code === 'SUBSETTED' && t.system === 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  );
}

function holderTypeOf(el: CElement, registry: DefinitionRegistry): string | undefined {
  // el is the `extension` element; its holder is its parent in the same definition.
  const holderId = el.id.slice(0, el.id.lastIndexOf('.'));
  const holder = el.sd.byId.get(holderId);
  if (holder) {
    if (!holder.path.includes('.')) return holder.sd.type;
    return holder.types.length === 1 ? holder.types[0]!.code : undefined;
  }
  void registry;
  return el.sd.type;
}

function splitPath(p: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of p) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function lowerTypeName(t: string): string {
  // valueString → string, valueQuantity → Quantity, valueDateTime → dateTime.
  const primitive = [
    'Boolean',
    'Integer',
    'String',
    'Decimal',
    'Uri',
    'Url',
    'Canonical',
    'Base64Binary',
    'Instant',
    'Date',
    'DateTime',
    'Time',
    'Code',
    'Oid',
    'Id',
    'Markdown',
    'UnsignedInt',
    'PositiveInt',
    'Uuid',
  ];
  return primitive.includes(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;
}

function codingOf(c: unknown): CodingInput | undefined {
  if (!isObject(c)) return undefined;
  const out: CodingInput = {};
  if (typeof c.system === 'string') out.system = c.system;
  if (typeof c.version === 'string') out.version = c.version;
  if (typeof c.code === 'string') out.code = c.code;
  if (typeof c.display === 'string') out.display = c.display;
  return out.code !== undefined ? out : undefined;
}

function codingsOf(v: unknown, type: string | undefined): CodingInput[] {
  if (typeof v === 'string') return [{ code: v }];
  if (!isObject(v)) return [];
  if (type === 'CodeableConcept' || Array.isArray(v.coding)) {
    const out: CodingInput[] = [];
    if (Array.isArray(v.coding))
      for (const c of v.coding) {
        const x = codingOf(c);
        if (x) out.push(x);
      }
    return out;
  }
  if (type === 'Quantity' || 'value' in v) {
    if (typeof v.code !== 'string') return [];
    const q: CodingInput = { code: v.code };
    if (typeof v.system === 'string') q.system = v.system;
    return [q];
  }
  const c = codingOf(v);
  return c ? [c] : [];
}

export { upperFirst };
