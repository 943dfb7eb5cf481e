/**
 * carnet-sante-app, what only a person can see (CSA-ATT): the operator
 * attests it. Unattended, the check ends as skip with the reason (never a
 * pass); a 'no' fails it (t.attest).
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { INJECTED } from './scenarios.js';
import { SCENARIO, slotsOf } from './support.js';

export const takenSlotShown: ClientTestDefinition = {
  id: 'taken-slot-shown',
  title: {
    en: 'The app tells the citizen the slot was taken and offers another (attestation)',
    fr: 'L’application indique à la personne que la plage a été prise et en propose une autre (attestation)',
  },
  description: {
    en: 'The operator attests that, when homolog answered the booking 409 (slot taken meanwhile), the app told the citizen so and offered another slot.',
    fr: 'La personne atteste que, lorsque homolog a répondu 409 à la réservation (plage prise entre-temps), l’application le lui a indiqué et a proposé une autre plage.',
  },
  verifies: ['CSA-ATT-01'],
  uses: [SCENARIO.book],
  tags: ['appointments', 'attestation'],
  async run(t) {
    const { received } = t.received(SCENARIO.book);
    const refused =
      received.find((r) => r.injected === INJECTED.slotTaken) ??
      t.skip({
        en: `homolog refused no booking in scenario ${SCENARIO.book}: there was no taken slot to show`,
        fr: `homolog n’a refusé aucune prise de rendez-vous dans le scénario ${SCENARIO.book} : il n’y avait aucune plage prise à montrer`,
      });
    const slot = slotsOf(refused)[0] ?? 'the slot';
    await t.attest({
      fr: `L’application a-t-elle indiqué au citoyen que la plage choisie (${slot}) venait d’être prise, et lui en a-t-elle proposé une autre ?`,
      en: `Did the app tell the citizen that the chosen slot (${slot}) had just been taken, and offer another one?`,
    });
  },
};
