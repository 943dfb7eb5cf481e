/**
 * StructureDefinition rules against its baseDefinition
 * (StructureDefinitionValidator): the base resolves (warning), a derivation
 * is declared, kind and type agree with the base (a constraint keeps the
 * type, a specialization changes it), element paths start with the type, no
 * slicing on the differential's root, and the snapshot's own invariants parse
 * (FHIRPath syntax), the differential's cardinality and types within the
 * base's (differential.ts). Differential paths unknown to the base are found
 * by snapshot generation (the walker's snapshot check).
 */
import type { StructureDefinition } from '@medplum/fhirtypes';
import { checkDifferential } from './differential.js';
import type { RuleCtx } from './index.js';
import { rm } from './messages.js';
import { fhirPathSyntaxError, Issues, isObject, type Json, objects, str } from './util.js';

export function checkStructureDefinition(sd: Json, ctx: RuleCtx): Issues['list'] {
  const out = new Issues();
  const path = ctx.path;
  const baseUrl = str(sd.baseDefinition);
  const type = str(sd.type);
  if (baseUrl) {
    const base = ctx.registry.structureDefinition(baseUrl);
    if (!base) out.add('warning', 'not-found', path, rm.sdBaseNotFound({ url: baseUrl }));
    else if (sd.derivation === undefined)
      out.add('error', 'not-found', path, rm.sdMustHaveDerivation({ url: str(sd.url) ?? '' }));
    else {
      checkAgainstBase(sd, base, type, path, out);
      if (sd.derivation === 'constraint') checkDifferential(sd, base, ctx.registry, path, out);
    }
  }
  const typeName = type?.includes('/') ? type.slice(type.lastIndexOf('/') + 1) : type;
  for (const list of ['differential', 'snapshot'] as const) {
    const holder = sd[list];
    if (!isObject(holder)) continue;
    objects(holder.element).forEach((ed, i) => {
      const ep = `${path}.${list}.element[${i}]`;
      const edPath = str(ed.path);
      if (typeName && edPath && edPath !== typeName && !edPath.startsWith(`${typeName}.`))
        out.add('error', 'not-found', ep, rm.sdPathTypeMismatch({ type: typeName, path: edPath }));
      if (list === 'differential' && edPath && !edPath.includes('.') && ed.slicing !== undefined)
        out.add('error', 'invalid', ep, rm.sdNoSlicingOnRoot());
      if (list === 'snapshot') checkInvariants(ed, ep, str(sd.url), out);
    });
  }
  return out.list;
}

function checkAgainstBase(
  sd: Json,
  base: StructureDefinition,
  type: string | undefined,
  path: string,
  out: Issues,
): void {
  if (!base.abstract && sd.kind !== base.kind)
    out.add(
      'error',
      'not-found',
      path,
      rm.sdKindNoMatch({
        kind: String(sd.kind ?? ''),
        baseKind: base.kind ?? '',
        baseType: base.type ?? '',
        url: base.url ?? '',
      }),
    );
  if (sd.derivation === 'constraint' && type !== base.type)
    out.add('error', 'not-found', path, rm.sdTypeNoMatch({ type: type ?? '', baseType: base.type ?? '' }));
  if (sd.derivation === 'specialization' && (type === undefined || type === base.type))
    out.add('error', 'not-found', path, rm.sdSpecializedTypeMatches({ type: type ?? '', baseType: base.type ?? '' }));
}

/** Java parses the snapshot's invariants defined by this profile (no source, or its own URL). */
function checkInvariants(ed: Json, ep: string, url: string | undefined, out: Issues): void {
  objects(ed.constraint).forEach((c, j) => {
    const key = str(c.key);
    const expression = str(c.expression);
    const source = str(c.source);
    if (!key || !expression || (source !== undefined && source !== url)) return;
    const error = fhirPathSyntaxError(expression);
    if (error)
      out.add('error', 'invalid', `${ep}.constraint[${j}]`, rm.sdInvariantExpressionError({ key, expression, error }));
  });
}
