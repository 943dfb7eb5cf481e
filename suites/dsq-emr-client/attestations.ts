/**
 * dsq-emr-client, what only a person can see (EMC-ATT): the operator attests
 * it. Unattended, these checks end as skip with the reason (never a pass); a
 * 'no' fails them (t.attest).
 */
import type { Observation } from '@medplum/fhirtypes';
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { SCENARIO } from './support.js';

/** The first laboratory result with a reference range among the pages homolog served. */
export function resultWithRange(requests: readonly ReceivedRequest[]): Observation | undefined {
  for (const r of requests) {
    if (r.reply.status !== 200 || r.reply.body === undefined) continue;
    let body: { resourceType?: unknown; entry?: { resource?: Observation }[] };
    try {
      body = JSON.parse(r.reply.body) as typeof body;
    } catch {
      continue;
    }
    if (body.resourceType !== 'Bundle') continue;
    const found = (body.entry ?? [])
      .map((e) => e.resource)
      .find((o) => o?.resourceType === 'Observation' && o.valueQuantity && o.referenceRange?.[0]);
    if (found) return found;
  }
  return undefined;
}

/** `Glucose 7.2 mmol/L, 3.6–6.0 mmol/L (2024-04-10)`: values, units and codes only, the same in both languages. */
export function shownResult(o: Observation): string {
  const q = o.valueQuantity;
  const range = o.referenceRange?.[0];
  const name = o.code?.text ?? o.code?.coding?.[0]?.display ?? o.code?.coding?.[0]?.code ?? 'Observation';
  const unit = q?.unit ?? q?.code ?? '';
  const limits = `${range?.low?.value ?? '…'}–${range?.high?.value ?? '…'} ${range?.high?.unit ?? range?.low?.unit ?? unit}`;
  const day = o.effectiveDateTime?.slice(0, 10);
  return `${name} ${q?.value ?? ''} ${unit}, ${limits}${day ? ` (${day})` : ''}`.replace(/\s+/g, ' ').trim();
}

export const labRangeShown: ClientTestDefinition = {
  id: 'lab-result-shown-with-range',
  title: {
    en: 'The EMR shows a laboratory result with its reference range (attestation)',
    fr: 'Le DMÉ affiche un résultat de laboratoire avec son intervalle de référence (attestation)',
  },
  description: {
    en: 'The operator attests that the EMR displayed a laboratory result homolog served, with its reference range beside it.',
    fr: 'La personne atteste que le DMÉ a affiché un résultat de laboratoire servi par homolog, avec son intervalle de référence à côté.',
  },
  verifies: ['EMC-ATT-01'],
  uses: [SCENARIO.labResults],
  tags: ['laboratory', 'attestation'],
  async run(t) {
    const { received } = t.received(SCENARIO.labResults);
    const result =
      resultWithRange(received) ??
      t.skip({
        en: `the EMR fetched no laboratory result with a reference range in scenario ${SCENARIO.labResults}`,
        fr: `le DMÉ n’a obtenu aucun résultat de laboratoire avec un intervalle de référence pendant le scénario ${SCENARIO.labResults}`,
      });
    const shown = shownResult(result);
    await t.attest({
      fr: `Le DMÉ a-t-il affiché le résultat « ${shown} » avec son intervalle de référence ?`,
      en: `Did the EMR display the result "${shown}" with its reference range?`,
    });
  },
};

export const refusalShown: ClientTestDefinition = {
  id: 'consent-refusal-shown',
  title: {
    en: 'The EMR shows the user that the patient refused sharing (attestation)',
    fr: 'Le DMÉ montre à l’utilisateur que la patiente a refusé le partage (attestation)',
  },
  description: {
    en: 'The operator attests that, when homolog refused the data of the patient who refused sharing, the EMR told the user so (and showed none of her data).',
    fr: 'La personne atteste que, lorsque homolog a refusé les données de la patiente qui refuse le partage, le DMÉ l’a indiqué à l’utilisateur (et n’a montré aucune de ses données).',
  },
  verifies: ['EMC-ATT-02'],
  uses: [SCENARIO.consentRefusal],
  inputs: ['refusingPatientNam'],
  tags: ['consent', 'attestation'],
  async run(t) {
    const { received } = t.received(SCENARIO.consentRefusal);
    if (!received.some((r) => r.reply.status === 403))
      t.skip({
        en: `homolog refused nothing in scenario ${SCENARIO.consentRefusal}: there was no refusal to show`,
        fr: `homolog n’a rien refusé pendant le scénario ${SCENARIO.consentRefusal} : il n’y avait aucun refus à afficher`,
      });
    const nam = t.input('refusingPatientNam');
    await t.attest({
      fr: `Le DMÉ a-t-il indiqué à l’utilisateur que la patiente de NAM ${nam} a refusé le partage de ses données ?`,
      en: `Did the EMR tell the user that the patient with NAM ${nam} refused to share her data?`,
    });
  },
};
