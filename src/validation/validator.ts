/**
 * The in-process FHIR R4 validator: structure against the base R4
 * definitions, profiles (meta.profile claims and extra ones), bindings
 * through a TerminologyPort, and FHIRPath invariants. Definitions are
 * compiled once per registry (see compile.ts); a Validator is reusable and
 * cheap per resource.
 */

import type { TerminologyPort } from '../terminology/port.js';
import { CodeCache } from './code-cache.js';
import { IssueSink, type ValidationIssue } from './issues.js';
import { m } from './messages.js';
import { coreRegistry, type DefinitionRegistry } from './registry.js';
import { type JavaDefaultOptions, javaDefaultOptions } from './rules/java-defaults.js';
import { type Json, type SideProfiles, Walker } from './walker.js';

export { SKIPPED_INVARIANTS } from './invariants.js';

export interface ValidatorOptions extends JavaDefaultOptions {
  registry?: DefinitionRegistry; // default coreRegistry()
  terminology?: TerminologyPort; // when absent: bindings reported as not checked (information)
  /** Québec rules on top of R4: identifier rules (NAM, DIN, licence numbers) and lab units convertible to the expected unit; default true. */
  quebecRules?: boolean;
  /** Validate the profiles each resource claims in meta.profile; default true. */
  profileClaims?: boolean;
  /** Extra profiles (canonical URLs) every resource must conform to, besides its meta.profile claims (validated automatically when resolvable; unresolvable claims → warning "not checked"). */
  profiles?: string[];
  /** Hook for QuestionnaireResponse validation against its Questionnaire (colleague's module). */
  questionnaire?: (
    qr: Record<string, unknown>,
    expression: string,
    ctx: {
      registry: DefinitionRegistry;
      sink: IssueSink;
      terminology?: TerminologyPort;
      resolve(canonical: string): Record<string, unknown> | undefined;
    },
  ) => void;
}

const SEVERITY_ORDER = { fatal: 0, error: 1, warning: 2, information: 3 } as const;

export class Validator {
  private readonly registry: DefinitionRegistry;
  private readonly codeCache = new CodeCache();

  constructor(private readonly options: ValidatorOptions = {}) {
    this.registry = options.registry ?? coreRegistry();
    // ImplementationGuide.global: every resource of a type must conform to a profile.
    for (const r of this.registry.own()) {
      if (r.resourceType !== 'ImplementationGuide') continue;
      for (const g of (r as { global?: { type?: string; profile?: string }[] }).global ?? []) {
        if (g.type && g.profile) (this.globals[g.type] ??= []).push(g.profile);
      }
    }
  }

  private readonly globals: Record<string, string[]> = {};

  /** Validates one parsed JSON value claimed to be a FHIR R4 resource, in one go (see validateAsync to cancel or share the event loop). */
  validate(resource: unknown, options?: { profiles?: string[] }): ValidationIssue[] {
    const run = this.start(resource, options?.profiles);
    run.walk();
    return run.finish();
  }

  /**
   * The same validation, and in the same walk the resource's conformance to side profiles, their issues
   * kept apart: not the resource's issues (the bulk summary asks whether a valid resource also meets its
   * Québec profile). `side` has, for each profile, the issues that validating against it too would add;
   * it is empty when the resource has errors (an invalid resource conforms to no profile).
   */
  validateWithSide(
    resource: unknown,
    options: { profiles?: string[]; side: readonly string[] },
  ): { issues: ValidationIssue[]; side: Map<string, ValidationIssue[]> } {
    const run = this.start(resource, options.profiles, undefined, options.side);
    run.walk();
    return { issues: run.finish(), side: run.side() };
  }

  /**
   * The same validation, cancellable: a Bundle's entries are validated in
   * chunks, with a turn of the event loop between chunks, so timers and
   * aborts run; an aborted signal stops it with the signal's reason (an AbortError).
   */
  async validateAsync(
    resource: unknown,
    options: { profiles?: string[]; signal?: AbortSignal } = {},
  ): Promise<ValidationIssue[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    const queue: (() => void)[] = [];
    const run = this.start(resource, options.profiles, (work) => queue.push(work));
    run.walk();
    // The queue grows while it runs (a Bundle inside an entry defers its own entries).
    for (let i = 0; i < queue.length; i++) {
      if (i % ENTRIES_PER_CHUNK === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
      }
      run.guarded(queue[i]!);
    }
    return run.finish();
  }

  private start(
    resource: unknown,
    extra: string[] | undefined,
    defer?: (work: () => void) => void,
    sideUrls?: readonly string[],
  ): {
    walk(): void;
    guarded(work: () => void): void;
    finish(): ValidationIssue[];
    side(): Map<string, ValidationIssue[]>;
  } {
    const sink = new IssueSink();
    const profiles = [...(this.options.profiles ?? []), ...(extra ?? [])];
    const root = resource && typeof resource === 'object' && !Array.isArray(resource) ? (resource as Json) : undefined;
    const rootPath = root && typeof root.resourceType === 'string' ? root.resourceType : '';
    const hook = this.options.questionnaire;
    const registry = this.registry;
    const terminology = this.options.terminology;
    // Where a QuestionnaireResponse's issues go: a side profile's sink while it is checked.
    let current = sink;
    const walker = new Walker({
      registry,
      sink,
      codeCache: this.codeCache,
      globals: this.globals,
      quebecRules: this.options.quebecRules ?? true,
      profileClaims: this.options.profileClaims ?? true,
      ...javaDefaultOptions(this.options),
      ...(terminology ? { terminology } : {}),
      ...(defer ? { defer } : {}),
      ...(hook
        ? {
            questionnaire: (qr: Json, expression: string) =>
              hook(qr, expression, {
                registry,
                sink: current,
                ...(terminology ? { terminology } : {}),
                resolve: (canonical: string) => {
                  const local = findContained(qr, canonical);
                  return local ?? (registry.resolve(canonical) as Record<string, unknown> | undefined);
                },
              }),
          }
        : {}),
    });
    const guardedIn =
      (into: IssueSink) =>
      (work: () => void): void => {
        try {
          work();
        } catch (e) {
          into.report(
            'fatal',
            'processing',
            rootPath,
            m.validatorFailure({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
          );
        }
      };
    const guarded = guardedIn(sink);
    const sideSinks = new Map<string, IssueSink>();
    const side: SideProfiles | undefined = sideUrls?.length
      ? {
          urls: sideUrls,
          pass: (url, run) => {
            const into = new IssueSink();
            sideSinks.set(url, into);
            current = into;
            guardedIn(into)(() => run(into));
            current = sink;
          },
        }
      : undefined;
    return {
      walk: () => guarded(() => walker.validateResource(resource, rootPath, undefined, { profiles, side })),
      guarded,
      finish: () => sortIssues(dedupe(sink.issues), resource),
      side: () => new Map([...sideSinks].map(([url, s]) => [url, sortIssues(dedupe(s.issues), resource)])),
    };
  }
}

/** Bundle entries validated between two turns of the event loop (a few milliseconds of work). */
const ENTRIES_PER_CHUNK = 50;

function findContained(r: Json, canonical: string): Record<string, unknown> | undefined {
  if (canonical.startsWith('#') && Array.isArray(r.contained)) {
    return r.contained.find((c) => c && typeof c === 'object' && (c as Json).id === canonical.slice(1)) as
      | Json
      | undefined;
  }
  return undefined;
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  if (issues.length < 2) return issues;
  // A few issues (the common case): compared pairwise, without building a key per issue.
  if (issues.length <= 16) {
    let out: ValidationIssue[] | undefined;
    for (let i = 0; i < issues.length; i++) {
      const a = issues[i]!;
      let dup = false;
      for (let j = 0; j < i && !dup; j++) {
        const b = issues[j]!;
        dup = a.message === b.message && a.expression === b.expression && a.severity === b.severity;
      }
      if (dup) out ??= issues.slice(0, i);
      else out?.push(a);
    }
    return out ?? issues;
  }
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const i of issues) {
    const k = `${i.severity}\u0000${i.expression}\u0000${i.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(i);
  }
  return out;
}

/**
 * Document order: each issue's expression is followed through the instance,
 * giving the position of each property among its object's keys (and array
 * indexes), so issues sort as their elements appear in the JSON; a parent
 * comes before its children; ties keep the order they were found in.
 */
function sortIssues(issues: ValidationIssue[], root: unknown): ValidationIssue[] {
  if (issues.length < 2) return issues;
  // Several issues often share an expression, and always the objects on their way: each walked once.
  const byExpression = new Map<string, number[]>();
  const keysOf = new Map<object, string[]>();
  const keyed = issues.map((issue, i) => {
    let key = byExpression.get(issue.expression);
    if (!key) byExpression.set(issue.expression, (key = documentKey(root, issue.expression, keysOf)));
    return { issue, i, key };
  });
  keyed.sort((a, b) => {
    const n = Math.min(a.key.length, b.key.length);
    for (let j = 0; j < n; j++) {
      const d = a.key[j]! - b.key[j]!;
      if (d !== 0) return d;
    }
    return (
      a.key.length - b.key.length || SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.i - b.i
    );
  });
  return keyed.map((k) => k.issue);
}

const SEGMENT = /([A-Za-z_][A-Za-z0-9_]*)(?:\.ofType\(([A-Za-z]+)\))?(?:\[(\d+)\])?/y;

function documentKey(root: unknown, expression: string, keysOf: Map<object, string[]>): number[] {
  const out: number[] = [];
  let cur: unknown = root;
  // Skip the resource type.
  let pos = expression.indexOf('.');
  if (pos < 0) return out;
  pos++;
  while (pos < expression.length) {
    SEGMENT.lastIndex = pos;
    const m = SEGMENT.exec(expression);
    if (!m) break;
    pos = SEGMENT.lastIndex + 1;
    const name = m[1] as string;
    const type = m[2];
    const key = type ? name + type.charAt(0).toUpperCase() + type.slice(1) : name;
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) {
      out.push(1e9);
      break;
    }
    let keys = keysOf.get(cur);
    if (!keys) keysOf.set(cur, (keys = Object.keys(cur)));
    let k = keys.indexOf(key);
    if (k < 0) k = keys.indexOf(`_${key}`);
    out.push(k < 0 ? 1e9 : k);
    cur = (cur as Json)[key] ?? (cur as Json)[`_${key}`];
    if (m[3] !== undefined) {
      const i = Number(m[3]);
      out.push(i);
      cur = Array.isArray(cur) ? cur[i] : undefined;
    }
  }
  return out;
}

let defaultValidator: Validator | undefined;

/** Convenience: validates with a cached default Validator (core registry, no terminology), or a new one when options are given. */
export function validateResource(
  resource: unknown,
  options?: ValidatorOptions & { profiles?: string[] },
): ValidationIssue[] {
  const { profiles, ...rest } = options ?? {};
  const hasOptions = Object.values(rest).some((v) => v !== undefined);
  if (!hasOptions) {
    defaultValidator ??= new Validator();
    return defaultValidator.validate(resource, profiles ? { profiles } : undefined);
  }
  return new Validator(rest).validate(resource, profiles ? { profiles } : undefined);
}
