/**
 * The e-prescription events (issue 16): the code system
 * `https://fhir.quebec.ca/CodeSystem/erx-event` and one MessageDefinition per
 * event, as data. scripts/build-profiles.mjs writes profiles/ from this table
 * (CodeSystem, ValueSet, MessageDefinitions), so the validator, the switch and
 * the builders share one definition. Acknowledgements and errors are
 * responses (MessageHeader.response), not events of their own.
 */
import type { LocalizedText } from '../util/i18n.js';
import {
  ERX_EVENT_SYSTEM,
  ERX_EVENT_VALUE_SET,
  ERX_MESSAGE_PROFILE,
  ERX_MESSAGEHEADER_PROFILE,
  erxMessageDefinitionUrl,
} from '../validation/message-bundle.js';

export {
  ERX_EVENT_SYSTEM,
  ERX_EVENT_VALUE_SET,
  ERX_MESSAGE_PROFILE,
  ERX_MESSAGEHEADER_PROFILE,
  erxMessageDefinitionUrl,
};

export type ErxEventCode =
  | 'prescription-new'
  | 'prescription-renewal-request'
  | 'prescription-renewal-response'
  | 'prescription-cancel-request'
  | 'prescription-cancel-response'
  | 'dispense-notification';

/** Who sends a message of the event. */
export type ErxRole = 'prescriber' | 'pharmacy';

/** Endpoints of the systems homolog plays, and the client's default (design: the switch contract). */
export const ERX_ENDPOINTS = {
  prescriber: 'urn:homolog:erx:prescriber',
  pharmacy: 'urn:homolog:erx:pharmacy',
  client: 'urn:homolog:erx:client',
} as const;

const QC_SD = 'https://homolog.quebec/fhir/StructureDefinition';

export interface ErxEvent {
  code: ErxEventCode;
  display: LocalizedText;
  definition: LocalizedText;
  from: ErxRole;
  focus: { type: 'MedicationRequest' | 'MedicationDispense'; profile: string };
  /** MessageDefinition.category. */
  category: 'consequence' | 'notification';
  /** MessageDefinition.responseRequired: what the receiver answers besides the switch's acknowledgement. */
  responseRequired: 'always' | 'on-error';
  /** The event that answers this one (MessageDefinition.allowedResponse). */
  answeredBy?: ErxEventCode;
}

const MEDICATION_REQUEST = { type: 'MedicationRequest', profile: `${QC_SD}/qc-medicationrequest` } as const;

export const ERX_EVENTS: readonly ErxEvent[] = [
  {
    code: 'prescription-new',
    display: { en: 'New prescription', fr: 'Nouvelle ordonnance' },
    definition: {
      en: "The prescriber's EMR sends a new prescription to a pharmacy.",
      fr: 'Le DME du prescripteur transmet une nouvelle ordonnance à une pharmacie.',
    },
    from: 'prescriber',
    focus: MEDICATION_REQUEST,
    category: 'consequence',
    responseRequired: 'on-error',
  },
  {
    code: 'prescription-renewal-request',
    display: { en: 'Prescription renewal request', fr: "Demande de renouvellement d'ordonnance" },
    definition: {
      en: 'The pharmacy asks the prescriber to renew a prescription (the focus).',
      fr: 'La pharmacie demande au prescripteur de renouveler une ordonnance (le focus).',
    },
    from: 'pharmacy',
    focus: MEDICATION_REQUEST,
    category: 'consequence',
    responseRequired: 'always',
    answeredBy: 'prescription-renewal-response',
  },
  {
    code: 'prescription-renewal-response',
    display: { en: 'Prescription renewal response', fr: "Réponse à une demande de renouvellement d'ordonnance" },
    definition: {
      en: 'The prescriber answers a renewal request: the renewed prescription (status active) or the refusal (status cancelled); MessageHeader.response names the request.',
      fr: 'Le prescripteur répond à une demande de renouvellement : l’ordonnance renouvelée (statut active) ou le refus (statut cancelled) ; MessageHeader.response désigne la demande.',
    },
    from: 'prescriber',
    focus: MEDICATION_REQUEST,
    category: 'consequence',
    responseRequired: 'on-error',
  },
  {
    code: 'prescription-cancel-request',
    display: { en: 'Prescription cancellation request', fr: "Demande d'annulation d'ordonnance" },
    definition: {
      en: 'The prescriber asks the pharmacy to cancel a prescription sent earlier (the focus, same identifier).',
      fr: 'Le prescripteur demande à la pharmacie d’annuler une ordonnance transmise plus tôt (le focus, même identifiant).',
    },
    from: 'prescriber',
    focus: MEDICATION_REQUEST,
    category: 'consequence',
    responseRequired: 'always',
    answeredBy: 'prescription-cancel-response',
  },
  {
    code: 'prescription-cancel-response',
    display: { en: 'Prescription cancellation response', fr: "Réponse à une demande d'annulation d'ordonnance" },
    definition: {
      en: 'The pharmacy answers a cancellation request: the prescription (the focus) cancelled, or still active if it was already dispensed; MessageHeader.response names the request.',
      fr: 'La pharmacie répond à une demande d’annulation : l’ordonnance (le focus) annulée, ou encore active si elle a déjà été servie ; MessageHeader.response désigne la demande.',
    },
    from: 'pharmacy',
    focus: MEDICATION_REQUEST,
    category: 'consequence',
    responseRequired: 'on-error',
  },
  {
    code: 'dispense-notification',
    display: { en: 'Dispense notification', fr: 'Avis de service' },
    definition: {
      en: 'The pharmacy tells the prescriber a prescription was dispensed (focus MedicationDispense, authorizingPrescription the prescription).',
      fr: 'La pharmacie avise le prescripteur qu’une ordonnance a été servie (focus MedicationDispense, authorizingPrescription l’ordonnance).',
    },
    from: 'pharmacy',
    focus: { type: 'MedicationDispense', profile: `${QC_SD}/qc-medicationdispense` },
    category: 'notification',
    responseRequired: 'on-error',
  },
];

/** The event of a code, or undefined. */
export function erxEvent(code: string): ErxEvent | undefined {
  return ERX_EVENTS.find((e) => e.code === code);
}

/** The event's Coding, with its English display. */
export function erxEventCoding(code: ErxEventCode): { system: string; code: string; display: string } {
  return { system: ERX_EVENT_SYSTEM, code, display: erxEvent(code)?.display.en ?? code };
}
