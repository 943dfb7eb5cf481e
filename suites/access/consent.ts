/** AC-CON: a patient's refusal to share keeps their clinical data from professionals, and the refusal says why. */
import { allows, type PolicyRole } from '../../src/access/policy.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { patientParams, probeParams } from '../../src/suite/search-params.js';
import { assertNone, consentRefusalProblems } from '../../src/suite/vocabulary/index.js';
import { policy } from './support.js';

export const consentTests: TestDefinition[] = [
  {
    id: 'consent-refusal-respected',
    title: 'Professionals get no clinical data of a patient who refused sharing, and the response says why',
    verifies: ['AC-CON-01'],
    inputs: ['refusingPatientId'],
    tags: ['consent'],
    async run(t) {
      const p = await policy();
      const refusing = t.input('refusingPatientId');
      const problems: string[] = [];
      let checked = 0;
      for (const domainName of p.consent.withheld) {
        const domain = p.domains.find((d) => d.name === domainName);
        const actor = t.actors.find(
          (a) =>
            p.consent.professionalRoles.includes(a.role as PolicyRole) &&
            allows(p, a.role as PolicyRole, domainName, 'search'),
        );
        if (!domain || !actor) continue;
        const type = domain.resources[0];
        if (!type) continue;
        const cap = await t.capabilities();
        if (!patientParams(type.type, refusing, cap)) continue;
        const res = await (await t.as(actor.name)).search(
          type.type,
          probeParams(type.type, refusing, type.category, cap),
        );
        problems.push(
          ...consentRefusalProblems(
            res.http,
            p.consent.outcomeCode,
            `as ${actor.role}, Patient/${refusing} refused sharing`,
          ),
        );
        checked++;
      }
      if (checked === 0) t.skip('no professional actor allowed on a withheld domain');
      assertNone(problems, `withheld data of Patient/${refusing}, who refused sharing`);
    },
  },
];
