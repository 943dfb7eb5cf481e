/**
 * Resource-specific business rules, run after the structural walk of each
 * resource (top-level, contained, Bundle entry), as the HL7 Java validator runs
 * its instance/type/*Validator classes. One map lookup per resource: types
 * without rules cost nothing more.
 */
import type { ValidationIssue } from '../issues.js';
import type { DefinitionRegistry } from '../registry.js';
import { checkCapabilityStatement } from './capability-statement.js';
import { checkMeasure, checkMeasureReport } from './measure.js';
import { checkQuestionnaire } from './questionnaire.js';
import { checkSearchParameter } from './search-parameter.js';
import { checkStructureDefinition } from './structure-definition.js';
import type { Json } from './util.js';

export interface RuleCtx {
  registry: DefinitionRegistry;
  /** FHIRPath of the resource (`SearchParameter`, `Bundle.entry[2].resource`). */
  path: string;
  /** Whether the resource is contained in another. */
  contained: boolean;
}

export type ResourceRule = (resource: Json, ctx: RuleCtx) => ValidationIssue[];

export const RESOURCE_RULES: ReadonlyMap<string, ResourceRule> = new Map<string, ResourceRule>([
  ['CapabilityStatement', checkCapabilityStatement],
  ['Measure', checkMeasure],
  ['MeasureReport', checkMeasureReport],
  ['Questionnaire', checkQuestionnaire],
  ['SearchParameter', checkSearchParameter],
  ['StructureDefinition', checkStructureDefinition],
]);
