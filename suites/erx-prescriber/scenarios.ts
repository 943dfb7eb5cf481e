/**
 * The scenarios of erx-prescriber: what the operator does in the EMR
 * (instructions naming the real values), the answers homolog injects, and
 * when each is fulfilled. The automation (the reference client) says done
 * when it has acted, so a scenario never waits its time limit for it.
 */
import type { ClientTestContext, ReceivedRequest, ScenarioSpec } from '../../src/suite/client-api.js';
import { answerOf, isErxSend, sentMessages } from '../../src/suite/client-checks/erx.js';
import { after, eachNew } from '../../src/suite/client-checks/until.js';
import { RETRY_AFTER_SECONDS, RX_NUMBER, scenarioInputs, written } from './support.js';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

/** Whether a request sends a message answering `id`. */
const answers =
  (id: string) =>
  (r: ReceivedRequest): boolean =>
    sentMessages([r]).some((m) => answerOf(m)?.identifier === id);

/** erxp-new: the prescription written and sent; the first send is answered 503 with Retry-After. */
export function newScenario(t: ClientTestContext): ScenarioSpec {
  const w = written();
  return {
    instruction: {
      en: `Write a prescription for ${w.patient} (NAM ${w.nam}): ${w.drug} (DIN ${w.din}), "${w.dosage}", ${w.quantity} tablets, ${w.repeats} repeats, prescription number ${RX_NUMBER} if your EMR lets you choose it; send it to Pharmacie Saint-Denis (${scenarioInputs(t).pharmacyEndpoint}). The switch answers the first attempt 503 (unavailable, Retry-After: ${RETRY_AFTER_SECONDS} s): let your EMR send it again.`,
      fr: `Rédigez une ordonnance pour ${w.patient} (NAM ${w.nam}) : ${w.drug} (DIN ${w.din}), « ${w.dosage} », ${w.quantity} comprimés, ${w.repeats} renouvellements, numéro d’ordonnance ${RX_NUMBER} si votre DMÉ permet de le choisir ; transmettez-la à la Pharmacie Saint-Denis (${scenarioInputs(t).pharmacyEndpoint}). Le commutateur répond à la première tentative 503 (indisponible, Retry-After : ${RETRY_AFTER_SECONDS} s) : laissez votre DMÉ la renvoyer.`,
    },
    inputs: { ...scenarioInputs(t), din: w.din, nam: w.nam, quantity: String(w.quantity), repeats: String(w.repeats) },
    inject: [
      {
        name: 'switch-unavailable-503',
        when: isErxSend,
        reply: {
          status: 503,
          headers: { ...FHIR_JSON, 'retry-after': String(RETRY_AFTER_SECONDS) },
          body: {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'transient', diagnostics: 'The switch is briefly unavailable' }],
          },
        },
      },
    ],
    until: after(
      (r) => isErxSend(r) && r.reply.status === 503,
      (r) => isErxSend(r) && r.reply.status === 200,
    ),
  };
}

/** erxp-renewal: the pharmacy's renewal request (message `requestId`) waits in the EMR's inbox. */
export function renewalScenario(t: ClientTestContext, requestId: string): ScenarioSpec {
  return {
    instruction: {
      en: `Pharmacie Saint-Denis asks you to renew prescription ${RX_NUMBER}: the request waits in your EMR's inbox on the switch. Take it and approve the renewal: your EMR sends the renewal response.`,
      fr: `La Pharmacie Saint-Denis vous demande de renouveler l’ordonnance ${RX_NUMBER} : la demande attend dans la boîte de réception de votre DMÉ sur le commutateur. Prenez-la et approuvez le renouvellement : votre DMÉ transmet la réponse de renouvellement.`,
    },
    inputs: { ...scenarioInputs(t), renewalRequest: requestId },
    until: eachNew(
      (r) =>
        isErxSend(r) && sentMessages([r]).some((m) => answerOf(m)?.identifier === requestId && m.read.focus.length > 0),
    ),
  };
}

/** erxp-cancel: the prescription sent earlier cancelled. */
export function cancelScenario(t: ClientTestContext): ScenarioSpec {
  return {
    instruction: {
      en: `Cancel prescription ${RX_NUMBER} you sent earlier (the patient stops the drug): your EMR sends the cancellation request to Pharmacie Saint-Denis.`,
      fr: `Annulez l’ordonnance ${RX_NUMBER} transmise plus tôt (la patiente cesse le médicament) : votre DMÉ transmet la demande d’annulation à la Pharmacie Saint-Denis.`,
    },
    inputs: scenarioInputs(t),
    until: eachNew((r) => isErxSend(r) && sentMessages([r]).some((m) => answerOf(m) === undefined)),
  };
}

/** erxp-cancel-response: the pharmacy's cancellation response (message `responseId`) waits in the EMR's inbox. */
export function cancelResponseScenario(t: ClientTestContext, responseId: string): ScenarioSpec {
  return {
    instruction: {
      en: `Pharmacie Saint-Denis answered your cancellation of prescription ${RX_NUMBER}: take the answer from your EMR's inbox.`,
      fr: `La Pharmacie Saint-Denis a répondu à votre annulation de l’ordonnance ${RX_NUMBER} : prenez la réponse dans la boîte de réception de votre DMÉ.`,
    },
    inputs: { ...scenarioInputs(t), cancelResponse: responseId },
    until: eachNew(answers(responseId)),
  };
}

/** erxp-error: the pharmacy's error message (`errorId`) about the EMR's message waits in its inbox. */
export function errorScenario(t: ClientTestContext, errorId: string): ScenarioSpec {
  return {
    instruction: {
      en: `Pharmacie Saint-Denis could not process one of your messages about prescription ${RX_NUMBER} (the patient's coverage could not be confirmed): its error message waits in your EMR's inbox. Take it; your EMR must show it to you.`,
      fr: `La Pharmacie Saint-Denis n’a pas pu traiter l’un de vos messages au sujet de l’ordonnance ${RX_NUMBER} (la couverture de la patiente n’a pu être confirmée) : son message d’erreur attend dans la boîte de réception de votre DMÉ. Prenez-le ; votre DMÉ doit vous l’afficher.`,
    },
    inputs: { ...scenarioInputs(t), error: errorId },
    until: eachNew(answers(errorId)),
  };
}
