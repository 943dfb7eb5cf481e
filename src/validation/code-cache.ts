/**
 * The terminology's answers per value set and coding, for the validator's
 * lifetime. Nested Maps (value set, then system, then code; version and
 * display compared in a short list) instead of one string key joining all
 * six parts: that key was built and hashed again on every coded value.
 */
import type { CodeCheck, CodingInput } from '../terminology/port.js';

interface Entry {
  version: string;
  display: string;
  check: CodeCheck;
}

type ByCode = Map<string, Entry[]>;

/** Beyond this many answers the cache starts over (a bound on memory, not an eviction policy). */
const MAX_ENTRIES = 50_000;

export class CodeCache {
  /** By value set url ('' for a code system check), then system, then code. */
  private readonly inValueSet = new Map<string, Map<string, ByCode>>();
  private readonly inSystem = new Map<string, ByCode>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  private byCode(kind: 'vs' | 'cs', vs: string, system: string, create: boolean): ByCode | undefined {
    let bySystem = kind === 'cs' ? this.inSystem : this.inValueSet.get(vs);
    if (!bySystem) {
      if (!create) return undefined;
      bySystem = new Map();
      this.inValueSet.set(vs, bySystem);
    }
    let byCode = bySystem.get(system);
    if (!byCode && create) bySystem.set(system, (byCode = new Map()));
    return byCode;
  }

  get(kind: 'vs' | 'cs', vs: string, c: CodingInput): CodeCheck | undefined {
    const entries = this.byCode(kind, vs, c.system ?? '', false)?.get(c.code ?? '');
    if (!entries) return undefined;
    const version = c.version ?? '';
    const display = c.display ?? '';
    for (const e of entries) if (e.version === version && e.display === display) return e.check;
    return undefined;
  }

  set(kind: 'vs' | 'cs', vs: string, c: CodingInput, check: CodeCheck): void {
    if (this.count >= MAX_ENTRIES) this.clear();
    const byCode = this.byCode(kind, vs, c.system ?? '', true) as ByCode;
    const code = c.code ?? '';
    const entry: Entry = { version: c.version ?? '', display: c.display ?? '', check };
    const entries = byCode.get(code);
    if (entries) entries.push(entry);
    else byCode.set(code, [entry]);
    this.count++;
  }

  clear(): void {
    this.inValueSet.clear();
    this.inSystem.clear();
    this.count = 0;
  }
}
