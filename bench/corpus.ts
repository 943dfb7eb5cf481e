/**
 * A synthetic corpus for validator benchmarks: realistic resources of mixed
 * types derived from the reference target's Québec seed data, about 10% of them
 * made invalid by one typical defect each. Deterministic for a given size.
 */
import type { Resource } from '@medplum/fhirtypes';
import { SEED_RESOURCES } from '../src/reference/data.js';

type Json = Record<string, unknown>;

/** One typical defect each: the kinds of errors vendors' data really has. */
const DEFECTS: Array<(r: Json) => void> = [
  (r) => void (r.unknownElement = 'x'),
  (r) => void (r.meta = { lastUpdated: 'yesterday' }),
  (r) => void (r.id = 'bad id with spaces'),
  (r) => void (r.text = { status: 'not-a-status', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' }),
  (r) => void (r.implicitRules = ''),
  (r) => void (r.language = 42),
];

export function corpus(size: number): Resource[] {
  const templates = SEED_RESOURCES.filter((r) => r.resourceType !== 'Bundle');
  const out: Resource[] = [];
  for (let i = 0; i < size; i++) {
    const template = templates[i % templates.length] as Resource;
    const copy = structuredClone(template) as unknown as Json;
    copy.id = `${String(template.id)}-${i}`;
    if (i % 10 === 7) (DEFECTS[((i / 10) % DEFECTS.length) | 0] as (r: Json) => void)(copy);
    out.push(copy as unknown as Resource);
  }
  return out;
}
