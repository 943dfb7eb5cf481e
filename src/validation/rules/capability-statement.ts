/** CapabilityStatement rules (InstanceValidator.validateCapabilityStatement): a searchParam's type is its definition's. */
import type { RuleCtx } from './index.js';
import { rm } from './messages.js';
import { searchParameter } from './search-parameters.js';
import { Issues, type Json, objects, str } from './util.js';

export function checkCapabilityStatement(cs: Json, ctx: RuleCtx): Issues['list'] {
  const out = new Issues();
  objects(cs.rest).forEach((rest, r) => {
    objects(rest.resource).forEach((res, i) => {
      objects(res.searchParam).forEach((sp, k) => {
        const ref = str(sp.definition);
        if (!ref) return;
        const def = searchParameter(ctx.registry, ref);
        if (!def?.type || def.type === sp.type) return;
        // Java compares with the type given here even when it is absent.
        out.add(
          'error',
          'invalid',
          `${ctx.path}.rest[${r}].resource[${i}].searchParam[${k}]`,
          rm.csSearchParamWrongType({
            url: def.version ? `${def.url}|${def.version}` : (def.url ?? ref),
            type: def.type,
            given: str(sp.type) ?? 'null',
          }),
        );
      });
    });
  });
  return out.list;
}
