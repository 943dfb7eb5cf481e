/**
 * Checks of one answer against its questionnaire item: the value's type for
 * the item type, then the constraints the item carries for that type (answer
 * options, value sets, min/max, lengths, regex, decimal places, units,
 * attachment mime type and size, reference targets). Severities follow the
 * HL7 Java validator: a broken constraint is an error.
 */

import type { CodingInput } from '../../terminology/port.js';
import type { LocalizedText, ParamValue } from '../../util/i18n.js';
import { wholeMatch } from '../../util/linear-regex.js';
import type { IssueCode, IssueSeverity } from '../issues.js';
import { m, notChecked } from '../messages.js';
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
import { qm } from './messages.js';
import { checkInValueSet, type TerminologyScope } from './terminology.js';
import { base64Size, convertUcum, decimalPlaces, startInstant, timeSeconds } from './values.js';

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const SDC = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/';
export const EXT = {
  minValue: `${SD}minValue`,
  maxValue: `${SD}maxValue`,
  minLength: `${SD}minLength`,
  regex: `${SD}regex`,
  entryFormat: `${SD}entryFormat`,
  maxDecimalPlaces: `${SD}maxDecimalPlaces`,
  mimeType: `${SD}mimeType`,
  maxSize: `${SD}maxSize`,
  minQuantity: `${SDC}sdc-questionnaire-minQuantity`,
  maxQuantity: `${SDC}sdc-questionnaire-maxQuantity`,
  unitOption: `${SD}questionnaire-unitOption`,
  unitValueSet: `${SD}questionnaire-unitValueSet`,
  referenceResource: `${SD}questionnaire-referenceResource`,
  optionExclusive: `${SD}questionnaire-optionExclusive`,
  minOccurs: `${SD}questionnaire-minOccurs`,
  maxOccurs: `${SD}questionnaire-maxOccurs`,
} as const;

const UCUM = 'http://unitsofmeasure.org';

/** The value[x] types a QuestionnaireResponse answer may have in R4. */
export const ANSWER_TYPES: ReadonlySet<string> = new Set([
  'boolean',
  'decimal',
  'integer',
  'date',
  'dateTime',
  'time',
  'string',
  'uri',
  'Attachment',
  'Coding',
  'Quantity',
  'Reference',
]);

const CHOICE_TYPES = ['Coding', 'date', 'time', 'integer', 'string', 'Reference'];

/** Answer value types allowed for each item type that takes answers. */
const TYPES_FOR_ITEM: Record<string, string[]> = {
  boolean: ['boolean'],
  decimal: ['decimal'],
  integer: ['integer'],
  date: ['date'],
  dateTime: ['dateTime'],
  time: ['time'],
  string: ['string'],
  text: ['string'],
  url: ['uri'],
  attachment: ['Attachment'],
  reference: ['Reference'],
  quantity: ['Quantity'],
  choice: CHOICE_TYPES,
  'open-choice': CHOICE_TYPES,
};

/** Reports one issue; texts are built only when something is wrong. */
export type Report = (severity: IssueSeverity, code: IssueCode, expression: string, text: LocalizedText) => void;

export interface AnswerScope extends TerminologyScope {
  report: Report;
  /** Is this a resource type (for reference answers)? */
  isResourceType(type: string): boolean;
}

/**
 * One answer (`answerPath` is `...item[i].answer[j]`). `answerCount` is the number of
 * answers of the item (for exclusive options).
 */
export function checkAnswer(
  qItem: Json,
  answer: Json,
  answerPath: string,
  answerCount: number,
  scope: AnswerScope,
): void {
  const value = choiceValue(answer, 'value', ANSWER_TYPES);
  if (!value) return; // no value, or a value[x] that is not an R4 answer type (the structural validator reports those)
  const itemType = str(qItem.type) ?? '';
  const allowed = TYPES_FOR_ITEM[itemType];
  if (!allowed) return;
  const valuePath = `${answerPath}.value.ofType(${value.type})`;
  if (!allowed.includes(value.type)) {
    scope.report(
      'error',
      'structure',
      valuePath,
      allowed.length === 1
        ? qm.answerType({ type: allowed[0] as string, actual: value.type })
        : qm.answerTypes({ types: allowed.join(', '), actual: value.type }),
    );
    return;
  }
  const ctx: AnswerContext = { qItem, value, answerPath, valuePath, answerCount, scope };
  switch (itemType) {
    case 'decimal':
    case 'integer':
      checkNumber(ctx);
      checkOption(ctx, false);
      break;
    case 'date':
    case 'dateTime':
      checkDate(ctx);
      checkOption(ctx, false);
      break;
    case 'time':
      checkTime(ctx);
      checkOption(ctx, false);
      break;
    case 'string':
    case 'text':
      checkString(ctx);
      if (itemType === 'string') checkStringValueSet(ctx);
      checkOption(ctx, false);
      break;
    case 'url':
      checkUri(ctx);
      break;
    case 'attachment':
      checkAttachment(ctx);
      break;
    case 'reference':
      checkReference(ctx);
      checkOption(ctx, false);
      break;
    case 'quantity':
      checkQuantity(ctx);
      break;
    case 'choice':
    case 'open-choice':
      checkChoice(ctx, itemType === 'open-choice');
      break;
  }
}

interface AnswerContext {
  qItem: Json;
  value: TypedValue;
  answerPath: string;
  valuePath: string;
  answerCount: number;
  scope: AnswerScope;
}

function error(ctx: AnswerContext, code: IssueCode, text: LocalizedText, at: 'value' | 'answer' = 'value'): void {
  ctx.scope.report('error', code, at === 'value' ? ctx.valuePath : ctx.answerPath, text);
}

// --- numbers, dates, times ---------------------------------------------------------------

function checkNumber(ctx: AnswerContext): void {
  const v = num(ctx.value.value);
  if (v === undefined) return;
  const min = num(extensionValue(ctx.qItem, EXT.minValue)?.value);
  const max = num(extensionValue(ctx.qItem, EXT.maxValue)?.value);
  if (min !== undefined && v < min) error(ctx, 'value', qm.belowMin({ value: String(v), min: String(min) }));
  if (max !== undefined && v > max) error(ctx, 'value', qm.aboveMax({ value: String(v), max: String(max) }));
  if (ctx.value.type === 'decimal') checkDecimalPlaces(ctx, v);
}

function checkDecimalPlaces(ctx: AnswerContext, v: number): void {
  const limit = num(extensionValue(ctx.qItem, EXT.maxDecimalPlaces)?.value);
  if (limit !== undefined && decimalPlaces(v) > limit)
    error(ctx, 'value', qm.decimalPlaces({ value: String(v), limit: String(limit) }));
}

/** date and dateTime bounds, compared as the Java validator does: by the instant each value starts at. */
function checkDate(ctx: AnswerContext): void {
  const text = str(ctx.value.value);
  const v = text === undefined ? undefined : startInstant(text);
  if (v === undefined) return;
  const bound = (url: string): { text: string; at: number } | undefined => {
    const b = str(extensionValue(ctx.qItem, url)?.value);
    const at = b === undefined ? undefined : startInstant(b);
    return b !== undefined && at !== undefined ? { text: b, at } : undefined;
  };
  const min = bound(EXT.minValue);
  const max = bound(EXT.maxValue);
  if (min && v < min.at) error(ctx, 'value', qm.belowMin({ value: text as string, min: min.text }));
  if (max && v > max.at) error(ctx, 'value', qm.aboveMax({ value: text as string, max: max.text }));
}

function checkTime(ctx: AnswerContext): void {
  const text = str(ctx.value.value);
  const v = text === undefined ? undefined : timeSeconds(text);
  if (v === undefined) return;
  const min = str(extensionValue(ctx.qItem, EXT.minValue)?.value);
  const max = str(extensionValue(ctx.qItem, EXT.maxValue)?.value);
  const minS = min === undefined ? undefined : timeSeconds(min);
  const maxS = max === undefined ? undefined : timeSeconds(max);
  if (minS !== undefined && v < minS) error(ctx, 'value', qm.belowMin({ value: text as string, min: min as string }));
  if (maxS !== undefined && v > maxS) error(ctx, 'value', qm.aboveMax({ value: text as string, max: max as string }));
}

// --- strings -------------------------------------------------------------------------------

function checkString(ctx: AnswerContext): void {
  const v = str(ctx.value.value);
  if (v === undefined) return;
  const length = [...v].length;
  const minLength = num(extensionValue(ctx.qItem, EXT.minLength)?.value);
  if (minLength !== undefined && length < minLength)
    error(ctx, 'value', qm.tooShort({ value: v, min: String(minLength) }));
  const maxLength = num(ctx.qItem.maxLength);
  if (maxLength !== undefined && length > maxLength)
    error(ctx, 'value', qm.tooLong({ value: v, max: String(maxLength) }));
  const regex = str(extensionValue(ctx.qItem, EXT.regex)?.value);
  if (regex !== undefined) {
    const re = wholeMatch(regex);
    if (!re)
      ctx.scope.report(
        'warning',
        'not-supported',
        ctx.valuePath,
        notChecked(qm.regexNotChecked({ linkId: str(ctx.qItem.linkId) ?? '', reason: m.regexUnsupported({ regex }) })),
      );
    if (re && !re.test(v)) {
      const format = str(extensionValue(ctx.qItem, EXT.entryFormat)?.value);
      error(ctx, 'value', format ? qm.entryFormat({ value: v, format, regex }) : qm.regexMismatch({ value: v, regex }));
    }
  }
  if (ctx.qItem.type === 'string' && /[\r\n]/.test(v)) {
    ctx.scope.report('warning', 'value', ctx.valuePath, qm.lineBreaks({ value: v }));
  }
}

/** A string item with an answerValueSet: the text must be a code of the value set. */
function checkStringValueSet(ctx: AnswerContext): void {
  const ref = str(ctx.qItem.answerValueSet);
  const v = str(ctx.value.value);
  if (!ref || v === undefined) return;
  const r = checkInValueSet(ref, { code: v }, ctx.scope);
  if (r.status === 'value-set-not-found')
    ctx.scope.report('warning', 'not-found', ctx.valuePath, qm.valueSetNotFound({ vs: ref }));
  else if (r.status === 'invalid') error(ctx, 'code-invalid', qm.notAllowedValue({ value: v, vs: ref }));
  else if (r.status === 'not-checked')
    ctx.scope.report(
      'information',
      'not-supported',
      ctx.valuePath,
      notChecked(qm.whetherValueIn({ value: v, vs: ref, reason: r.text })),
    );
}

// --- answer options ----------------------------------------------------------------------

const OPTION_KIND: Record<string, string> = { Coding: 'coding', Reference: 'reference' };

/** The answer must be one of the answerOptions of its type (Coding answers: see checkCodingOption). */
function checkOption(ctx: AnswerContext, openChoice: boolean): void {
  const options = objects(ctx.qItem.answerOption);
  if (options.length === 0) return;
  const type = ctx.value.type;
  const typed = options.flatMap((o) => {
    const v = choiceValue(o, 'value');
    return v && sameOptionType(v.type, type) ? [{ option: o, value: v }] : [];
  });
  if (type === 'string' && openChoice) {
    // open-choice: free text is allowed; but text that names one of the coded options should have been that Coding
    const v = str(ctx.value.value)?.toLowerCase();
    const named = options.some(
      (o) =>
        isObject(o.valueCoding) &&
        (str(o.valueCoding.display)?.toLowerCase() === v || str(o.valueCoding.code)?.toLowerCase() === v),
    );
    if (v !== undefined && named)
      ctx.scope.report('warning', 'value', ctx.valuePath, qm.stringNamesOption({ value: str(ctx.value.value) ?? '' }));
    return;
  }
  const kind = OPTION_KIND[type] ?? type;
  if (typed.length === 0) {
    error(ctx, 'value', qm.noOptionsOfType({ kind }));
    return;
  }
  const match = typed.find((t) => optionEquals(t.value, ctx.value));
  if (!match) {
    error(ctx, 'value', qm.notPermitted({ kind, value: display(ctx.value) }));
    return;
  }
  checkExclusive(ctx, match.option, display(ctx.value));
}

function sameOptionType(optionType: string, answerType: string): boolean {
  if (optionType === answerType) return true;
  const numeric = new Set(['integer', 'decimal']);
  const dates = new Set(['date', 'dateTime']);
  return (numeric.has(optionType) && numeric.has(answerType)) || (dates.has(optionType) && dates.has(answerType));
}

function optionEquals(option: TypedValue, answer: TypedValue): boolean {
  const o = option.value;
  const a = answer.value;
  switch (answer.type) {
    case 'integer':
    case 'decimal':
      return num(o) !== undefined && num(o) === num(a);
    case 'time': {
      const ot = typeof o === 'string' ? timeSeconds(o) : undefined;
      return ot !== undefined && ot === (typeof a === 'string' ? timeSeconds(a) : undefined);
    }
    case 'Coding':
      return isObject(o) && isObject(a) && str(o.system) === str(a.system) && str(o.code) === str(a.code);
    case 'Reference':
      return isObject(o) && isObject(a) && str(o.reference) !== undefined && str(o.reference) === str(a.reference);
    default:
      return typeof o === 'string' && o === a;
  }
}

function display(v: TypedValue): ParamValue {
  if (v.type === 'Coding' && isObject(v.value)) return `${str(v.value.system) ?? ''}::${str(v.value.code) ?? ''}`;
  if (v.type === 'Reference' && isObject(v.value))
    return str(v.value.reference) ?? str(v.value.display) ?? qm.noReference();
  return String(v.value);
}

function checkExclusive(ctx: AnswerContext, option: Json, shown: ParamValue): void {
  const exclusive = extensionValue(option, EXT.optionExclusive);
  if (exclusive?.value === true && ctx.answerCount > 1) {
    error(ctx, 'business-rule', qm.exclusive({ value: shown }), 'answer');
  }
}

// --- choice / open-choice --------------------------------------------------------------

function checkChoice(ctx: AnswerContext, openChoice: boolean): void {
  if (ctx.value.type !== 'Coding') {
    checkOption(ctx, openChoice);
    return;
  }
  const coding = isObject(ctx.value.value) ? ctx.value.value : {};
  if (objects(ctx.qItem.answerOption).length > 0) {
    checkCodingOption(ctx, coding);
    return;
  }
  const ref = str(ctx.qItem.answerValueSet);
  if (!ref) {
    ctx.scope.report('information', 'informational', ctx.answerPath, qm.noOptionList());
    return;
  }
  const system = str(coding.system);
  const code = str(coding.code);
  if (openChoice && !system && !code && str(coding.display)) return; // free text given as a display-only Coding
  const input: CodingInput = { system, code, version: str(coding.version), display: str(coding.display) };
  const r = checkInValueSet(ref, input, ctx.scope);
  if (r.status === 'value-set-not-found') {
    ctx.scope.report('warning', 'code-invalid', ctx.answerPath, qm.valueSetNotFound({ vs: ref }));
  } else if (r.status === 'invalid') {
    const coded = `${system ?? ''}::${code ?? ''}`;
    error(
      ctx,
      'code-invalid',
      r.text
        ? qm.notInOptionsValueSetWhy({ coded, vs: ref, reason: r.text })
        : qm.notInOptionsValueSet({ coded, vs: ref }),
      'answer',
    );
  } else if (r.status === 'not-checked') {
    ctx.scope.report(
      'information',
      'not-supported',
      ctx.answerPath,
      notChecked(qm.whetherCodeIn({ coded: `${system ?? ''}::${code ?? ''}`, vs: ref, reason: r.text })),
    );
  }
}

function checkCodingOption(ctx: AnswerContext, coding: Json): void {
  const options = objects(ctx.qItem.answerOption).filter((o) => isObject(o.valueCoding));
  if (options.length === 0) {
    error(ctx, 'value', qm.noOptionsOfType({ kind: 'coding' }), 'answer');
    return;
  }
  const match = options.find(
    (o) =>
      str((o.valueCoding as Json).system) === str(coding.system) &&
      str((o.valueCoding as Json).code) === str(coding.code),
  );
  const shown = `${str(coding.system) ?? ''}::${str(coding.code) ?? ''}`;
  if (!match) {
    error(ctx, 'code-invalid', qm.codeNotPermitted({ value: shown }), 'answer');
    return;
  }
  checkExclusive(ctx, match, shown);
}

// --- url --------------------------------------------------------------------------------

const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;

function checkUri(ctx: AnswerContext): void {
  const v = str(ctx.value.value);
  if (v === undefined) return;
  if (/\s/.test(v)) error(ctx, 'value', m.uriWhitespace({ value: v }));
  else if (v.startsWith('urn:uuid:') && !UUID.test(v)) error(ctx, 'value', m.badUuid({ value: v.slice(9) }));
  else if (v.startsWith('urn:oid:') && !OID.test(v)) error(ctx, 'value', m.badOid({ value: v.slice(8) }));
}

// --- attachment -------------------------------------------------------------------------

function checkAttachment(ctx: AnswerContext): void {
  const att = isObject(ctx.value.value) ? ctx.value.value : undefined;
  if (!att) return;
  const allowed = extensions(ctx.qItem, EXT.mimeType).flatMap((e) =>
    typeof e.valueCode === 'string' ? [e.valueCode] : [],
  );
  if (allowed.length > 0) {
    const contentType = str(att.contentType);
    if (!contentType) error(ctx, 'required', qm.noMimeType({ allowed: allowed.join(', ') }), 'answer');
    else if (!allowed.some((a) => contentType.startsWith(a)))
      error(ctx, 'value', qm.mimeType({ type: contentType, allowed: allowed.join(', ') }), 'answer');
  }
  const max = num(extensionValue(ctx.qItem, EXT.maxSize)?.value);
  if (max !== undefined && max > 0) {
    const data = str(att.data);
    const size =
      data !== undefined
        ? base64Size(data)
        : typeof att.size === 'number'
          ? att.size
          : typeof att.size === 'string' && /^\d+$/.test(att.size)
            ? Number(att.size)
            : undefined;
    if (size !== undefined && size > max)
      error(ctx, 'value', qm.attachmentTooLarge({ max: String(max), size: String(size) }), 'answer');
  }
}

// --- reference -----------------------------------------------------------------------------

/** The resource type a reference names (`Patient/1`, `https://x.org/fhir/Patient/1/_history/2`), if it names one. */
export function referencedType(ref: string): string | undefined {
  if (ref.startsWith('#') || ref.startsWith('urn:')) return undefined;
  const path = ref.split(/[?#]/)[0] as string;
  const parts = path
    .replace(/\/_history\/[^/]+$/, '')
    .split('/')
    .filter((p) => p.length > 0);
  if (parts.length < 2) return undefined;
  return parts[parts.length - 2];
}

function checkReference(ctx: AnswerContext): void {
  const ref = isObject(ctx.value.value) ? str(ctx.value.value.reference) : undefined;
  if (!ref || ref.startsWith('#')) return;
  const type = referencedType(ref);
  const allowed = extensions(ctx.qItem, EXT.referenceResource).flatMap((e) =>
    typeof e.valueCode === 'string' ? [e.valueCode] : [],
  );
  if (allowed.length > 0) {
    if (type) {
      if (!allowed.includes(type)) error(ctx, 'value', qm.refTypeNotAllowed({ type, ref, allowed: allowed.join(',') }));
    } else if (ref.startsWith('urn:')) {
      ctx.scope.report(
        'warning',
        'not-supported',
        ctx.valuePath,
        notChecked(qm.refTypeNotShown({ ref, allowed: allowed.join(',') })),
      );
    } else {
      error(ctx, 'value', qm.refTypeUnknown({ ref, allowed: allowed.join(',') }));
    }
  } else if (type && !ctx.scope.isResourceType(type)) {
    error(ctx, 'value', qm.refTypeInvalid({ type, ref }));
  }
}

// --- quantity --------------------------------------------------------------------------------

interface Qty {
  value?: number;
  comparator?: string;
  unit?: string;
  system?: string;
  code?: string;
}

function qty(v: unknown): Qty | undefined {
  if (!isObject(v)) return undefined;
  return {
    value: num(v.value),
    comparator: str(v.comparator),
    unit: str(v.unit),
    system: str(v.system),
    code: str(v.code),
  };
}

function systemName(system: string | undefined): string {
  if (!system) return '';
  if (system === UCUM) return 'UCUM';
  if (system === 'http://snomed.info/sct') return 'SNOMED';
  return system;
}

function showQuantity(q: Qty): string {
  return `${q.comparator ?? ''}${q.value ?? ''}${q.unit ? ` ${q.unit}` : ''}${q.system || q.code ? ` (${systemName(q.system)}#${q.code ?? ''})` : ''}`;
}

function showCoding(c: Json): string {
  const system = str(c.system);
  const code = str(c.code);
  return `${str(c.display) ?? ''}${system || code ? ` (${systemName(system)}#${code ?? ''})` : ''}`;
}

function checkQuantity(ctx: AnswerContext): void {
  const q = qty(ctx.value.value);
  if (!q) return;
  for (const [url, isMin] of [
    [EXT.minQuantity, true],
    [EXT.maxQuantity, false],
  ] as const) {
    const bound = qty(extensionValue(ctx.qItem, url)?.value) ?? quantityBound(ctx.qItem, isMin);
    if (bound) compareQuantity(ctx, q, bound, isMin);
  }
  if (q.value !== undefined) checkDecimalPlaces(ctx, q.value);
  const options = extensions(ctx.qItem, EXT.unitOption).flatMap((e) =>
    isObject(e.valueCoding) ? [e.valueCoding] : [],
  );
  if (options.length > 0 && !options.some((c) => unitMatches(q, c))) {
    error(ctx, 'value', qm.unitNotAllowed({ quantity: showQuantity(q), allowed: options.map(showCoding).join(',') }));
  }
  const unitVs = str(extensionValue(ctx.qItem, EXT.unitValueSet)?.value);
  if (unitVs) {
    const r = checkInValueSet(unitVs, { system: q.system, code: q.code }, ctx.scope);
    if (r.status === 'value-set-not-found')
      ctx.scope.report('warning', 'not-found', ctx.valuePath, qm.unitValueSetNotFound({ vs: unitVs }));
    else if (r.status === 'invalid')
      error(ctx, 'code-invalid', qm.unitNotInValueSet({ quantity: showQuantity(q), vs: unitVs }));
    else if (r.status === 'not-checked')
      ctx.scope.report(
        'information',
        'not-supported',
        ctx.valuePath,
        notChecked(qm.whetherUnitIn({ quantity: showQuantity(q), vs: unitVs, reason: r.text })),
      );
  }
}

/** minValue/maxValue given as a Quantity (the sdc min/maxQuantity extensions are the usual form). */
function quantityBound(qItem: Json, isMin: boolean): Qty | undefined {
  const v = extensionValue(qItem, isMin ? EXT.minValue : EXT.maxValue);
  return v?.type === 'Quantity' ? qty(v.value) : undefined;
}

function compareQuantity(ctx: AnswerContext, q: Qty, bound: Qty, isMin: boolean): void {
  if (q.value === undefined || bound.value === undefined) return;
  const shown = { quantity: showQuantity(q), bound: showQuantity(bound) };
  if (!bound.system || !bound.code || !q.system || !q.code) {
    error(ctx, 'value', (isMin ? qm.noUnitsMin : qm.noUnitsMax)(shown));
    return;
  }
  let value: number | undefined;
  if (bound.system === q.system && bound.code === q.code) value = q.value;
  else if (bound.system === UCUM && q.system === UCUM) value = convertUcum(q.value, q.code, bound.code);
  if (value === undefined) {
    error(ctx, 'value', (isMin ? qm.unitsIncomparableMin : qm.unitsIncomparableMax)(shown));
    return;
  }
  // a small tolerance for conversion rounding
  const eps = Math.abs(bound.value) * 1e-12;
  if (isMin && value < bound.value - eps) error(ctx, 'value', qm.quantityBelowMin(shown));
  if (!isMin && value > bound.value + eps) error(ctx, 'value', qm.quantityAboveMax(shown));
}

/** A unitOption matches when its system, code and display (each when present) equal the quantity's system, code and unit. */
function unitMatches(q: Qty, c: Json): boolean {
  const system = str(c.system);
  const code = str(c.code);
  const disp = str(c.display);
  return (
    (system === undefined || system === q.system) &&
    (code === undefined || code === q.code) &&
    (disp === undefined || disp === q.unit)
  );
}
