/**
 * The scenarios of erx-pharmacy: homolog, as the prescriber's EMR, puts
 * messages in the pharmacy system's inbox on the switch, tells the operator
 * what to do, and waits until the system has answered them (the switch's
 * ledger, each new entry looked at once).
 */
import type { Bundle } from '@medplum/fhirtypes';
import { cancelRequest, newPrescription } from '../../src/messaging/index.js';
import type { ClientTestContext, ScenarioSpec } from '../../src/suite/client-api.js';
import { sentMessages } from '../../src/suite/client-checks/erx.js';
import { eachNew } from '../../src/suite/client-checks/until.js';
import { fromPrescriber, INBOX_COUNT, prescription, RX_NUMBER, SCENARIO, sentOf } from './support.js';

/** The switch's base URL for the operator. */
function erxBase(t: ClientTestContext): string {
  return t.session.baseUrl.replace(/fhir\/*$/, 'erx');
}

/** Fulfilled once the ledger shows `count` answers to each id (each new entry looked at once). */
function answered(t: ClientTestContext, ids: readonly string[], kind: 'acknowledged' | 'delivered'): () => boolean {
  const left = new Map<string, number>();
  for (const id of ids) left.set(id, (left.get(id) ?? 0) + 1);
  let seen = 0;
  return () => {
    const ledger = t.erx.ledger();
    for (; seen < ledger.length; seen++) {
      const e = ledger[seen];
      const n = e?.kind === kind ? left.get(e.messageId) : undefined;
      if (e === undefined || n === undefined) continue;
      if (n <= 1) left.delete(e.messageId);
      else left.set(e.messageId, n - 1);
    }
    return left.size === 0;
  };
}

/** erxph-inbox: INBOX_COUNT new prescriptions in the inbox; fulfilled once every one was delivered in a poll. */
export function inboxScenario(t: ClientTestContext): ScenarioSpec {
  const ids = Array.from({ length: INBOX_COUNT }, (_, i) =>
    t.erx.inject(newPrescription(fromPrescriber(t, SCENARIO.inbox), prescription(RX_NUMBER.inbox(i + 1)))),
  );
  const base = erxBase(t);
  return {
    instruction: {
      en: `The prescriber sent ${INBOX_COUNT} new prescriptions (${RX_NUMBER.inbox(1)} to ${RX_NUMBER.inbox(INBOX_COUNT)}) to your pharmacy's inbox on the switch (${base}). Open the inbox in your software: it must take every one (the switch answers a page at a time, with next links) and acknowledge each.`,
      fr: `Le prescripteur a envoyé ${INBOX_COUNT} nouvelles ordonnances (${RX_NUMBER.inbox(1)} à ${RX_NUMBER.inbox(INBOX_COUNT)}) dans la boîte de réception de votre pharmacie sur le commutateur (${base}). Ouvrez la boîte de réception dans votre logiciel : il doit les prendre toutes (le commutateur répond une page à la fois, avec des liens next) et accuser réception de chacune.`,
    },
    inputs: { erxBase: base, count: String(INBOX_COUNT), first: RX_NUMBER.inbox(1) },
    until: answered(t, ids, 'delivered'),
  };
}

/**
 * erxph-cancel: a new prescription, then its cancellation request delivered
 * twice with the same MessageHeader.id (the switch's idempotency bypassed);
 * fulfilled once both copies were answered.
 */
export function cancelScenario(t: ClientTestContext): ScenarioSpec {
  const rx = prescription(RX_NUMBER.cancel);
  t.erx.inject(newPrescription(fromPrescriber(t, SCENARIO.cancel), rx));
  const cancel = cancelRequest(fromPrescriber(t, SCENARIO.cancel), rx);
  const id = t.erx.inject(cancel);
  t.erx.inject(cancel, { again: true });
  return {
    instruction: {
      en: `The prescriber sent prescription ${RX_NUMBER.cancel}, then a request to cancel it; the switch delivers the cancellation request twice (same MessageHeader.id ${id}). Take them in your software and cancel the prescription: it answers the request with one cancellation response, and does not process the second copy again.`,
      fr: `Le prescripteur a envoyé l’ordonnance ${RX_NUMBER.cancel}, puis une demande d’annulation; le commutateur livre la demande deux fois (même MessageHeader.id ${id}). Prenez-les dans votre logiciel et annulez l’ordonnance : il répond à la demande par une seule réponse d’annulation, et ne traite pas la seconde copie de nouveau.`,
    },
    inputs: { prescription: RX_NUMBER.cancel, cancelRequest: id },
    until: answered(t, [id, id], 'acknowledged'),
  };
}

/** erxph-dispense: a new prescription to dispense; fulfilled once a dispense notification reached the switch. */
export function dispenseScenario(t: ClientTestContext): ScenarioSpec {
  t.erx.inject(newPrescription(fromPrescriber(t, SCENARIO.dispense), prescription(RX_NUMBER.dispense)));
  return {
    instruction: {
      en: `The prescriber sent prescription ${RX_NUMBER.dispense} (metformin 500 mg, DIN 02242974). Take it in your software, dispense 60 tablets for 30 days, and let the software send the dispense notification to the prescriber.`,
      fr: `Le prescripteur a envoyé l’ordonnance ${RX_NUMBER.dispense} (metformine 500 mg, DIN 02242974). Prenez-la dans votre logiciel, servez 60 comprimés pour 30 jours, et laissez le logiciel envoyer l’avis de service au prescripteur.`,
    },
    inputs: { prescription: RX_NUMBER.dispense, quantity: '60', daysSupply: '30' },
    until: eachNew((r) => sentOf([r], 'dispense-notification').length > 0),
  };
}

/** The malformed prescription: its MessageHeader.focus names no entry of the Bundle. */
export function malformedPrescription(t: ClientTestContext): Bundle {
  const message = newPrescription(fromPrescriber(t, SCENARIO.malformed), prescription(RX_NUMBER.malformed));
  const header = message.entry?.[0]?.resource;
  if (header?.resourceType === 'MessageHeader')
    header.focus = [{ reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' }];
  return message;
}

/**
 * erxph-malformed: a prescription the switch would refuse (its focus does
 * not resolve), put in the inbox as is; fulfilled once the system answered
 * it, or sent an error answer of any kind.
 */
export function malformedScenario(t: ClientTestContext): ScenarioSpec {
  const id = t.erx.inject(malformedPrescription(t));
  return {
    instruction: {
      en: `The prescriber's EMR sent a malformed prescription (${RX_NUMBER.malformed}, MessageHeader.id ${id}: its focus names no entry of the message). Let your software take it: it must refuse it with an error message to the sender.`,
      fr: `Le DME du prescripteur a envoyé une ordonnance mal formée (${RX_NUMBER.malformed}, MessageHeader.id ${id} : son focus ne désigne aucune entrée du message). Laissez votre logiciel la prendre : il doit la refuser par un message d’erreur à l’expéditeur.`,
    },
    inputs: { prescription: RX_NUMBER.malformed, message: id },
    until: eachNew((r) =>
      sentMessages([r]).some((m) => {
        const response = m.read.response;
        return response !== undefined && (response.identifier === id || response.code !== 'ok');
      }),
    ),
  };
}
