/**
 * Validates a QuestionnaireResponse against its Questionnaire, as the HL7 Java
 * validator does (its QuestionnaireValidator): the core validator calls
 * `validateQuestionnaireResponse` as a hook once it has checked the resource's
 * structure, so only the fit with the Questionnaire is checked here.
 *
 * - The questionnaire is found by canonical (`ctx.resolve`) or, for `#id`, in
 *   the response's contained resources. Not found: a warning (information for
 *   example.org URLs), and nothing more is checked. Retired or draft: a
 *   warning; authored outside its effectivePeriod: a warning.
 * - Items: each linkId must exist at that level ("LinkId 'x' not found in
 *   questionnaire"; one that exists elsewhere is "in the wrong place"), in the
 *   questionnaire's order, once unless the item repeats, with its text (when
 *   given) as in the questionnaire. group (and the R4 abstract type question)
 *   items take no answers, display items neither answers nor items, other items
 *   put their children under answer.item.
 * - Required items (enabled ones only, enableWhen evaluated with the Java
 *   validator's rules) need an answer: an error when the response is completed
 *   or amended, otherwise a warning. A disabled item must not have answers.
 *   repeats=false: one answer at most; questionnaire-minOccurs/maxOccurs bound
 *   the number of answers (of repetitions, for groups).
 * - Answers: value type for the item type, answerOption membership
 *   (optionExclusive), answerValueSet (through ctx.terminology, or locally for
 *   contained and enumerated value sets), and the item's extensions: see
 *   questionnaire/answers.ts.
 *
 * Where the Java validator has an evident slip we do the intended thing and say
 * so: minOccurs/maxOccurs and maxSize are inclusive bounds (Java rejects a count
 * or size equal to the bound); a quantity at or above its minimum in the same
 * unit passes (Java compares that case the wrong way round); date and time
 * answer options compare by value (Java never matches them for choice items).
 *
 * Not checked (the Java validator does not check them either): questionnaire-
 * constraint invariants, calculated/initial expressions, questionnaire-
 * referenceProfile, and whether the answers of disabled questions should count
 * in other items' enableWhen.
 */

import type { TerminologyPort } from '../terminology/port.js';
import type { LocalizedText } from '../util/i18n.js';
import type { IssueCode, IssueSeverity, IssueSink } from './issues.js';
import { m } from './messages.js';
import { type AnswerScope, checkAnswer, EXT } from './questionnaire/answers.js';
import { EnableWhenEvaluator, type StackEntry } from './questionnaire/enable-when.js';
import { extensionValue, isObject, type Json, num, objects, str } from './questionnaire/json.js';
import { qm } from './questionnaire/messages.js';
import { endInstant, startInstant } from './questionnaire/values.js';
import type { DefinitionRegistry } from './registry.js';

export interface QuestionnaireHookContext {
  registry: DefinitionRegistry;
  sink: IssueSink;
  terminology?: TerminologyPort;
  /** A conformance resource by canonical URL (`url|version` accepted): the registry, then the resource's contained resources. */
  resolve(canonical: string): Record<string, unknown> | undefined;
}

/** The hook's signature, for the core validator. */
export type QuestionnaireResponseHook = (
  qr: Record<string, unknown>,
  expression: string,
  ctx: QuestionnaireHookContext,
) => void;

/**
 * Checks `qr` (a QuestionnaireResponse) against its Questionnaire, adding issues to
 * `ctx.sink`. `expression` is the FHIRPath of the response in the validated input
 * (`QuestionnaireResponse`, `Bundle.entry[1].resource`); every issue's expression starts with it.
 */
export const validateQuestionnaireResponse: QuestionnaireResponseHook = (qr, expression, ctx) => {
  const ref = questionnaireReference(qr);
  if (ref === undefined) {
    ctx.sink.information('required', expression, m.noQuestionnaire(), 'questionnaire');
    return;
  }
  const refPath = `${expression}.questionnaire`;
  const contained = ref.startsWith('#');
  const found = contained ? objects(qr.contained).find((r) => r.id === ref.slice(1)) : ctx.resolve(ref);
  const questionnaire = found && found.resourceType === 'Questionnaire' ? found : undefined;
  if (!questionnaire) {
    const message = m.questionnaireUnresolved({ ref });
    if (/^https?:\/\/example\.org(\/|$)/.test(ref))
      ctx.sink.information('not-found', refPath, message, 'questionnaire');
    else ctx.sink.warning('not-found', refPath, message, 'questionnaire');
    return;
  }
  new ResponseValidator(qr, expression, questionnaire, contained ? qr : undefined, ref, ctx).run();
};

/** `questionnaire` is a canonical in R4; STU3-style `{reference}` is accepted too, as the Java validator does. */
function questionnaireReference(qr: Json): string | undefined {
  const q = qr.questionnaire;
  if (typeof q === 'string' && q.trim() !== '') return q;
  if (isObject(q) && typeof q.reference === 'string' && q.reference.trim() !== '') return q.reference;
  return undefined;
}

const GROUP_TYPES = new Set(['group', 'question']);

class ResponseValidator {
  private readonly enableWhen: EnableWhenEvaluator;
  /** Not completed or amended: missing required answers are only warnings. */
  private readonly notCompleted: boolean;
  private readonly scope: AnswerScope;

  constructor(
    private readonly qr: Json,
    private readonly root: string,
    private readonly questionnaire: Json,
    container: Json | undefined,
    private readonly ref: string,
    private readonly ctx: QuestionnaireHookContext,
  ) {
    this.enableWhen = new EnableWhenEvaluator(questionnaire, qr);
    const status = str(qr.status);
    this.notCompleted = status !== 'completed' && status !== 'amended';
    this.scope = {
      registry: ctx.registry,
      terminology: ctx.terminology,
      resolve: (c) => ctx.resolve(c),
      questionnaire,
      container,
      report: (severity, code, expression, message) => this.report(severity, code, expression, message),
      isResourceType: (type) => {
        const sd = ctx.registry.typeDefinition(type);
        return !!sd && sd.kind === 'resource' && !sd.abstract;
      },
    };
  }

  private report(severity: IssueSeverity, code: IssueCode, expression: string, text: LocalizedText): void {
    this.ctx.sink.report(severity, code, expression, text, this.ref);
  }

  run(): void {
    this.checkQuestionnaireStatus();
    this.items(objects(this.questionnaire.item), this.qr, this.root, []);
  }

  private checkQuestionnaireStatus(): void {
    const at = `${this.root}.questionnaire`;
    const url = str(this.questionnaire.url) ?? this.ref;
    const status = str(this.questionnaire.status);
    if (status === 'retired') this.report('warning', 'business-rule', at, qm.retired({ url }));
    else if (status === 'draft') this.report('warning', 'business-rule', at, qm.draft({ url }));
    const period = isObject(this.questionnaire.effectivePeriod) ? this.questionnaire.effectivePeriod : undefined;
    const authored = str(this.qr.authored);
    const when = authored === undefined ? undefined : startInstant(authored);
    if (!period || when === undefined) return;
    const start = str(period.start);
    const end = str(period.end);
    const startAt = start === undefined ? undefined : startInstant(start);
    const endAt = end === undefined ? undefined : endInstant(end);
    const authoredAt = `${this.root}.authored`;
    if (endAt !== undefined && when > endAt)
      this.report(
        'warning',
        'business-rule',
        authoredAt,
        qm.authoredAfter({ authored: authored as string, end: end as string }),
      );
    if (startAt !== undefined && when < startAt)
      this.report(
        'warning',
        'business-rule',
        authoredAt,
        qm.authoredBefore({ authored: authored as string, start: start as string }),
      );
  }

  /**
   * The response items under `focus` (the response, a group item, or an answer) against
   * the questionnaire items `qItems` defined at that level.
   */
  private items(qItems: Json[], focus: Json, focusPath: string, stack: readonly StackEntry[]): void {
    const byLinkId = new Map<string, { element: Json; path: string }[]>();
    let lastIndex = -1;
    objects(focus.item).forEach((element, i) => {
      const path = `${focusPath}.item[${i}]`;
      const linkId = str(element.linkId);
      if (linkId === undefined || linkId === '') {
        this.report('error', 'required', path, qm.noLinkId());
        return;
      }
      const index = qItems.findIndex((q) => q.linkId === linkId);
      if (index < 0) {
        const elsewhere = this.enableWhen.findItem(linkId);
        if (elsewhere) {
          this.report('error', 'structure', focusPath, qm.wrongPlace({ linkId }));
          this.item(elsewhere, element, path, [...stack, { qItem: elsewhere, element }]);
        } else {
          this.report('error', 'not-found', focusPath, qm.linkIdNotFound({ linkId }));
        }
        return;
      }
      if (index < lastIndex) this.report('error', 'structure', path, qm.outOfOrder());
      lastIndex = index;
      const list = byLinkId.get(linkId) ?? [];
      list.push({ element, path });
      byLinkId.set(linkId, list);
    });

    for (const qItem of qItems) {
      const linkId = str(qItem.linkId) ?? '';
      const present = byLinkId.get(linkId);
      const enabled = this.enableWhen.isEnabled(qItem, stack);
      if (!present) {
        if (enabled && qItem.required === true) this.missing(focusPath, linkId);
        continue;
      }
      if (!enabled) {
        for (const p of present) {
          if (objects(p.element.answer).length > 0 || objects(p.element.item).length > 0) {
            this.report('error', 'business-rule', p.path, qm.answerNotEnabled({ linkId }));
          }
        }
      }
      if (present.length > 1 && qItem.repeats !== true) {
        this.report('error', 'structure', present[1]!.path, qm.onlyOneItem({ linkId, count: String(present.length) }));
      }
      if (GROUP_TYPES.has(str(qItem.type) ?? '')) this.occurrences(qItem, present.length, focusPath, 'repetitions');
      for (const p of present) this.item(qItem, p.element, p.path, [...stack, { qItem, element: p.element }]);
    }
  }

  private missing(path: string, linkId: string): void {
    this.report(this.notCompleted ? 'warning' : 'error', 'required', path, qm.missingAnswer({ linkId }));
  }

  /** questionnaire-minOccurs / maxOccurs: answers of a question, repetitions of a group. */
  private occurrences(qItem: Json, count: number, path: string, what: 'answers' | 'repetitions'): void {
    const min = num(extensionValue(qItem, EXT.minOccurs)?.value);
    const max = num(extensionValue(qItem, EXT.maxOccurs)?.value);
    const answers = what === 'answers';
    if (min !== undefined && count < min)
      this.report(
        'error',
        'structure',
        path,
        (answers ? qm.minAnswers : qm.minRepetitions)({ min: String(min), count: String(count) }),
      );
    if (max !== undefined && count > max)
      this.report(
        'error',
        'structure',
        path,
        (answers ? qm.maxAnswers : qm.maxRepetitions)({ max: String(max), count: String(count) }),
      );
  }

  /** One response item `element` answering `qItem`; `stack` ends with this pair. */
  private item(qItem: Json, element: Json, path: string, stack: readonly StackEntry[]): void {
    const linkId = str(qItem.linkId) ?? '';
    const type = str(qItem.type);
    const text = str(element.text);
    if (text !== undefined && text !== '' && text !== str(qItem.text)) {
      this.report('error', 'invalid', path, qm.textMismatch({ linkId }));
    }

    const answers = objects(element.answer);
    const isGroup = GROUP_TYPES.has(type ?? '');
    const fulfilled = answers.length > 0 || qItem.required !== true || isGroup;
    if (!fulfilled && (this.notCompleted || this.enableWhen.isEnabled(qItem, stack))) this.missing(path, linkId);
    if (answers.length > 1 && qItem.repeats !== true) {
      this.report('error', 'structure', path, qm.onlyOneAnswer({ linkId, count: String(answers.length) }));
    }
    if (!isGroup) this.occurrences(qItem, answers.length, path, 'answers');

    answers.forEach((answer, i) => {
      const answerPath = `${path}.answer[${i}]`;
      if (isGroup) this.report('error', 'structure', path, qm.groupNoAnswers({ type: type ?? '' }));
      else if (type === 'display') this.report('error', 'structure', path, qm.displayNoAnswers());
      else checkAnswer(qItem, answer, answerPath, answers.length, this.scope);
      // a group's answers were already an error; their content is not worth checking too
      if (!isGroup) this.items(objects(qItem.item), answer, answerPath, stack);
    });

    const children = objects(element.item);
    if (type === undefined) {
      this.report('error', 'required', path, qm.noType({ linkId }));
    } else if (type === 'display') {
      if (children.length > 0) this.report('error', 'structure', path, qm.displayNoItems({ linkId }));
    } else if (!isGroup) {
      if (children.length > 0) this.report('error', 'structure', path, qm.itemsOutsideAnswers());
    } else {
      if (
        qItem.required === true &&
        children.length === 0 &&
        answers.length === 0 &&
        this.enableWhen.isEnabled(qItem, stack)
      ) {
        this.report(this.notCompleted ? 'warning' : 'error', 'required', path, qm.groupRequired({ linkId }));
      }
      this.items(objects(qItem.item), element, path, stack);
    }
  }
}
