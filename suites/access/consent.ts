/** AC-CON: a patient's refusal to share keeps their clinical data from professionals, and the refusal says why. */
import { allows, type PolicyRole } from '../../src/access/policy.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { patientParams, probeParams } from '../../src/suite/search-params.js';
import { assertNone, consentRefusalProblems } from '../../src/suite/vocabulary/index.js';
import type { LocalizedText } from '../../src/util/i18n.js';
import { m } from './messages.js';
import { policy } from './support.js';

export const consentTests: TestDefinition[] = [
  {
    id: 'consent-refusal-respected',
    title: {
      en: 'Professionals get no clinical data of a patient who refused sharing, and the response says why',
      fr: 'Les professionnels n’obtiennent aucune donnée clinique d’un patient qui a refusé le partage, et la réponse dit pourquoi',
    },
    description: {
      en: 'Consent (DSQ policy): for each withheld domain, a search by a professional allowed on it for the refusing patient discloses nothing and says why: 403 or 404 with an OperationOutcome coded with the policy’s outcome code, or 200 with an empty searchset carrying such an OperationOutcome (FHIR search.html#errors).',
      fr: 'Consentement (politique du DSQ) : pour chaque domaine retenu, une recherche par un professionnel autorisé sur ce domaine pour le patient qui refuse ne divulgue rien et dit pourquoi : 403 ou 404 avec un OperationOutcome portant le code de résultat de la politique, ou 200 avec un searchset vide qui porte un tel OperationOutcome (FHIR search.html#errors).',
    },
    verifies: ['AC-CON-01'],
    inputs: ['refusingPatientId'],
    tags: ['consent'],
    async run(t) {
      const p = await policy();
      const refusing = t.input('refusingPatientId');
      const problems: LocalizedText[] = [];
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
            m.consentWhy({ role: actor.role, patient: refusing }),
          ),
        );
        checked++;
      }
      if (checked === 0) t.skip(m.noConsentActor());
      assertNone(problems, m.withheldData({ patient: refusing }));
    },
  },
];
