/**
 * Is a questionnaire item enabled, given the answers in a QuestionnaireResponse?
 *
 * Follows the HL7 Java validator's EnableWhenEvaluator: the answers to the
 * question an enableWhen names are looked for inside the nearest response item
 * that corresponds to the innermost group containing both the item and the
 * question (the whole response when that is the root); operators exists, =,
 * !=, >, <, >=, <=; enableBehavior any/all (one condition: any; several with no
 * behavior: enabled). An sdc enableWhenExpression is evaluated with FHIRPath
 * against the response; when it cannot be evaluated (say it needs %patient)
 * the item counts as enabled, because we cannot show that it is not.
 */
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import {
  choiceValue,
  extensions,
  extensionValue,
  isObject,
  type Json,
  num,
  objects,
  str,
  type TypedValue,
} from './json.js';
import { startInstant, timeSeconds } from './values.js';

export const EXT_ENABLE_WHEN_EXPRESSION =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression';
const EXT_ENABLE_WHEN_EXPRESSION_FI = 'http://phr.kanta.fi/StructureDefinition/fiphr-ext-questionnaire-enablewhen';
const EXT_VARIABLE = 'http://hl7.org/fhir/StructureDefinition/variable';

/** One level of the response being walked: a questionnaire item and the response item answering it. */
export interface StackEntry {
  qItem: Json;
  element: Json;
}

/** Where an enableWhen looks things up: the questionnaire's item tree and the response. */
export class EnableWhenEvaluator {
  private readonly parents = new Map<Json, Json | undefined>();
  private readonly byLinkId = new Map<string, Json>();
  private clone?: Json;

  constructor(
    private readonly questionnaire: Json,
    private readonly response: Json,
  ) {
    const index = (items: Json[], parent: Json | undefined): void => {
      for (const item of items) {
        this.parents.set(item, parent);
        const linkId = str(item.linkId);
        if (linkId !== undefined && !this.byLinkId.has(linkId)) this.byLinkId.set(linkId, item);
        index(objects(item.item), item);
      }
    };
    index(objects(questionnaire.item), undefined);
  }

  /** The first item with this linkId anywhere in the questionnaire (document order). */
  findItem(linkId: string): Json | undefined {
    return this.byLinkId.get(linkId);
  }

  isEnabled(qItem: Json, stack: readonly StackEntry[]): boolean {
    const expression = this.expressionOf(qItem);
    if (expression !== undefined) return this.evaluateExpression(expression, qItem, stack);
    const conditions = objects(qItem.enableWhen);
    if (conditions.length === 0) return true;
    const results = conditions.map((c) => this.evaluateCondition(c, qItem, stack));
    const behavior = str(qItem.enableBehavior);
    if (behavior === 'any' || results.length === 1) return results.some(Boolean);
    if (behavior === 'all') return results.every(Boolean);
    return true; // several conditions without enableBehavior: que-12 is the Questionnaire's problem
  }

  private expressionOf(qItem: Json): string | undefined {
    const fi = extensionValue(qItem, EXT_ENABLE_WHEN_EXPRESSION_FI);
    if (fi && typeof fi.value === 'string') return fi.value;
    const sdc = extensionValue(qItem, EXT_ENABLE_WHEN_EXPRESSION);
    if (sdc && isObject(sdc.value) && (sdc.value.language === 'text/fhirpath' || sdc.value.language === undefined))
      return str(sdc.value.expression);
    return undefined;
  }

  /** FHIRPath against the response, with the questionnaire's `variable` extensions in scope; true when it cannot be evaluated. */
  private evaluateExpression(expression: string, qItem: Json, stack: readonly StackEntry[]): boolean {
    // fhirpath.js annotates the data it evaluates, so work on a copy of the response.
    this.clone ??= structuredClone(this.response);
    const env: Record<string, unknown> = {
      resource: this.clone,
      rootResource: this.clone,
      context: this.clone,
      questionnaire: this.questionnaire,
    };
    const scopes = [this.questionnaire, ...stack.map((s) => s.qItem), qItem];
    for (const holder of scopes) {
      for (const ext of extensions(holder, EXT_VARIABLE)) {
        const e = isObject(ext.valueExpression) ? ext.valueExpression : undefined;
        const name = str(e?.name);
        const expr = str(e?.expression);
        if (!name || !expr || (e?.language !== undefined && e.language !== 'text/fhirpath')) continue;
        try {
          env[name] = fhirpath.evaluate(this.clone, expr, { ...env } as never, r4Model);
        } catch {
          delete env[name];
        }
      }
    }
    try {
      const result = fhirpath.evaluate(this.clone, expression, env as never, r4Model) as unknown;
      if (!Array.isArray(result)) return true;
      return result.length === 1 && result[0] === true;
    } catch {
      return true;
    }
  }

  private evaluateCondition(condition: Json, sourceQ: Json, stack: readonly StackEntry[]): boolean {
    const question = str(condition.question);
    const operator = str(condition.operator);
    const expected = choiceValue(condition, 'answer');
    const answers = question === undefined ? [] : this.findAnswers(question, sourceQ, stack);
    if (operator === 'exists') {
      const wanted = expected?.type === 'boolean' ? expected.value !== false : true;
      return wanted === answers.length > 0;
    }
    if (!expected || !operator) return false;
    return answers.some((a) => compareAnswer(a, expected, operator));
  }

  /**
   * The answers given to `question` in the scope of `sourceQ`: within the response
   * item matching the innermost group that holds both, or the whole response.
   */
  private findAnswers(question: string, sourceQ: Json, stack: readonly StackEntry[]): TypedValue[] {
    const targetQ = this.byLinkId.get(question);
    if (!targetQ) return [];
    const group = this.commonGroup(sourceQ, targetQ);
    let focus: Json | undefined = this.response;
    if (group) {
      focus = undefined;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i]!.qItem === group) {
          focus = stack[i]!.element;
          break;
        }
      }
    }
    return focus ? answersOn(focus, question) : [];
  }

  private commonGroup(sourceQ: Json, targetQ: Json): Json | undefined {
    for (let anc = this.parents.get(sourceQ); anc; anc = this.parents.get(anc)) {
      for (let t = this.parents.get(targetQ); t; t = this.parents.get(t)) if (t === anc) return anc;
    }
    return undefined;
  }
}

/** Every answer value given to `question` at or below `focus` (items, and items nested in answers). */
function answersOn(focus: Json, question: string): TypedValue[] {
  const out: TypedValue[] = [];
  if (focus.linkId === question) out.push(...valuesOf(focus));
  for (const item of objects(focus.item)) out.push(...answersOn(item, question));
  for (const answer of objects(focus.answer))
    for (const item of objects(answer.item)) out.push(...answersOn(item, question));
  return out;
}

function valuesOf(item: Json): TypedValue[] {
  return objects(item.answer).flatMap((a) => {
    const v = choiceValue(a, 'value');
    return v ? [v] : [];
  });
}

const NUMERIC = new Set(['integer', 'decimal']);

/** Does an answer satisfy `answer <operator> expected`? Incompatible types never do. */
export function compareAnswer(actual: TypedValue, expected: TypedValue, operator: string): boolean {
  if (expected.type === 'Coding' || actual.type === 'Coding') {
    if (expected.type !== actual.type || !isObject(actual.value) || !isObject(expected.value)) return false;
    const match = codingMatches(expected.value, actual.value);
    return operator === '=' ? match : operator === '!=' ? !match : false;
  }
  if (expected.type === 'Reference' || actual.type === 'Reference') {
    if (expected.type !== actual.type || !isObject(actual.value) || !isObject(expected.value)) return false;
    const match = str(actual.value.reference) === str(expected.value.reference);
    return operator === '=' ? match : operator === '!=' ? !match : false;
  }
  const cmp = compareValues(actual, expected);
  if (cmp === undefined) return false;
  switch (operator) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '>':
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      return cmp <= 0;
    default:
      return false;
  }
}

/** expected.system, when given, must match; the code must be present on both or neither, and equal. */
function codingMatches(expected: Json, actual: Json): boolean {
  const es = str(expected.system);
  if (es !== undefined && es !== str(actual.system)) return false;
  const ec = str(expected.code);
  const ac = str(actual.code);
  if ((ec === undefined) !== (ac === undefined)) return false;
  return ec === ac;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareValues(actual: TypedValue, expected: TypedValue): number | undefined {
  const a = actual.value;
  const e = expected.value;
  if (NUMERIC.has(actual.type) && NUMERIC.has(expected.type)) {
    const an = num(a);
    const en = num(e);
    return an === undefined || en === undefined ? undefined : sign(an - en);
  }
  if (actual.type !== expected.type) {
    const dates = new Set(['date', 'dateTime']);
    if (!(dates.has(actual.type) && dates.has(expected.type))) return undefined;
  }
  switch (expected.type) {
    case 'boolean':
      return typeof a === 'boolean' && typeof e === 'boolean' ? sign(Number(a) - Number(e)) : undefined;
    case 'date':
    case 'dateTime': {
      const ai = typeof a === 'string' ? startInstant(a) : undefined;
      const ei = typeof e === 'string' ? startInstant(e) : undefined;
      return ai === undefined || ei === undefined ? undefined : sign(ai - ei);
    }
    case 'time': {
      const at = typeof a === 'string' ? timeSeconds(a) : undefined;
      const et = typeof e === 'string' ? timeSeconds(e) : undefined;
      return at === undefined || et === undefined ? undefined : sign(at - et);
    }
    case 'Quantity': {
      const an = isObject(a) ? num(a.value) : undefined;
      const en = isObject(e) ? num(e.value) : undefined;
      return an === undefined || en === undefined ? undefined : sign(an - en);
    }
    default:
      if (typeof a === 'string' && typeof e === 'string') return a < e ? -1 : a > e ? 1 : 0;
      return undefined;
  }
}
