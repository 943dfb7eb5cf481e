/**
 * The evaluated content of a value set, per code system: the codes it lists,
 * whole systems (minus exclusions), rule-based parts (UCUM filters...), and
 * what we could not evaluate (systems we do not hold, unsupported filters,
 * unknown imported value sets). A lookup answers in / out / unknown with two
 * map lookups; unknown becomes "not checked", never a pass.
 */
import type { LocalizedText } from '../util/i18n.js';
import type { CodeSystemIndex, Member } from './code-system.js';
import { addReason, tm } from './messages.js';
import type { SystemProvider } from './provider.js';

/** Reasons are built once, when the value set is compiled (never per code looked up). */
export type Lookup = { kind: 'in'; member: Member } | { kind: 'out' } | { kind: 'unknown'; reason: LocalizedText };

const OUT: Lookup = Object.freeze({ kind: 'out' });

/** What a value set holds of one code system. */
export class SystemPart {
  /** Listed members (a value set's concepts, filter results), keyed by code (lower-cased if the system is case-insensitive). */
  readonly codes = new Map<string, Member>();
  /** The whole system is included (every concept of `cs`, or every code `provider` accepts), minus `excluded`. */
  all = false;
  readonly excluded = new Set<string>();
  /** Rule-based members (e.g. UCUM units commensurable with `a`). */
  readonly rules: ((code: string) => boolean)[] = [];
  /** Why more codes of this system may be members than we can tell. */
  unchecked: LocalizedText | undefined;
  /** Why a member we found may have been excluded by a part we cannot evaluate. */
  uncheckedExclude: LocalizedText | undefined;
  private unknownResult: Lookup | undefined;
  private excludeUnknownResult: Lookup | undefined;

  constructor(
    readonly system: string,
    readonly cs: CodeSystemIndex | undefined,
    readonly provider: SystemProvider | undefined,
  ) {}

  get caseSensitive(): boolean {
    return this.provider ? this.provider.caseSensitive : this.cs ? this.cs.caseSensitive : true;
  }

  key(code: string): string {
    return this.caseSensitive ? code : code.toLowerCase();
  }

  /** Whether every member can be listed (no rule-based or provider-wide part). */
  get finite(): boolean {
    return this.rules.length === 0 && !(this.all && this.provider);
  }

  addUnchecked(reason: LocalizedText): void {
    this.unchecked = addReason(this.unchecked, reason);
    this.unknownResult = undefined;
  }

  addUncheckedExclude(reason: LocalizedText): void {
    this.uncheckedExclude = addReason(this.uncheckedExclude, reason);
    this.excludeUnknownResult = undefined;
  }

  /** The member for a code, or undefined; ignores the unchecked parts. */
  find(code: string): Member | undefined {
    const k = this.caseSensitive ? code : code.toLowerCase();
    const listed = this.codes.get(k);
    if (listed) return listed;
    if (this.all && !this.excluded.has(k)) {
      if (this.cs) {
        const c = this.cs.get(code);
        if (c) return c;
      } else if (this.provider?.check(code).valid) {
        return { code };
      }
    }
    if (this.rules.length) {
      for (const rule of this.rules) if (rule(code)) return { code };
    }
    return undefined;
  }

  lookup(code: string, anyUnchecked?: LocalizedText): Lookup {
    const member = this.find(code);
    if (member) {
      if (this.uncheckedExclude === undefined) return { kind: 'in', member };
      return (this.excludeUnknownResult ??= { kind: 'unknown', reason: this.uncheckedExclude });
    }
    if (this.unchecked !== undefined) return (this.unknownResult ??= { kind: 'unknown', reason: this.unchecked });
    if (anyUnchecked !== undefined) return { kind: 'unknown', reason: anyUnchecked };
    return OUT;
  }

  /** Every member we can list (listed codes, then the whole code system minus exclusions). */
  *members(): IterableIterator<Member> {
    const seen = new Set<string>();
    for (const [k, m] of this.codes) {
      seen.add(k);
      yield m;
    }
    if (this.all && this.cs) {
      for (const c of this.cs.all()) {
        const k = this.key(c.code);
        if (!seen.has(k) && !this.excluded.has(k)) yield c;
      }
    }
  }

  clone(): SystemPart {
    const copy = new SystemPart(this.system, this.cs, this.provider);
    for (const [k, m] of this.codes) copy.codes.set(k, m);
    copy.all = this.all;
    for (const k of this.excluded) copy.excluded.add(k);
    copy.rules.push(...this.rules);
    copy.unchecked = this.unchecked;
    copy.uncheckedExclude = this.uncheckedExclude;
    return copy;
  }

  /** Adds another part of the same system (set union). */
  unionWith(other: SystemPart): void {
    for (const [k, m] of other.codes) if (!this.codes.has(k)) this.codes.set(k, m);
    if (other.all) {
      if (this.all) {
        // (all − A) ∪ (all − B) = all − (A ∩ B)
        for (const k of [...this.excluded]) if (!other.excluded.has(k)) this.excluded.delete(k);
      } else {
        // Our listed codes stay; the other's exclusions become ours, minus what we list.
        this.all = true;
        for (const k of other.excluded) if (!this.codes.has(k)) this.excluded.add(k);
      }
    }
    // (A part that is not the whole system adds listed codes and rules, which `find` checks before exclusions matter.)
    this.rules.push(...other.rules);
    if (other.unchecked !== undefined) this.addUnchecked(other.unchecked);
    if (other.uncheckedExclude !== undefined) this.addUncheckedExclude(other.uncheckedExclude);
  }

  /** Removes another part's members (compose.exclude). */
  subtract(other: SystemPart): void {
    if (other.unchecked !== undefined) this.addUncheckedExclude(other.unchecked);
    if (other.uncheckedExclude !== undefined)
      this.addUncheckedExclude(tm.excludedUnchecked({ reason: other.uncheckedExclude }));
    if (other.finite && !(other.all && other.cs)) {
      // Only listed codes to remove.
      for (const k of other.codes.keys()) {
        this.codes.delete(k);
        if (this.all) this.excluded.add(k);
      }
      return;
    }
    // Remove by membership: materialise what we can list, and wrap the rest in a rule.
    const removed = (code: string) => other.find(code) !== undefined;
    for (const [k, m] of [...this.codes]) if (removed(m.code)) this.codes.delete(k);
    if (this.rules.length) {
      const rules = this.rules.splice(0);
      this.rules.push((code) => rules.some((r) => r(code)) && !removed(code));
    }
    if (this.all && this.cs) {
      for (const c of this.cs.all()) {
        const k = this.key(c.code);
        if (!this.excluded.has(k) && !this.codes.has(k) && !removed(c.code)) this.codes.set(k, c);
      }
    } else if (this.all && this.provider) {
      const provider = this.provider;
      const excluded = new Set(this.excluded);
      this.rules.push((code) => !excluded.has(this.key(code)) && provider.check(code).valid && !removed(code));
    }
    this.all = false;
    this.excluded.clear();
  }

  /** Keeps only the members of another part (an include combining a system and value sets, or several value sets). */
  intersect(other: SystemPart | undefined, otherAnyUnchecked: LocalizedText | undefined): SystemPart {
    const out = new SystemPart(this.system, this.cs, this.provider);
    const test = (code: string): Lookup =>
      other
        ? other.lookup(code, otherAnyUnchecked)
        : otherAnyUnchecked
          ? { kind: 'unknown', reason: otherAnyUnchecked }
          : OUT;
    const consider = (m: Member, mine: boolean) => {
      const k = out.key(m.code);
      if (out.codes.has(k)) return;
      const theirs = mine ? test(m.code) : this.lookup(m.code);
      if (theirs.kind === 'in') out.codes.set(k, richer(m, theirs.member));
      else if (theirs.kind === 'unknown') out.addUnchecked(theirs.reason);
    };
    if (this.finite) for (const m of this.members()) consider(m, true);
    if (other?.finite) for (const m of other.members()) consider(m, false);
    if (!this.finite && !other?.finite) {
      if (other) out.rules.push((code) => this.find(code) !== undefined && other.find(code) !== undefined);
      else if (otherAnyUnchecked) out.addUnchecked(otherAnyUnchecked);
    }
    if (this.unchecked !== undefined) out.addUnchecked(this.unchecked);
    if (other?.unchecked !== undefined) out.addUnchecked(other.unchecked);
    if (this.uncheckedExclude !== undefined) out.addUncheckedExclude(this.uncheckedExclude);
    if (other?.uncheckedExclude !== undefined) out.addUncheckedExclude(other.uncheckedExclude);
    return out;
  }
}

/** Of two members for the same code, the one that carries a display or a concept. */
function richer(a: Member, b: Member): Member {
  const score = (m: Member) =>
    (m.display !== undefined || m.designations !== undefined ? 2 : 0) +
    (m.concept !== undefined || 'parents' in m ? 1 : 0);
  return score(b) > score(a) ? b : a;
}

/** A value set's (or one include's) content: parts per system, and whether unknown systems may hold members. */
export class Contents {
  readonly systems = new Map<string, SystemPart>();
  /** Members may exist in systems we cannot name (an imported value set we do not know). */
  anyUnchecked: LocalizedText | undefined;
  /** Some exclusion could not be evaluated for systems we cannot name. */
  anyUncheckedExclude: LocalizedText | undefined;
  private codeIndex: Map<string, SystemPart[]> | undefined;

  part(system: string, make: () => SystemPart): SystemPart {
    let p = this.systems.get(system);
    if (!p) {
      p = make();
      this.systems.set(system, p);
    }
    return p;
  }

  addAnyUnchecked(reason: LocalizedText): void {
    this.anyUnchecked = addReason(this.anyUnchecked, reason);
  }

  lookup(system: string, code: string): Lookup {
    const part = this.systems.get(system);
    if (part) {
      const r = part.lookup(code, this.anyUnchecked);
      if (r.kind === 'in' && this.anyUncheckedExclude !== undefined)
        return { kind: 'unknown', reason: this.anyUncheckedExclude };
      return r;
    }
    if (this.anyUnchecked !== undefined) return { kind: 'unknown', reason: this.anyUnchecked };
    return OUT;
  }

  /** A bare code (a `code` element, no system): in when some system of the value set has it. */
  lookupBare(code: string): Lookup {
    let unknown: Lookup | undefined;
    for (const part of this.systems.values()) {
      const r = part.lookup(code);
      if (r.kind === 'in')
        return this.anyUncheckedExclude !== undefined ? { kind: 'unknown', reason: this.anyUncheckedExclude } : r;
      if (r.kind === 'unknown') unknown ??= r;
    }
    if (unknown) return unknown;
    if (this.anyUnchecked !== undefined) return { kind: 'unknown', reason: this.anyUnchecked };
    return OUT;
  }

  /** Systems whose part lists `code` (for bare-code lookups that need the system). */
  systemsWithCode(code: string): SystemPart[] {
    if (!this.codeIndex) {
      this.codeIndex = new Map();
      for (const part of this.systems.values()) {
        if (!part.finite) continue;
        for (const m of part.members()) {
          const list = this.codeIndex.get(m.code) ?? [];
          list.push(part);
          this.codeIndex.set(m.code, list);
        }
      }
    }
    return this.codeIndex.get(code) ?? [];
  }

  unionWith(other: Contents): void {
    for (const [system, part] of other.systems) {
      const mine = this.systems.get(system);
      if (mine) mine.unionWith(part);
      else this.systems.set(system, part.clone());
    }
    if (other.anyUnchecked !== undefined) this.addAnyUnchecked(other.anyUnchecked);
    if (other.anyUncheckedExclude !== undefined) this.anyUncheckedExclude ??= other.anyUncheckedExclude;
  }

  subtract(other: Contents): void {
    for (const [system, part] of other.systems) this.systems.get(system)?.subtract(part);
    if (other.anyUnchecked !== undefined) this.anyUncheckedExclude ??= other.anyUnchecked;
  }

  intersect(other: Contents): Contents {
    const out = new Contents();
    for (const [system, part] of this.systems) {
      const theirs = other.systems.get(system);
      if (!theirs && other.anyUnchecked === undefined) continue;
      out.systems.set(system, part.intersect(theirs, other.anyUnchecked));
    }
    if (this.anyUnchecked !== undefined) {
      for (const [system, part] of other.systems) {
        if (!out.systems.has(system)) out.systems.set(system, part.intersect(undefined, this.anyUnchecked));
      }
      if (other.anyUnchecked !== undefined) out.addAnyUnchecked(this.anyUnchecked);
    }
    out.anyUncheckedExclude = this.anyUncheckedExclude ?? other.anyUncheckedExclude;
    return out;
  }
}
