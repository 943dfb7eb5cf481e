/**
 * dsq-pharmacy-client, submissions (PHC-SUB): the dispense the pharmacy
 * sends conforms to the Québec profile, is created once (conditional create
 * on its business identifier) even when retried, is corrected with If-Match
 * and re-applied after a 412, and is cancelled by its status, never deleted.
 */
import type { ClientTestContext, ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import {
  describe,
  objectOf,
  replyHeader,
  replyJson,
  searchedType,
  succeeded,
} from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { conformanceErrors, describeIssues } from '../../src/suite/vocabulary/index.js';
import {
  CANCELLED_STATUSES,
  cancelScenario,
  correctScenario,
  createdDispenseId,
  statusOf,
  submitScenario,
} from './scenarios.js';
import {
  canonicalJson,
  conclude,
  DISPENSE_PROFILE,
  dispenseUpdated,
  isDispenseCreate,
  type Judgement,
  jsonBody,
  ofScenario,
  paramValues,
  problem,
  SCENARIO,
} from './support.js';

/** How many distinct dispense bodies PHC-SUB-01 validates: a flooding client cannot make it validate thousands. */
export const MAX_VALIDATED = 20;

/** PHC-SUB-01: each dispense the client submitted is a MedicationDispense conforming to qc-medicationdispense. */
export function dispenseConformanceProblems(requests: readonly ReceivedRequest[]): Judgement {
  const creates = requests.filter(isDispenseCreate);
  const bodies = new Map<string, ReceivedRequest>();
  for (const r of creates) if (!bodies.has(r.body ?? '')) bodies.set(r.body ?? '', r);
  const judged = [...bodies.values()].slice(0, MAX_VALIDATED);
  const problems = judged.flatMap((r): Bilingual[] => {
    const body = objectOf(jsonBody(r));
    if (body?.resourceType !== 'MedicationDispense')
      return [
        problem(
          `${describe(r)}: the body is not a MedicationDispense JSON resource`,
          `${describe(r)} : le corps n'est pas une ressource MedicationDispense JSON`,
        ),
      ];
    const errors = conformanceErrors(body, DISPENSE_PROFILE);
    return errors.length === 0
      ? []
      : [
          problem(
            `${describe(r)}: ${describeIssues(errors, 3).en}`,
            `${describe(r)} : non conforme, ${describeIssues(errors, 3).fr}`,
          ),
        ];
  });
  if (bodies.size > MAX_VALIDATED)
    problems.push(
      ...(problems.length > 0
        ? [
            problem(
              `(only the first ${MAX_VALIDATED} of ${bodies.size} different dispenses were validated)`,
              `(seules les ${MAX_VALIDATED} premières des ${bodies.size} délivrances différentes ont été validées)`,
            ),
          ]
        : []),
    );
  return { judged: judged.length, problems };
}

/** `system|value` of each identifier the body carries with both. */
function identifiersOf(r: ReceivedRequest): string[] {
  const list = objectOf(jsonBody(r))?.identifier;
  if (!Array.isArray(list)) return [];
  return list
    .map(objectOf)
    .filter((i) => typeof i?.system === 'string' && typeof i.value === 'string' && i.value !== '')
    .map((i) => `${String(i?.system)}|${String(i?.value)}`);
}

/** Whether an identifier search value (`system|value` or `value`) names one of the identifiers. */
function names(value: string, identifiers: readonly string[]): boolean {
  return identifiers.some((id) => id === value || id.slice(id.indexOf('|') + 1) === value);
}

/** Whether the create is conditional on one of its own identifiers (If-None-Exist: identifier=…). */
function conditionalOn(r: ReceivedRequest, identifiers: readonly string[]): boolean {
  const header = r.headers['if-none-exist'];
  if (header === undefined || header.trim() === '') return false;
  return new URLSearchParams(header.replace(/^\?/, '')).getAll('identifier').some((v) => names(v, identifiers));
}

/**
 * PHC-SUB-02: each dispense create carries a business identifier; a create
 * that repeats an identifier already sent is conditional on it or follows a
 * search by it; no identifier is created twice.
 */
export function idempotentCreateProblems(requests: readonly ReceivedRequest[]): Judgement {
  const problems: Bilingual[] = [];
  const created = new Map<string, number>();
  // One pass: where each identifier was last sent, and last searched for.
  const lastSent = new Map<string, number>();
  const lastSearched = new Map<string, number>();
  let judged = 0;
  requests.forEach((r, i) => {
    if (searchedType(r) === 'MedicationDispense') for (const v of paramValues(r, 'identifier')) lastSearched.set(v, i);
    if (!isDispenseCreate(r)) return;
    judged += 1;
    const ids = identifiersOf(r);
    if (ids.length === 0) {
      problems.push(
        problem(
          `${describe(r)}: the dispense carries no business identifier (system and value)`,
          `${describe(r)} : la délivrance ne porte aucun identifiant d'affaires (système et valeur)`,
        ),
      );
      return;
    }
    const previous = Math.max(-1, ...ids.map((id) => lastSent.get(id) ?? -1));
    if (previous >= 0 && !conditionalOn(r, ids)) {
      const searched = Math.max(
        -1,
        ...ids.flatMap((id) => [lastSearched.get(id) ?? -1, lastSearched.get(id.slice(id.indexOf('|') + 1)) ?? -1]),
      );
      if (searched < previous)
        problems.push(
          problem(
            `${describe(r)}: sends ${ids[0]} again without If-None-Exist and without first searching the record by that identifier (a duplicate if the first create went through)`,
            `${describe(r)} : renvoie ${ids[0]} sans If-None-Exist et sans chercher d'abord cet identifiant dans le dossier (un doublon si la première création a abouti)`,
          ),
        );
    }
    for (const id of ids) lastSent.set(id, i);
    if (r.reply.status === 201) for (const id of ids) created.set(id, (created.get(id) ?? 0) + 1);
  });
  for (const [id, count] of created)
    if (count > 1)
      problems.push(
        problem(`the dispense ${id} was created ${count} times`, `la délivrance ${id} a été créée ${count} fois`),
      );
  return { judged, problems };
}

/** An entity tag's opaque value, weak or strong (`W/"2"` and `"2"` both give 2). */
function tagValue(tag: string | undefined): string | undefined {
  return tag === undefined ? undefined : /^(?:W\/)?"([^"]*)"$/.exec(tag.trim())?.[1];
}

/** PHC-SUB-03: every update of a dispense carries If-Match with an entity tag (not `*`). */
export function ifMatchProblems(requests: readonly ReceivedRequest[]): Judgement {
  const updates = requests.filter((r) => dispenseUpdated(r) !== undefined);
  const problems = updates.flatMap((r): Bilingual[] => {
    const ifMatch = r.headers['if-match'];
    if (ifMatch === undefined || ifMatch.trim() === '')
      return [
        problem(
          `${describe(r)}: no If-Match (the update overwrites whatever version the record holds)`,
          `${describe(r)} : aucun If-Match (la mise à jour écrase la version que détient le dossier, quelle qu'elle soit)`,
        ),
      ];
    if (tagValue(ifMatch) === undefined)
      return [
        problem(
          `${describe(r)}: If-Match ${JSON.stringify(ifMatch)} is not the entity tag of a version read (W/"<versionId>")`,
          `${describe(r)} : If-Match ${JSON.stringify(ifMatch)} n'est pas l'étiquette d'une version lue (W/"<versionId>")`,
        ),
      ];
    return [];
  });
  return { judged: updates.length, problems };
}

/** The version a read answered: its ETag, else W/"<meta.versionId>". */
function versionRead(r: ReceivedRequest): string | undefined {
  const etag = tagValue(replyHeader(r, 'etag'));
  if (etag !== undefined) return etag;
  const versionId = objectOf(objectOf(replyJson(r))?.meta)?.versionId;
  return typeof versionId === 'string' ? versionId : undefined;
}

const NOT_CONTENT = new Set(['meta', 'id', 'text']);

/**
 * PHC-SUB-04: after a 412 to an update, the client reads the dispense again
 * and sends a new update with If-Match on the version it read, carrying the
 * correction it meant (the elements its refused update changed).
 */
export function conflictProblems(requests: readonly ReceivedRequest[]): Judgement {
  let judged = 0;
  const problems: Bilingual[] = [];
  // One pass: per dispense, the update answered 412 still awaiting its retry, and the last read since.
  const pending = new Map<string, { refused: ReceivedRequest; reread?: ReceivedRequest }>();
  for (const r of requests) {
    const read = r.method === 'GET' && r.endpoint === 'fhir' && /^MedicationDispense\/([^/]+)$/.exec(r.path)?.[1];
    if (read && succeeded(r)) {
      const waiting = pending.get(read);
      if (waiting) waiting.reread = r;
    }
    const id = dispenseUpdated(r);
    if (id === undefined) continue;
    const waiting = pending.get(id);
    if (waiting) {
      pending.delete(id);
      problems.push(...retryProblems(waiting.refused, waiting.reread, r, id));
    }
    if (r.reply.status === 412) {
      judged += 1;
      pending.set(id, { refused: r });
    }
  }
  for (const { refused } of pending.values())
    problems.push(
      problem(
        `${describe(refused)} was answered 412, and no new update followed: the correction was not re-applied`,
        `${describe(refused)} a reçu 412, et aucune nouvelle mise à jour n'a suivi : la correction n'a pas été réappliquée`,
      ),
    );
  return { judged, problems };
}

/** What is wrong with the update that followed a 412: sent without a re-read, on another version, or without the correction. */
function retryProblems(
  refused: ReceivedRequest,
  reread: ReceivedRequest | undefined,
  retry: ReceivedRequest,
  id: string,
): Bilingual[] {
  if (reread === undefined)
    return [
      problem(
        `${describe(retry)}: sent again after the 412 without reading MedicationDispense/${id} first (a blind overwrite)`,
        `${describe(retry)} : renvoyée après le 412 sans relire d'abord MedicationDispense/${id} (un écrasement à l'aveugle)`,
      ),
    ];
  const problems: Bilingual[] = [];
  const version = versionRead(reread);
  const ifMatch = tagValue(retry.headers['if-match']);
  if (version === undefined || ifMatch !== version)
    problems.push(
      problem(
        `${describe(retry)}: If-Match ${JSON.stringify(retry.headers['if-match'] ?? 'absent')} is not the version re-read (${version ?? 'none'})`,
        `${describe(retry)} : If-Match ${JSON.stringify(retry.headers['if-match'] ?? 'absent')} n'est pas la version relue (${version ?? 'aucune'})`,
      ),
    );
  const meant = objectOf(jsonBody(refused));
  const current = objectOf(replyJson(reread));
  const sent = objectOf(jsonBody(retry));
  if (meant === undefined || current === undefined || sent === undefined) return problems;
  const lost = Object.keys(meant).filter(
    (k) =>
      !NOT_CONTENT.has(k) &&
      canonicalJson(meant[k]) !== canonicalJson(current[k]) &&
      canonicalJson(sent[k]) !== canonicalJson(meant[k]),
  );
  if (lost.length > 0)
    problems.push(
      problem(
        `${describe(retry)}: the correction is not re-applied (${lost.join(', ')} not as in the refused update)`,
        `${describe(retry)} : la correction n'est pas réappliquée (${lost.join(', ')} pas comme dans la mise à jour refusée)`,
      ),
    );
  return problems;
}

/** PHC-SUB-05: the dispense cancelled by an update of its status; no DELETE of a dispense. */
export function cancellationProblems(requests: readonly ReceivedRequest[], dispenseId: string): Judgement {
  const deletes = requests.filter((r) => r.endpoint === 'fhir' && r.method === 'DELETE');
  const problems: Bilingual[] = deletes.map((r) =>
    problem(
      `${describe(r)}: a dispense is cancelled through its status, never deleted`,
      `${describe(r)} : une délivrance s'annule par son statut, jamais par une suppression`,
    ),
  );
  const cancelled = requests.some((r) => dispenseUpdated(r) === dispenseId && CANCELLED_STATUSES.includes(statusOf(r)));
  if (!cancelled)
    problems.push(
      problem(
        `no update set the status of MedicationDispense/${dispenseId} to ${CANCELLED_STATUSES.join(' or ')}`,
        `aucune mise à jour n'a mis le statut de MedicationDispense/${dispenseId} à ${CANCELLED_STATUSES.join(' ou ')}`,
      ),
    );
  return { judged: requests.length, problems };
}

/** The dispense the submission scenario created (skips when none was). */
function submittedId(t: ClientTestContext): string {
  const id = createdDispenseId(t.received(SCENARIO.submit).received);
  if (id === undefined)
    t.skip({
      en: 'the submission scenario created no dispense to correct or cancel',
      fr: 'le scénario de soumission n’a créé aucune délivrance à corriger ou à annuler',
    });
  return id;
}

export const submissions: ClientTestDefinition[] = [
  {
    id: 'dispense-conforms',
    title: {
      en: 'The submitted dispense conforms to the Québec profile (DIN, UCUM, NAM, licence)',
      fr: 'La délivrance soumise est conforme au profil québécois (DIN, UCUM, NAM, permis)',
    },
    description: {
      en: 'The operator records a dispense of the test prescription and sends it; every MedicationDispense the client creates is validated against the Québec profile by homolog’s validator (DIN, UCUM quantity, patient NAM, pharmacist licence).',
      fr: 'La personne enregistre une délivrance de l’ordonnance de test et l’envoie; chaque MedicationDispense que crée le client est validé selon le profil québécois par le validateur de homolog (DIN, quantité UCUM, NAM du patient, permis du pharmacien).',
    },
    verifies: ['PHC-SUB-01'],
    makes: [SCENARIO.submit],
    inputs: ['patientNam', 'patientId', 'medicationRequestDin', 'medicationRequestId', 'pharmacistId'],
    tags: ['submissions', 'profiles'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.submit, submitScenario(t));
      conclude(t, received, dispenseConformanceProblems(received), {
        scenario: SCENARIO.submit,
        nothing: {
          en: 'the client submitted no dispense (POST MedicationDispense)',
          fr: 'le client n’a soumis aucune délivrance (POST MedicationDispense)',
        },
        cite: (r) => isDispenseCreate(r),
        headline: {
          en: `the submitted dispense does not conform to ${DISPENSE_PROFILE}`,
          fr: `la délivrance soumise n’est pas conforme à ${DISPENSE_PROFILE}`,
        },
      });
    },
  },
  {
    id: 'dispense-created-once',
    title: {
      en: 'The dispense carries a business identifier, its retry is conditional, and it is created once',
      fr: 'La délivrance porte un identifiant métier, sa reprise est conditionnelle, et elle n’est créée qu’une fois',
    },
    description: {
      en: 'homolog answers the first submission 503 with Retry-After; each create carries a business identifier and is conditional on it (If-None-Exist), or the client searches by it before sending again: the dispense exists once.',
      fr: 'homolog répond à la première soumission par 503 avec Retry-After; chaque création porte un identifiant métier et est conditionnelle à celui-ci (If-None-Exist), ou le client le recherche avant de la renvoyer : la délivrance n’existe qu’une fois.',
    },
    verifies: ['PHC-SUB-02'],
    uses: [SCENARIO.submit],
    tags: ['submissions'],
    async run(t) {
      const { received } = t.received(SCENARIO.submit);
      conclude(t, received, idempotentCreateProblems(received), {
        scenario: SCENARIO.submit,
        nothing: {
          en: 'the client submitted no dispense (POST MedicationDispense)',
          fr: 'le client n’a soumis aucune délivrance (POST MedicationDispense)',
        },
        cite: (r) => r.endpoint === 'fhir',
        headline: {
          en: 'the dispense submission is not safe to retry',
          fr: 'la soumission de la délivrance ne se répète pas sans risque',
        },
      });
    },
  },
  {
    id: 'correction-reapplied-after-412',
    title: {
      en: 'On a 412 the client re-reads the dispense and re-applies its correction with the new version',
      fr: 'Sur un 412, le client relit la délivrance et réapplique sa correction sur la nouvelle version',
    },
    description: {
      en: 'The operator corrects the dispense just recorded; homolog answers the first correction 412 (changed meanwhile). The client reads the dispense again, then sends its correction with If-Match on the new version: no blind overwrite.',
      fr: 'La personne corrige la délivrance qu’elle vient d’enregistrer; homolog répond à la première correction par 412 (modifiée entre-temps). Le client relit la délivrance, puis renvoie sa correction avec If-Match sur la nouvelle version : pas d’écrasement à l’aveugle.',
    },
    verifies: ['PHC-SUB-04'],
    uses: [SCENARIO.submit],
    makes: [SCENARIO.correct],
    tags: ['submissions', 'concurrency'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.correct, correctScenario(submittedId(t)));
      conclude(t, received, conflictProblems(received), {
        scenario: SCENARIO.correct,
        nothing: {
          en: 'no update of the dispense was answered 412 (homolog answers 412 only to an update that carries If-Match)',
          fr: 'aucune mise à jour de la délivrance n’a reçu 412 (homolog ne répond 412 qu’à une mise à jour qui porte If-Match)',
        },
        cite: (r) => r.endpoint === 'fhir',
        headline: {
          en: 'the correction was not re-applied on the version re-read after the 412',
          fr: 'la correction n’a pas été réappliquée sur la version relue après le 412',
        },
      });
    },
  },
  {
    id: 'cancelled-by-status',
    title: {
      en: 'The dispense is cancelled by an update of its status, never by a DELETE',
      fr: 'La délivrance est annulée par une mise à jour de son statut, jamais par un DELETE',
    },
    description: {
      en: 'The operator cancels the dispense; the client updates it (PUT) to a cancelled status and sends no DELETE.',
      fr: 'La personne annule la délivrance; le client la met à jour (PUT) à un statut d’annulation et n’envoie aucun DELETE.',
    },
    verifies: ['PHC-SUB-05'],
    uses: [SCENARIO.submit],
    makes: [SCENARIO.cancel],
    tags: ['submissions'],
    async run(t) {
      const id = submittedId(t);
      const { received } = await t.scenario(SCENARIO.cancel, cancelScenario(id));
      conclude(t, received, cancellationProblems(received, id), {
        scenario: SCENARIO.cancel,
        nothing: { en: 'nothing arrived', fr: 'rien n’est arrivé' },
        cite: (r) => r.endpoint === 'fhir',
        headline: {
          en: `MedicationDispense/${id} was not cancelled by its status`,
          fr: `MedicationDispense/${id} n’a pas été annulée par son statut`,
        },
      });
    },
  },
  {
    id: 'updates-carry-if-match',
    title: {
      en: 'Every correction and cancellation is a PUT with If-Match on the version read',
      fr: 'Chaque correction et chaque annulation est un PUT avec If-Match sur la version lue',
    },
    description: {
      en: 'Over the correction and cancellation scenarios, every update of a dispense is a PUT carrying If-Match with the version the client last read.',
      fr: 'Sur les scénarios de correction et d’annulation, chaque mise à jour d’une délivrance est un PUT portant If-Match avec la version que le client a lue en dernier.',
    },
    verifies: ['PHC-SUB-03'],
    uses: [SCENARIO.correct],
    tags: ['submissions', 'concurrency'],
    async run(t) {
      t.received(SCENARIO.correct);
      const updates = [...ofScenario(t.all(), SCENARIO.correct), ...ofScenario(t.all(), SCENARIO.cancel)];
      conclude(t, updates, ifMatchProblems(updates), {
        nothing: {
          en: 'the client sent no update of the dispense (PUT MedicationDispense/<id>)',
          fr: 'le client n’a envoyé aucune mise à jour de la délivrance (PUT MedicationDispense/<id>)',
        },
        cite: (r) => dispenseUpdated(r) !== undefined,
        headline: {
          en: 'an update of the dispense did not carry If-Match',
          fr: 'une mise à jour de la délivrance ne portait pas If-Match',
        },
      });
    },
  },
];
