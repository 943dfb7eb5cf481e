/**
 * Is a code in a questionnaire's value set (answerValueSet, unitValueSet)?
 *
 * Value sets are looked up where the Java validator looks: `#id` in the
 * Questionnaire's contained resources (and the QuestionnaireResponse's, when
 * the Questionnaire is itself contained), otherwise by canonical URL. Value
 * sets the registry holds go to the TerminologyPort when there is one;
 * contained value sets (which the port cannot address) and, without a port,
 * simple enumerated value sets are checked here. Anything undecidable is
 * "not-checked", never a pass.
 */

import type { CodingInput, TerminologyPort } from '../../terminology/port.js';
import type { LocalizedText } from '../../util/i18n.js';
import type { DefinitionRegistry } from '../registry.js';
import { isObject, type Json, objects, str } from './json.js';
import { qm } from './messages.js';

export type Membership =
  | { status: 'valid' }
  | { status: 'invalid'; text?: LocalizedText }
  | { status: 'not-checked'; text: LocalizedText }
  | { status: 'value-set-not-found' };

export interface TerminologyScope {
  registry: DefinitionRegistry;
  terminology?: TerminologyPort;
  resolve(canonical: string): Record<string, unknown> | undefined;
  /** The Questionnaire whose items name the value sets. */
  questionnaire: Json;
  /** The resource containing the Questionnaire, when it is contained (the QuestionnaireResponse). */
  container?: Json;
}

export function checkInValueSet(ref: string, coding: CodingInput, scope: TerminologyScope): Membership {
  if (ref.startsWith('#')) {
    const vs = findContained(ref.slice(1), scope);
    return vs ? localMembership(vs, coding, scope) : { status: 'value-set-not-found' };
  }
  const inRegistry = scope.registry.valueSet(ref);
  if (inRegistry && scope.terminology) {
    const r = scope.terminology.validateCode(ref, coding);
    if (r.status === 'valid') return { status: 'valid' };
    if (r.status === 'invalid') return { status: 'invalid', text: r.text };
    return { status: 'not-checked', text: r.text };
  }
  const vs = (inRegistry as Json | undefined) ?? asValueSet(scope.resolve(ref)) ?? containedByUrl(ref, scope);
  return vs ? localMembership(vs, coding, scope) : { status: 'value-set-not-found' };
}

function asValueSet(r: Record<string, unknown> | undefined): Json | undefined {
  return r && r.resourceType === 'ValueSet' ? r : undefined;
}

function findContained(id: string, scope: TerminologyScope): Json | undefined {
  for (const holder of [scope.questionnaire, scope.container]) {
    const found = objects(holder?.contained).find((r) => r.id === id && r.resourceType === 'ValueSet');
    if (found) return found;
  }
  return undefined;
}

function containedByUrl(url: string, scope: TerminologyScope): Json | undefined {
  const bare = url.split('|')[0];
  for (const holder of [scope.questionnaire, scope.container]) {
    const found = objects(holder?.contained).find((r) => r.resourceType === 'ValueSet' && r.url === bare);
    if (found) return found;
  }
  return undefined;
}

type IncludeResult = 'match' | 'no-match' | 'unknown';

/**
 * Membership in a value set we hold: its expansion if it has one, otherwise its
 * compose when every include is a concept list or a whole code system we hold
 * completely. Filters and value-set imports are left to the terminology service.
 */
function localMembership(vs: Json, coding: CodingInput, scope: TerminologyScope): Membership {
  const code = coding.code;
  if (!code) return { status: 'not-checked', text: qm.noCodeToCheck() };
  const expansion = isObject(vs.expansion) ? vs.expansion : undefined;
  if (expansion && Array.isArray(expansion.contains)) {
    const found = flattenContains(objects(expansion.contains)).some(
      (c) => c.code === code && (!coding.system || c.system === coding.system),
    );
    return found ? { status: 'valid' } : { status: 'invalid' };
  }
  const compose = isObject(vs.compose) ? vs.compose : undefined;
  if (!compose) return { status: 'not-checked', text: qm.noExpansionNorCompose({ url: str(vs.url) ?? '' }) };
  const results = objects(compose.include).map((inc) => includeMatches(inc, coding, scope));
  const excluded = objects(compose.exclude).some((exc) => includeMatches(exc, coding, scope) === 'match');
  if (results.includes('match')) return excluded ? { status: 'invalid' } : { status: 'valid' };
  if (results.includes('unknown'))
    return { status: 'not-checked', text: qm.notExpandableLocally({ url: str(vs.url) ?? '' }) };
  return { status: 'invalid' };
}

function includeMatches(inc: Json, coding: CodingInput, scope: TerminologyScope): IncludeResult {
  const system = str(inc.system);
  if (coding.system && system && coding.system !== system) return 'no-match';
  if (Array.isArray(inc.valueSet) && inc.valueSet.length > 0) return 'unknown';
  if (!system) return 'unknown';
  if (Array.isArray(inc.filter) && inc.filter.length > 0) return 'unknown';
  const concepts = objects(inc.concept);
  if (concepts.length > 0) return concepts.some((c) => c.code === coding.code) ? 'match' : 'no-match';
  const cs =
    (scope.registry.codeSystem(system) as Json | undefined) ??
    objects(scope.questionnaire.contained).find((r) => r.resourceType === 'CodeSystem' && r.url === system);
  if (!cs || (cs.content !== undefined && cs.content !== 'complete')) return 'unknown';
  return flattenConcepts(objects(cs.concept)).some((c) => c.code === coding.code) ? 'match' : 'no-match';
}

function flattenContains(list: Json[]): Json[] {
  return list.flatMap((c) => [c, ...flattenContains(objects(c.contains))]);
}

function flattenConcepts(list: Json[]): Json[] {
  return list.flatMap((c) => [c, ...flattenConcepts(objects(c.concept))]);
}
