/**
 * Measure and MeasureReport rules (MeasureValidator). Measure: libraries
 * resolve (information), groups, populations and stratifiers carry codes
 * when there are several (warnings), stratifier criteria in a language Java
 * cannot check (warning). MeasureReport: its Measure resolves (contained `#id`
 * or canonical), groups and populations match the Measure's by code, counts
 * and subject lists as the report type allows, measureScore as the scoring
 * requires, stratifiers match the Measure's by code. Not checked (see README):
 * CQL criteria against compiled libraries, subject-list counts, a score's fixed unit.
 */
import type { RuleCtx } from './index.js';
import { rm } from './messages.js';
import { Issues, isObject, type Json, objects, str } from './util.js';

const SCORINGS = ['proportion', 'ratio', 'continuous-variable', 'cohort'];
const MEASURE_OBSERVATION = 'measure-observation';
const UNIT_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit';
const POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';

export function checkMeasure(measure: Json, ctx: RuleCtx): Issues['list'] {
  const out = new Issues();
  const path = ctx.path;
  for (const lib of Array.isArray(measure.library) ? measure.library : []) {
    if (typeof lib === 'string' && lib && !ctx.registry.resolve(lib))
      out.add('information', 'not-found', path, rm.measureLibUnknown({ url: lib }));
  }
  const groups = objects(measure.group);
  if (groups.length === 0) {
    out.add('warning', 'required', path, rm.measureNoGroups());
    return out.list;
  }
  groups.forEach((g, i) => {
    const gp = `${path}.group[${i}]`;
    if (groups.length > 1 && g.code === undefined) out.add('warning', 'required', gp, rm.measureGroupCode());
    const pops = objects(g.population);
    if (pops.length === 0) out.add('warning', 'required', gp, rm.measureGroupPop());
    pops.forEach((p, j) => {
      if (pops.length > 1 && p.code === undefined)
        out.add('warning', 'required', `${gp}.population[${j}]`, rm.measureGroupPopNoCode());
    });
    const strata = objects(g.stratifier);
    strata.forEach((s, j) => {
      const sp = `${gp}.stratifier[${j}]`;
      if (strata.length > 1 && s.code === undefined) out.add('warning', 'required', sp, rm.measureStratNoCode());
      const language = isObject(s.criteria) ? str(s.criteria.language) : undefined;
      // CQL needs the compiled library (not checked); any other language Java cannot check either.
      if (language && language !== 'text/cql' && language !== 'text/cql.identifier')
        out.add('warning', 'required', `${sp}.criteria`, rm.measureCriteriaUnknown({ language }));
    });
  });
  return out.list;
}

export function checkMeasureReport(mr: Json, ctx: RuleCtx): Issues['list'] {
  const out = new Issues();
  const path = ctx.path;
  const ref = str(mr.measure);
  if (!ref) {
    out.add('information', 'required', path, rm.mrNoMeasure());
    return out.list;
  }
  const measure = ref.startsWith('#') ? containedMeasure(mr, ref.slice(1)) : registryMeasure(ctx, ref);
  if (!measure) {
    out.add('warning', 'required', path, rm.mrMeasureNotFound({ url: ref }));
    return out.list;
  }
  const scoring = firstCode(measure.scoring);
  if (!scoring || !SCORINGS.includes(scoring))
    out.add('information', 'business-rule', `${path}.measure`, rm.mrScoringUnknown());
  checkGroups({ mr, measure, scoring, out }, path);
  return out.list;
}

function containedMeasure(mr: Json, id: string): Json | undefined {
  return objects(mr.contained).find((c) => c.resourceType === 'Measure' && c.id === id);
}

function registryMeasure(ctx: RuleCtx, ref: string): Json | undefined {
  const r = ctx.registry.resolve(ref);
  return r?.resourceType === 'Measure' ? (r as unknown as Json) : undefined;
}

function firstCode(cc: unknown): string | undefined {
  return isObject(cc) ? str(objects(cc.coding)[0]?.code) : undefined;
}

function codings(cc: unknown): Json[] {
  return isObject(cc) ? objects(cc.coding) : [];
}

/** Some coding of `cc` is in `other` (same system and code). */
function codesMatch(cc: unknown, other: unknown): boolean {
  return codings(cc).some((c) => codings(other).some((o) => o.system === c.system && o.code === c.code));
}

/** As Java writes a CodeableConcept in its messages: `system#code`, `[…, …]` when several, then `: 'text'`. */
function genCC(cc: unknown): string {
  if (!isObject(cc)) return '';
  const cs = codings(cc).map((c) => `${str(c.system) ?? ''}${c.version ? `|${c.version}` : ''}#${str(c.code) ?? ''}`);
  let s = cs.length > 1 ? `[${cs.join(', ')}]` : (cs[0] ?? '');
  if (cs.length && typeof cc.text === 'string') s += ': ';
  if (typeof cc.text === 'string') s += `'${cc.text}'`;
  return s;
}

/** A MeasureReport being checked against its Measure. */
interface Report {
  mr: Json;
  measure: Json;
  scoring: string | undefined;
  out: Issues;
}

function checkGroups(r: Report, path: string): void {
  const { mr, measure, out } = r;
  const mgroups = objects(measure.group);
  if (mgroups.length === 0) return;
  const glist = objects(mr.group);
  if (glist.length === 1 && mgroups.length === 1) {
    const [g, mg] = [glist[0] as Json, mgroups[0] as Json];
    const gp = `${path}.group[0]`;
    if (mg.code !== undefined && g.code !== undefined) {
      if (!codings(g.code).some((c) => c.system && c.code))
        out.add('error', 'business-rule', gp, rm.mrGroupNoUsableCode());
      else if (!codesMatch(g.code, mg.code))
        out.add('error', 'business-rule', gp, rm.mrGroupWrongCode({ code: genCC(g.code), expected: genCC(mg.code) }));
    }
    checkGroup(r, mg, g, gp);
    return;
  }
  const seen = new Set<Json>();
  glist.forEach((g, i) => {
    const gp = `${path}.group[${i}]`;
    if (!isObject(g.code)) {
      out.add('error', 'business-rule', gp, rm.mrGroupNoCode());
      return;
    }
    const mg = mgroups.find((m) => codesMatch(g.code, m.code));
    if (!mg) out.add('error', 'business-rule', gp, rm.mrGroupUnknownCode({ code: genCC(g.code) }));
    else if (seen.has(mg)) out.add('error', 'business-rule', gp, rm.mrGroupDuplicate());
    else {
      seen.add(mg);
      checkGroup(r, mg, g, gp);
    }
  });
  if (mr.type === 'data-collection') return;
  for (const mg of mgroups)
    if (!seen.has(mg)) out.add('error', 'business-rule', path, rm.mrGroupMissing({ code: genCC(mg.code) }));
}

function checkGroup(r: Report, mg: Json, g: Json, gp: string): void {
  const { mr, out } = r;
  const mpops = objects(mg.population);
  const seen = new Set<Json>();
  objects(g.population).forEach((p, i) => {
    const pp = `${gp}.population[${i}]`;
    if (!isObject(p.code)) {
      out.add('error', 'business-rule', pp, rm.mrPopNoCode());
      return;
    }
    const mp = mpops.find((m) => codesMatch(p.code, m.code));
    if (!mp) out.add('error', 'business-rule', pp, rm.mrPopUnknownCode());
    else if (seen.has(mp)) out.add('error', 'business-rule', pp, rm.mrPopDuplicate());
    else {
      seen.add(mp);
      // A subject-list count needs the subject lists resolved: not checked.
      if (mr.type !== 'subject-list') {
        if (p.subjectResults !== undefined) out.add('error', 'business-rule', pp, rm.mrPopNoSubjects());
        if (p.count === undefined) out.add('warning', 'business-rule', pp, rm.mrPopNoCount());
      }
    }
  });
  for (const mp of mpops) {
    const observation = codings(mp.code).some((c) => c.system === POPULATION_SYSTEM && c.code === MEASURE_OBSERVATION);
    if (!seen.has(mp) && !observation) out.add('error', 'business-rule', gp, rm.mrPopMissing({ code: genCC(mp.code) }));
  }
  checkScore(r, g, gp);
  checkStratifiers(r, mg, g, gp);
}

/** Stratifiers match the Measure group's by code (R4: the report's first code), each once, none missing. */
function checkStratifiers(r: Report, mg: Json, g: Json, gp: string): void {
  const { out } = r;
  const mstrata = objects(mg.stratifier);
  const seen = new Set<Json>();
  objects(g.stratifier).forEach((s, i) => {
    const sp = `${gp}.stratifier[${i}]`;
    const code = objects(s.code)[0];
    if (!code) {
      out.add('error', 'business-rule', sp, rm.mrStratNoCode());
      return;
    }
    const ms = mstrata.find((m) => codesMatch(m.code, code));
    if (!ms) out.add('error', 'business-rule', sp, rm.mrStratUnknownCode());
    else if (seen.has(ms)) out.add('error', 'business-rule', sp, rm.mrStratDuplicate());
    else seen.add(ms);
  });
  for (const ms of mstrata)
    if (!seen.has(ms))
      out.add('error', 'business-rule', gp, rm.mrStratMissing({ code: genCC(ms.code), id: str(ms.id) ?? '' }));
}

function checkScore(r: Report, g: Json, gp: string): void {
  const { mr, scoring, out } = r;
  const fixedUnit = objects(r.measure.extension).some((e) => e.url === UNIT_EXTENSION);
  const ms = g.measureScore;
  const sp = `${gp}.measureScore`;
  if (mr.type === 'data-collection') {
    if (ms !== undefined) out.add('error', 'business-rule', sp, rm.mrScoreProhibitedType());
    return;
  }
  if (scoring === 'cohort') {
    if (ms !== undefined) out.add('error', 'business-rule', sp, rm.mrScoreProhibitedCohort());
    return;
  }
  if (scoring !== 'proportion' && scoring !== 'ratio' && scoring !== 'continuous-variable') return;
  if (!isObject(ms)) {
    out.add('error', 'required', gp, rm.mrScoreRequired({ scoring }));
    return;
  }
  if (scoring === 'proportion') {
    for (const k of ['unit', 'system', 'code'])
      if (ms[k] !== undefined) out.add('error', 'business-rule', `${sp}.${k}`, rm.mrScoreUnitProhibited({ scoring }));
  }
  if (ms.value === undefined) {
    out.add('error', 'required', sp, rm.mrScoreValueRequired({ scoring }));
    return;
  }
  if (scoring === 'proportion' && typeof ms.value === 'number' && (ms.value < 0 || ms.value > 1))
    out.add('error', 'required', `${sp}.value`, rm.mrScoreValue01());
  // With the Measure's unit extension Java wants that unit (not checked); without it, a unit.
  if (scoring === 'ratio' && ms.code === undefined && !fixedUnit)
    out.add('warning', 'not-found', sp, rm.mrScoreUnitRequired({ scoring }));
}
