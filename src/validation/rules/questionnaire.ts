/**
 * Questionnaire rules (QuestionnaireValidator.validateQuestionannaire): every
 * enableWhen names an item of the questionnaire, not itself nor one of its own
 * inner items (errors), preferably one before it (warning); derivedFrom
 * questionnaires resolve (warning). QuestionnaireResponses are checked against
 * their Questionnaire in ../questionnaire.ts. Not checked: derivation rules
 * (extends / compliesWith) item by item.
 */
import type { RuleCtx } from './index.js';
import { rm } from './messages.js';
import { Issues, type Json, objects, str } from './util.js';

export function checkQuestionnaire(q: Json, ctx: RuleCtx): Issues['list'] {
  const out = new Issues();
  const derived = Array.isArray(q.derivedFrom) ? q.derivedFrom : [];
  derived.forEach((url, i) => {
    if (typeof url === 'string' && ctx.registry.resolve(url)?.resourceType !== 'Questionnaire')
      out.add('warning', 'business-rule', `${ctx.path}.derivedFrom[${i}]`, rm.qUnknownDerivation({ url }));
  });
  walkItems(q, q, ctx.path, [q], out);
  return out.list;
}

function walkItems(q: Json, holder: Json, path: string, parents: Json[], out: Issues): void {
  objects(holder.item).forEach((item, i) => {
    const ip = `${path}.item[${i}]`;
    checkEnableWhen(q, item, ip, parents, out);
    walkItems(q, item, ip, [item, ...parents], out);
  });
}

function checkEnableWhen(q: Json, item: Json, path: string, parents: Json[], out: Issues): void {
  for (const ew of objects(item.enableWhen)) {
    const question = str(ew.question);
    if (question === undefined) {
      out.add('error', 'business-rule', path, rm.qEnableWhenNoLink());
      continue;
    }
    if (findItem(item, question)) {
      out.add('error', 'business-rule', path, rm.qEnableWhenIsInner());
      continue;
    }
    const target = findItem(q, question);
    if (!target)
      out.add('error', 'business-rule', path, rm.qEnableWhenNoTarget({ question, linkId: str(item.linkId) ?? '' }));
    else if (target === item) out.add('error', 'business-rule', path, rm.qEnableWhenSelf());
    else if (!isBefore(item, target, parents))
      out.add('warning', 'business-rule', path, rm.qEnableWhenAfter({ question }));
  }
}

/** The item with that linkId among the descendants of `holder` (depth first, as Java searches). */
function findItem(holder: Json, linkId: string): Json | undefined {
  for (const item of objects(holder.item)) {
    if (item.linkId === linkId) return item;
    const inner = findItem(item, linkId);
    if (inner) return inner;
  }
  return undefined;
}

function isBefore(item: Json, target: Json, parents: Json[]): boolean {
  if (parents.includes(target)) return true;
  for (const p of parents) {
    const i = subtreeIndex(p, item);
    const t = subtreeIndex(p, target);
    if (i > -1 && t > -1) return i > t;
  }
  return false;
}

/** The index of the child item of `parent` that is or holds `descendant`. */
function subtreeIndex(parent: Json, descendant: Json): number {
  return objects(parent.item).findIndex((c) => c === descendant || contains(c, descendant));
}

function contains(holder: Json, descendant: Json): boolean {
  return objects(holder.item).some((c) => c === descendant || contains(c, descendant));
}
