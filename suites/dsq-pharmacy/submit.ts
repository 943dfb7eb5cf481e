/** dsq-pharmacy, submission (PH-SUB): a dispense is created, an invalid one refused, a retried one created once. */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { DIN_SYSTEM } from '../../src/identifiers/index.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { createdIdOf, keyOf, refersTo } from '../../src/suite/references.js';
import {
  assertHeader,
  assertNone,
  assertOutcome,
  assertResource,
  assertStatus,
  ensure,
  label,
  quotedValue,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { dinOf, FILL_SYSTEM, newDispense, pharmacist, SUBMITTED, searchMatches } from './support.js';

/** Whether an error issue of the outcome names one of the words (in its expression, location, diagnostics or text). */
function outcomeMentions(outcome: OperationOutcome, words: readonly RegExp[]): boolean {
  return (outcome.issue ?? []).some(
    (i) =>
      (i.severity === 'error' || i.severity === 'fatal') &&
      words.some((w) =>
        w.test([...(i.expression ?? []), ...(i.location ?? []), i.diagnostics ?? '', i.details?.text ?? ''].join(' ')),
      ),
  );
}

export const submit: TestDefinition[] = [
  {
    id: 'submit-dispense',
    title: {
      en: 'A conformant dispense is created (201, Location) and reads back as submitted',
      fr: 'Une délivrance conforme est créée (201, Location) et se relit telle que soumise',
    },
    description: {
      en: 'A dispense modelled on the patient’s own is submitted: 201 Created with a Location naming MedicationDispense/<id>; read back, it keeps the DIN, the quantity, the patient and the identifier submitted.',
      fr: 'Une délivrance modelée sur celles du patient est soumise : 201 Created avec un Location nommant MedicationDispense/<id>; relue, elle garde le DIN, la quantité, le patient et l’identifiant soumis.',
    },
    verifies: ['PH-SUB-01'],
    makes: [SUBMITTED],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const res = await client.create(dispense, { headers: { prefer: 'return=representation' } });
      assertStatus(res, 201, m.created201());
      assertHeader(res, 'Location', (location) => keyOf(location)?.type === 'MedicationDispense', m.namingDispense());
      const id = createdIdOf(res, 'MedicationDispense') as string;
      const back = await client.read('MedicationDispense', id);
      assertStatus(back, 200, m.createdReadable());
      const stored = assertResource(back, 'MedicationDispense');
      const differences = [
        dinOf(stored) === dinOf(dispense)
          ? undefined
          : m.dinInstead({ got: dinOf(stored) ?? m.none(), sent: dinOf(dispense) ?? m.none() }),
        stored.quantity?.value === dispense.quantity?.value && stored.quantity?.code === dispense.quantity?.code
          ? undefined
          : m.quantityInstead({ got: quotedValue(stored.quantity), sent: quotedValue(dispense.quantity) }),
        refersTo(stored.subject, 'Patient', t.input('patientId'))
          ? undefined
          : m.subjectIs({ subject: stored.subject?.reference ?? m.none() }),
        stored.identifier?.some((i) => i.system === FILL_SYSTEM && i.value === dispense.identifier?.[0]?.value)
          ? undefined
          : m.identifierMissing(),
      ].filter((d) => d !== undefined);
      assertNone(differences, m.storedDiffers({ request: label(back) }));
      t.save(SUBMITTED, back.http);
    },
  },
  {
    id: 'invalid-dispense-refused',
    title: {
      en: 'A dispense with an invalid DIN is refused with 400/422 and an OperationOutcome naming the problem',
      fr: 'Une délivrance avec un DIN invalide est refusée par 400/422 et une OperationOutcome qui nomme le problème',
    },
    description: {
      en: 'The DIN of a dispense modelled on the patient’s own loses a digit (7 digits): the submission is refused with 400 or 422, an error issue names the medication coding or the DIN, and nothing is stored.',
      fr: 'Le DIN d’une délivrance modelée sur celles du patient perd un chiffre (7 chiffres) : la soumission est refusée par 400 ou 422, un problème d’erreur nomme le codage du médicament ou le DIN, et rien n’est enregistré.',
    },
    verifies: ['PH-SUB-02'],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write', 'identifiers'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const din = dinOf(dispense);
      if (din === undefined) t.skip(m.noDinToBreak());
      // A DIN is 8 digits; dropping one is the classic leading-zero loss of spreadsheets.
      const broken = (din as string).slice(1);
      for (const c of dispense.medicationCodeableConcept?.coding ?? []) if (c.system === DIN_SYSTEM) c.code = broken;
      const res = await client.create(dispense);
      assertStatus(res, [400, 422], m.refusedDin({ din: broken }));
      const outcome = assertOutcome(res);
      ensure(
        outcomeMentions(outcome, [/medication/i, /\bDIN\b/i, new RegExp(broken)]),
        m.outcomeNamesNothing({ request: label(res), din: broken }),
      );
      const check = await client.search('MedicationDispense', {
        identifier: `${FILL_SYSTEM}|${dispense.identifier?.[0]?.value ?? ''}`,
      });
      const stored = searchMatches(check, 'MedicationDispense');
      ensure(stored.length === 0, m.refusedStored({ request: label(check), count: stored.length }));
    },
  },
  {
    id: 'conditional-create',
    title: {
      en: 'Submitting the same dispense twice with If-None-Exist creates it once',
      fr: 'Soumettre deux fois la même délivrance avec If-None-Exist la crée une seule fois',
    },
    description: {
      en: 'A pharmacy system retries after a timeout; the conditional create on the dispense’s identifier keeps the record free of duplicates. The second answer is 200 with the existing dispense.',
      fr: 'Un système de pharmacie réessaie après un délai dépassé; la création conditionnelle sur l’identifiant de la délivrance évite les doublons au dossier. La seconde réponse est 200 avec la délivrance existante.',
    },
    verifies: ['PH-SUB-03'],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const identifier = `${FILL_SYSTEM}|${dispense.identifier?.[0]?.value ?? ''}`;
      const headers = { 'if-none-exist': `identifier=${identifier}` };
      const first = await client.create(dispense, { headers });
      assertStatus(first, 201, m.conditionalFirst({ identifier }));
      const second = await client.create(dispense, { headers });
      const found = await client.search('MedicationDispense', { identifier });
      const count = searchMatches(found, 'MedicationDispense').length;
      ensure(count === 1, m.duplicates({ request: label(found), count, status: second.status }));
      assertStatus(second, 200, m.conditionalSecond());
    },
  },
];
