/**
 * SMART scopes, v1 (`system/Observation.read`, `patient/*.write`) and v2
 * (`system/Observation.rs`, `patient/*.cruds`): does a set of granted scopes
 * permit one interaction on one type, and which requested scopes does a
 * registration cover.
 */
import type { Interaction } from '../../access/policy.js';

interface Scope {
  context: 'patient' | 'user' | 'system';
  type: string;
  /** v2 permission letters (v1 read → rs, write → cud, * → cruds). */
  permissions: Set<string>;
}

const SCOPE = /^(patient|user|system)\/([A-Z][A-Za-z]*|\*)\.(read|write|\*|c?r?u?d?s?)$/;

export function parseScope(text: string): Scope | undefined {
  const m = SCOPE.exec(text);
  if (!m || m[3] === '') return undefined;
  const [, context, type, perm] = m as unknown as [string, Scope['context'], string, string];
  const letters = perm === 'read' ? 'rs' : perm === 'write' ? 'cud' : perm === '*' ? 'cruds' : perm;
  return { context, type, permissions: new Set(letters.split('')) };
}

const LETTER: Record<Interaction, string> = { read: 'r', search: 's', create: 'c', update: 'u' };

export function scopesAllow(scopes: readonly string[], type: string, interaction: Interaction): boolean {
  return scopes.some((s) => {
    const scope = parseScope(s);
    return (
      scope !== undefined && (scope.type === '*' || scope.type === type) && scope.permissions.has(LETTER[interaction])
    );
  });
}

/** True when `registered` grants everything `requested` asks (same context, type covered, permissions a subset). */
function covers(registered: Scope, requested: Scope): boolean {
  return (
    registered.context === requested.context &&
    (registered.type === '*' || registered.type === requested.type) &&
    [...requested.permissions].every((p) => registered.permissions.has(p))
  );
}

/** requested ∩ registered: each requested scope kept when a registered one covers it; none requested → all registered. */
export function grantScopes(requested: string | undefined, registered: readonly string[]): string[] {
  const asked = (requested ?? '').split(/\s+/).filter((s) => s !== '');
  if (asked.length === 0) return [...registered];
  const regs = registered.map(parseScope).filter((s): s is Scope => s !== undefined);
  return asked.filter((s) => {
    const scope = parseScope(s);
    return scope !== undefined && regs.some((r) => covers(r, scope));
  });
}
