/**
 * Named fault switches of the reference target. Each one breaks exactly one
 * requirement of one suite's catalogue, so the project's tests can prove that
 * every check fails where it should (and only there). Faults can be combined.
 * API faults are applied by the HTTP shell; data faults (data-faults.ts) alter
 * the seed resources.
 */

export interface FaultDefinition {
  name: string;
  /** The suite whose requirement breaks. */
  suite: string;
  /** The requirement id (in that suite's catalogue) this fault makes fail. */
  breaks: string;
  description: { fr: string; en: string };
  /**
   * Requirements the same defect also makes fail, per suite: every failing
   * requirement id of that suite (for `suite`, in addition to `breaks`).
   */
  alsoBreaks?: Readonly<Record<string, readonly string[]>>;
}

/** A variation's declared change to a fault's failures (variations.ts, VariationDefinition.faultChanges). */
export interface FaultChange {
  fault: string;
  suite: string;
  spares?: readonly string[];
  breaks?: readonly string[];
  reason: string;
}

/**
 * Every suite a fault shows in, with the exact set of requirement ids that
 * fail there; `changes`: what the variations switched on declare they spare.
 */
export function faultExpectations(
  fault: FaultDefinition,
  changes: readonly FaultChange[] = [],
): { suite: string; requirements: string[] }[] {
  const bySuite = new Map<string, Set<string>>([[fault.suite, new Set([fault.breaks])]]);
  for (const [suite, ids] of Object.entries(fault.alsoBreaks ?? {})) {
    const set = bySuite.get(suite) ?? new Set<string>();
    for (const id of ids) set.add(id);
    bySuite.set(suite, set);
  }
  for (const change of changes.filter((c) => c.fault === fault.name)) {
    const set = bySuite.get(change.suite) ?? new Set<string>();
    for (const id of change.spares ?? []) set.delete(id);
    for (const id of change.breaks ?? []) set.add(id);
    bySuite.set(change.suite, set);
  }
  return [...bySuite]
    .filter(([, ids]) => ids.size > 0)
    .map(([suite, ids]) => ({ suite, requirements: [...ids].sort() }));
}

export const FAULTS = [
  {
    name: 'metadata-missing',
    suite: 'fhir-core',
    breaks: 'FC-CAP-01',
    description: {
      fr: 'GET [base]/metadata répond 404 au lieu de retourner le CapabilityStatement.',
      en: 'GET [base]/metadata answers 404 instead of returning the CapabilityStatement.',
    },
  },
  {
    name: 'wrong-fhir-version',
    suite: 'fhir-core',
    breaks: 'FC-CAP-02',
    description: {
      fr: 'Le CapabilityStatement déclare fhirVersion 4.0.0 au lieu de 4.0.1.',
      en: 'The CapabilityStatement declares fhirVersion 4.0.0 instead of 4.0.1.',
    },
  },
  {
    name: 'capability-no-json',
    suite: 'fhir-core',
    breaks: 'FC-CAP-03',
    description: {
      fr: 'Le CapabilityStatement ne déclare que le format xml (il reste servi en JSON).',
      en: 'The CapabilityStatement declares only the xml format (it is still served as JSON).',
    },
  },
  {
    name: 'capability-no-resources',
    suite: 'fhir-core',
    breaks: 'FC-CAP-04',
    description: {
      fr: 'Le CapabilityStatement ne liste aucune ressource (rest[0].resource absent).',
      en: 'The CapabilityStatement lists no resource (rest[0].resource absent).',
    },
  },
  {
    name: 'metadata-requires-auth',
    suite: 'fhir-core',
    breaks: 'FC-CAP-05',
    description: {
      fr: 'GET [base]/metadata sans jeton répond 401; avec un jeton valide il fonctionne.',
      en: 'GET [base]/metadata without a token answers 401; with a valid token it works.',
    },
  },
  {
    name: 'read-id-mismatch',
    suite: 'fhir-core',
    breaks: 'FC-READ-01',
    description: {
      fr: "La lecture d'une ressource des données de départ la retourne avec un autre identifiant (id + '-x').",
      en: "Reading a seeded resource returns it with another id (id + '-x').",
    },
  },
  {
    name: 'unknown-id-200',
    suite: 'fhir-core',
    breaks: 'FC-READ-02',
    description: {
      fr: "La lecture d'un identifiant inconnu répond 200 avec un OperationOutcome au lieu de 404.",
      en: 'Reading an unknown id answers 200 with an OperationOutcome instead of 404.',
    },
  },
  {
    name: 'no-etag',
    suite: 'fhir-core',
    breaks: 'FC-READ-03',
    description: {
      fr: "Les réponses de lecture (read, vread) ne portent pas d'en-tête ETag.",
      en: 'Read responses (read, vread) carry no ETag header.',
    },
  },
  {
    name: 'no-last-modified',
    suite: 'fhir-core',
    breaks: 'FC-READ-04',
    description: {
      fr: "Les réponses ne portent pas d'en-tête Last-Modified.",
      en: 'Responses carry no Last-Modified header.',
    },
  },
  {
    name: 'no-version-id',
    suite: 'fhir-core',
    breaks: 'FC-VER-01',
    description: {
      fr: "La ressource lue n'a pas de meta.versionId (l'ETag et vread restent corrects).",
      en: 'The resource read has no meta.versionId (the ETag and vread stay correct).',
    },
  },
  {
    name: 'vread-broken',
    suite: 'fhir-core',
    breaks: 'FC-VREAD-01',
    description: {
      fr: 'GET [type]/[id]/_history/[vid] répond toujours 404.',
      en: 'GET [type]/[id]/_history/[vid] always answers 404.',
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-UPD-03'] },
  },
  {
    name: 'conditional-read-ignored',
    suite: 'fhir-core',
    breaks: 'FC-CREAD-01',
    description: {
      fr: 'If-None-Match est ignoré: la lecture répond toujours 200, jamais 304.',
      en: 'If-None-Match is ignored: a read always answers 200, never 304.',
    },
  },
  {
    name: 'search-wrong-bundle-type',
    suite: 'fhir-core',
    breaks: 'FC-SEARCH-01',
    description: {
      fr: 'Les résultats de recherche sont un Bundle de type collection au lieu de searchset.',
      en: 'Search results are a Bundle of type collection instead of searchset.',
    },
    // A collection Bundle with total and entry.search is invalid R4 (bdl-1, bdl-2): every suite's RESP-01 sees it.
    alsoBreaks: {
      'fhir-core': ['FC-RESP-01'],
      'qc-profiles': ['QC-RESP-01'],
      access: ['AC-RESP-01'],
      'dsq-pharmacy': ['PH-RESP-01'],
      'dsq-emr': ['EM-RESP-01'],
      'carnet-sante': ['CS-RESP-01'],
    },
  },
  {
    // Coded in search.ts (searchsetReply): every suite reads searchsets.
    name: 'invalid-resource-returned',
    suite: 'fhir-core',
    breaks: 'FC-RESP-01',
    description: {
      fr: "Les Bundle de résultats de recherche portent un élément invalide en FHIR R4 (timestamp qui n'est pas un instant).",
      en: 'Search result Bundles carry an element that is invalid in FHIR R4 (a timestamp that is not an instant).',
    },
    alsoBreaks: {
      'qc-profiles': ['QC-RESP-01'],
      access: ['AC-RESP-01'],
      'dsq-pharmacy': ['PH-RESP-01'],
      'dsq-emr': ['EM-RESP-01'],
      'carnet-sante': ['CS-RESP-01'],
    },
  },
  {
    name: 'search-ignores-patient',
    suite: 'fhir-core',
    breaks: 'FC-SEARCH-02',
    description: {
      fr: "Les paramètres patient et subject sont ignorés: la recherche retourne aussi les données d'autres patients.",
      en: "The patient and subject parameters are ignored: a search also returns other patients' data.",
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-PROF-01', 'PH-PROF-04', 'PH-PROF-05'], 'dsq-emr': ['EM-LAB-01', 'EM-MED-01'] },
  },
  {
    name: 'search-no-fullurl',
    suite: 'fhir-core',
    breaks: 'FC-SEARCH-03',
    description: {
      fr: 'Les entrées du searchset ne portent pas de fullUrl.',
      en: 'Searchset entries carry no fullUrl.',
    },
  },
  {
    name: 'count-ignored',
    suite: 'fhir-core',
    breaks: 'FC-SEARCH-04',
    description: {
      fr: 'Le paramètre _count est ignoré: tous les résultats sont dans une seule page.',
      en: 'The _count parameter is ignored: every match comes in a single page.',
    },
  },
  {
    name: 'paging-no-next-link',
    suite: 'fhir-core',
    breaks: 'FC-PAGE-01',
    description: {
      fr: "Le Bundle n'a pas de lien next même quand il reste des résultats.",
      en: 'The Bundle has no next link even when more matches remain.',
    },
  },
  {
    name: 'paging-repeats-page',
    suite: 'fhir-core',
    breaks: 'FC-PAGE-02',
    description: {
      fr: 'Le lien next ramène toujours la première page: les résultats se répètent sans fin.',
      en: 'The next link always leads back to the first page: matches repeat endlessly.',
    },
  },
  {
    name: 'unknown-param-ignored',
    suite: 'fhir-core',
    breaks: 'FC-SEARCH-05',
    description: {
      fr: 'Un paramètre de recherche inconnu est accepté (200) même avec Prefer: handling=strict.',
      en: 'An unknown search parameter is accepted (200) even with Prefer: handling=strict.',
    },
  },
  {
    name: 'malformed-date-accepted',
    suite: 'fhir-core',
    breaks: 'FC-SEARCH-06',
    description: {
      fr: 'Une date invalide en paramètre de recherche donne 200 et un searchset vide au lieu de 400.',
      en: 'An invalid date search value yields 200 and an empty searchset instead of 400.',
    },
  },
  {
    name: 'errors-without-outcome',
    suite: 'fhir-core',
    breaks: 'FC-ERR-01',
    description: {
      fr: "Les réponses 4xx ont un corps text/plain au lieu d'un OperationOutcome (codes inchangés).",
      en: '4xx responses have a text/plain body instead of an OperationOutcome (status codes unchanged).',
    },
    // A policy refusal needs no OperationOutcome (EM-ACC-02); a consent refusal must say why (EM-ACC-01, PH-ACC-02).
    alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-02', 'PH-SUB-02'], 'dsq-emr': ['EM-ACC-01'], 'carnet-sante': ['CS-APT-03'] },
  },
  {
    name: 'wrong-content-type',
    suite: 'fhir-core',
    breaks: 'FC-FMT-01',
    description: {
      fr: 'Les réponses JSON réussies portent Content-Type text/plain (corps inchangé).',
      en: 'Successful JSON responses carry Content-Type text/plain (body unchanged).',
    },
  },
  {
    name: 'format-param-rejected',
    suite: 'fhir-core',
    breaks: 'FC-FMT-02',
    description: {
      fr: 'Toute requête avec le paramètre _format est refusée par 400.',
      en: 'Any request with a _format parameter is refused with 400.',
    },
  },
  {
    name: 'accept-ignored',
    suite: 'fhir-core',
    breaks: 'FC-FMT-03',
    description: {
      fr: 'Un en-tête Accept non pris en charge donne quand même 200 en JSON au lieu de 406.',
      en: 'An unsupported Accept header still yields 200 JSON instead of 406.',
    },
  },
  {
    name: 'create-no-location',
    suite: 'fhir-core',
    breaks: 'FC-CREATE-01',
    description: {
      fr: 'La création répond 201 sans en-tête Location.',
      en: 'Create answers 201 without a Location header.',
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-SUB-01'], 'carnet-sante': ['CS-APT-02'] },
  },
  {
    name: 'create-keeps-client-id',
    suite: 'fhir-core',
    breaks: 'FC-CREATE-02',
    description: {
      fr: "La création conserve l'identifiant fourni par le client au lieu d'en attribuer un.",
      en: 'Create keeps the id the client supplied instead of assigning one.',
    },
  },
  {
    name: 'bad-nam-check-digit',
    suite: 'qc-profiles',
    breaks: 'QC-PAT-01',
    description: {
      fr: 'Le NAM du patient de test porte un chiffre de contrôle erroné.',
      en: "The test patient's NAM carries a wrong check digit.",
    },
    alsoBreaks: { 'dsq-emr': ['EM-PAT-02'] },
  },
  {
    name: 'bad-licence-number',
    suite: 'qc-profiles',
    breaks: 'QC-PRA-01',
    description: {
      fr: "Le numéro de permis d'un médecin a un chiffre de moins que le format du CMQ.",
      en: "A physician's licence number is one digit short of the CMQ format.",
    },
    alsoBreaks: { 'dsq-emr': ['EM-PRA-01'] },
  },
  {
    name: 'invalid-din',
    suite: 'qc-profiles',
    breaks: 'QC-MED-01',
    description: {
      fr: 'Une délivrance code le médicament par un DIN de 7 chiffres (zéro initial perdu).',
      en: 'A dispense codes its drug with a 7-digit DIN (leading zero lost).',
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-ACT-01'] },
  },
  {
    name: 'request-without-din',
    suite: 'qc-profiles',
    breaks: 'QC-MED-02',
    description: {
      fr: 'Une ordonnance désigne le médicament en texte libre, sans code DIN.',
      en: 'A prescription names its drug in free text, without a DIN coding.',
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-ACT-01'] },
  },
  {
    name: 'non-ucum-unit',
    suite: 'qc-profiles',
    breaks: 'QC-LAB-01',
    description: {
      fr: "Un résultat de laboratoire exprime sa valeur dans un système d'unités local plutôt qu'UCUM.",
      en: 'A laboratory result expresses its value in a local unit system instead of UCUM.',
    },
    alsoBreaks: { 'dsq-emr': ['EM-ACT-01'] },
  },
  {
    name: 'lab-report-pdf-only',
    suite: 'qc-profiles',
    breaks: 'QC-LAB-02',
    description: {
      fr: "Le rapport de laboratoire ne porte plus qu'un PDF, sans résultats codés.",
      en: 'The laboratory report carries only a PDF, without coded results.',
    },
    alsoBreaks: { 'dsq-emr': ['EM-LAB-03', 'EM-ACT-01'] },
  },
  {
    name: 'imaging-code-outside-valueset',
    suite: 'qc-profiles',
    breaks: 'QC-IMG-01',
    description: {
      fr: "Le rapport d'imagerie porte un code de procédure hors du jeu de valeurs requis.",
      en: 'The imaging report carries a procedure code outside its required value set.',
    },
    alsoBreaks: { 'dsq-emr': ['EM-ACT-02'] },
  },
] as const satisfies readonly FaultDefinition[];

/**
 * Faults of the access-control layer (suite `access`). Kept apart from FAULTS
 * until the access suite runs in the fault matrix; resolveFaults accepts them.
 * All but the two transport faults need the target's access control on
 * (`access: true`, the default with `https: true`).
 */
export const ACCESS_FAULTS = [
  {
    name: 'no-smart-configuration',
    suite: 'access',
    breaks: 'AC-DISC-01',
    description: {
      fr: 'GET [base]/.well-known/smart-configuration répond 404.',
      en: 'GET [base]/.well-known/smart-configuration answers 404.',
    },
  },
  {
    name: 'accepts-invalid-grant-type',
    suite: 'access',
    breaks: 'AC-TOK-01',
    description: {
      fr: "Le point de jeton accepte n'importe quel grant_type (p. ex. password) au lieu de répondre unsupported_grant_type.",
      en: 'The token endpoint accepts any grant_type (e.g. password) instead of answering unsupported_grant_type.',
    },
  },
  {
    name: 'accepts-wrong-assertion-type',
    suite: 'access',
    breaks: 'AC-TOK-02',
    description: {
      fr: 'Le point de jeton ignore client_assertion_type: un type autre que jwt-bearer est accepté.',
      en: 'The token endpoint ignores client_assertion_type: a type other than jwt-bearer is accepted.',
    },
  },
  {
    name: 'accepts-bad-signature',
    suite: 'access',
    breaks: 'AC-TOK-03',
    description: {
      fr: "La signature de l'assertion du client n'est pas vérifiée (les autres règles restent appliquées).",
      en: "The client assertion's signature is not verified (the other rules still apply).",
    },
  },
  {
    name: 'accepts-expired-assertion',
    suite: 'access',
    breaks: 'AC-TOK-04',
    description: {
      fr: 'Une assertion du client expirée (ou trop lointaine) est acceptée.',
      en: 'An expired (or too far-reaching) client assertion is accepted.',
    },
  },
  {
    name: 'accepts-replayed-jti',
    suite: 'access',
    breaks: 'AC-TOK-05',
    description: {
      fr: 'Une assertion dont le jti a déjà servi est acceptée de nouveau.',
      en: 'An assertion whose jti was already used is accepted again.',
    },
  },
  {
    name: 'accepts-wrong-audience',
    suite: 'access',
    breaks: 'AC-TOK-06',
    description: {
      fr: "L'audience (aud) de l'assertion n'est pas vérifiée.",
      en: "The assertion's audience (aud) is not checked.",
    },
  },
  {
    name: 'token-cacheable',
    suite: 'access',
    breaks: 'AC-TOK-07',
    description: {
      fr: 'La réponse du point de jeton ne porte ni Cache-Control: no-store ni Pragma: no-cache.',
      en: 'The token response carries neither Cache-Control: no-store nor Pragma: no-cache.',
    },
  },
  {
    name: 'no-401',
    suite: 'access',
    breaks: 'AC-RS-01',
    description: {
      fr: "Une requête sans jeton est servie comme celle d'un médecin au lieu de recevoir 401.",
      en: "A request without a token is served as a physician's instead of getting 401.",
    },
  },
  {
    name: 'no-www-authenticate',
    suite: 'access',
    breaks: 'AC-RS-02',
    description: {
      fr: "Les réponses 401 ne portent pas d'en-tête WWW-Authenticate.",
      en: '401 responses carry no WWW-Authenticate header.',
    },
  },
  {
    name: 'accepts-expired-token',
    suite: 'access',
    breaks: 'AC-RS-03',
    description: {
      fr: "Un jeton d'accès expiré est encore accepté.",
      en: 'An expired access token is still accepted.',
    },
  },
  {
    name: 'scope-ignored',
    suite: 'access',
    breaks: 'AC-RS-04',
    description: {
      fr: 'Les portées (scopes) du jeton sont ignorées: un jeton limité à Patient donne accès aux autres types (la politique reste appliquée).',
      en: "The token's scopes are ignored: a token limited to Patient reaches other types (the policy still applies).",
    },
  },
  {
    name: 'pharmacist-reads-imaging',
    suite: 'access',
    breaks: 'AC-POL-01',
    description: {
      fr: "La politique est ignorée pour une cellule: le pharmacien lit et recherche l'imagerie.",
      en: 'The policy is ignored for one cell: the pharmacist reads and searches imaging.',
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-01'] },
  },
  {
    name: 'leaks-data-on-403',
    suite: 'access',
    breaks: 'AC-POL-02',
    description: {
      fr: 'Une lecture refusée par la politique répond 403 avec la ressource dans le corps.',
      en: 'A read the policy denies answers 403 with the resource in the body.',
    },
    alsoBreaks: { 'dsq-emr': ['EM-ACC-02'] },
  },
  {
    name: 'write-policy-ignored',
    suite: 'access',
    breaks: 'AC-POL-03',
    description: {
      fr: "La politique est ignorée pour une cellule d'écriture: le pharmacien crée des patients (identité), ce que la politique lui refuse.",
      en: 'The policy is ignored for one write cell: the pharmacist creates patients (demographics), which the policy denies.',
    },
  },
  {
    name: 'patient-sees-other-patient',
    suite: 'access',
    breaks: 'AC-PAT-01',
    description: {
      fr: 'Un patient lit et recherche les données des autres patients.',
      en: "A patient reads and searches other patients' data.",
    },
    alsoBreaks: { 'carnet-sante': ['CS-ISO-01'] },
  },
  {
    name: 'consent-ignored',
    suite: 'access',
    breaks: 'AC-CON-01',
    description: {
      fr: "Le refus de partage d'un patient est ignoré: les professionnels voient ses données.",
      en: "A patient's refusal to share is ignored: professionals see their data.",
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-02'], 'dsq-emr': ['EM-ACC-01'] },
  },
  {
    name: 'no-audit',
    suite: 'access',
    breaks: 'AC-AUD-01',
    description: {
      fr: 'Les accès permis ne sont pas journalisés (aucun AuditEvent); seuls les refus le sont.',
      en: 'Allowed accesses are not audited (no AuditEvent); only refused ones are.',
    },
    alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-03'] },
  },
  {
    name: 'denied-not-audited',
    suite: 'access',
    breaks: 'AC-AUD-02',
    description: {
      fr: 'Seuls les accès permis sont journalisés; les accès refusés (401, 403) ne le sont pas.',
      en: 'Only allowed accesses are audited; refused ones (401, 403) are not.',
    },
  },
  {
    name: 'plain-http-served',
    suite: 'access',
    breaks: 'AC-TLS-01',
    description: {
      fr: "L'écouteur HTTP en clair (plainHttp) sert les données au lieu de refuser.",
      en: 'The plain-HTTP listener (plainHttp) serves data instead of refusing.',
    },
  },
  {
    name: 'no-client-cert-required',
    suite: 'access',
    breaks: 'AC-TLS-02',
    description: {
      fr: "Le certificat client exigé (requireClientCert) n'est pas demandé: une connexion sans certificat est servie.",
      en: 'The required client certificate (requireClientCert) is not asked for: a connection without one is served.',
    },
  },
] as const satisfies readonly FaultDefinition[];

/**
 * Faults of the DSQ domain suites (dsq-pharmacy, dsq-emr, carnet-sante), which run
 * against the secured reference target (`https: true`): search, write, history and
 * appointment behaviours, access cells and data-quality defects.
 */
export const DSQ_FAULTS = [
  {
    name: 'consent-silent',
    suite: 'dsq-pharmacy',
    breaks: 'PH-ACC-02',
    description: {
      fr: 'Le refus de partage est appliqué sans être dit: la recherche répond 200 avec un searchset vide, sans OperationOutcome, et la lecture 404 sans en donner la raison.',
      en: 'The refusal to share is applied without being made known: a search answers 200 with an empty searchset and no OperationOutcome, a read 404 without the reason.',
    },
    alsoBreaks: { access: ['AC-CON-01'], 'dsq-emr': ['EM-ACC-01'] },
  },
  {
    name: 'dispense-search-leaks-patients',
    suite: 'dsq-pharmacy',
    breaks: 'PH-PROF-01',
    description: {
      fr: "La recherche des délivrances d'un patient retourne aussi une délivrance d'un autre patient.",
      en: "Searching a patient's dispenses also returns a dispense of another patient.",
    },
    // The chained NAM search leaks the same way.
    alsoBreaks: { 'dsq-pharmacy': ['PH-PROF-02'] },
  },
  {
    name: 'chained-nam-search-ignored',
    suite: 'dsq-pharmacy',
    breaks: 'PH-PROF-02',
    description: {
      fr: 'Le paramètre chaîné patient.identifier (recherche par NAM) est ignoré: toutes les délivrances sont retournées.',
      en: 'The chained parameter patient.identifier (search by NAM) is ignored: every dispense is returned.',
    },
  },
  {
    name: 'dispense-date-filter-ignored',
    suite: 'dsq-pharmacy',
    breaks: 'PH-PROF-03',
    description: {
      fr: 'Le filtre de dates whenhandedover (ge/le) des délivrances est ignoré.',
      en: 'The whenhandedover date filter (ge/le) on dispenses is ignored.',
    },
  },
  {
    name: 'dispense-status-filter-ignored',
    suite: 'dsq-pharmacy',
    breaks: 'PH-PROF-04',
    description: {
      fr: 'Le filtre status des délivrances est ignoré (les délivrances annulées reviennent).',
      en: 'The status filter on dispenses is ignored (cancelled dispenses come back).',
    },
    // The cancelled dispense then still shows among completed ones.
    alsoBreaks: { 'dsq-pharmacy': ['PH-UPD-02'] },
  },
  {
    name: 'request-status-filter-ignored',
    suite: 'dsq-pharmacy',
    breaks: 'PH-PROF-05',
    description: {
      fr: 'Le filtre status des ordonnances est ignoré (les ordonnances terminées reviennent avec les actives).',
      en: 'The status filter on prescriptions is ignored (completed prescriptions come back with the active ones).',
    },
    alsoBreaks: { 'dsq-emr': ['EM-MED-01'] },
  },
  {
    name: 'statements-not-searchable',
    suite: 'dsq-pharmacy',
    breaks: 'PH-PROF-06',
    description: {
      fr: 'La recherche MedicationStatement par patient retourne un ensemble vide.',
      en: 'Searching MedicationStatement by patient returns an empty set.',
    },
    alsoBreaks: { 'dsq-emr': ['EM-MED-01'] },
  },
  {
    name: 'dangling-prescriber-reference',
    suite: 'dsq-pharmacy',
    breaks: 'PH-REF-01',
    description: {
      fr: "Le prescripteur d'une ordonnance renvoie à un Practitioner qui n'existe pas.",
      en: "A prescription's prescriber refers to a Practitioner that does not exist.",
    },
    alsoBreaks: { 'qc-profiles': ['QC-PRA-01'], 'dsq-emr': ['EM-PRA-01'] },
  },
  {
    name: 'dispense-without-din',
    suite: 'dsq-pharmacy',
    breaks: 'PH-ACT-01',
    description: {
      fr: 'Une délivrance désigne le médicament en texte libre seulement, sans code DIN.',
      en: 'A dispense names its drug in free text only, without a DIN coding.',
    },
    alsoBreaks: { 'qc-profiles': ['QC-MED-01'] },
  },
  {
    name: 'dispense-create-drops-din',
    suite: 'dsq-pharmacy',
    breaks: 'PH-SUB-01',
    description: {
      fr: 'Une délivrance soumise est enregistrée sans son codage DIN (seul le texte est gardé).',
      en: 'A submitted dispense is stored without its DIN coding (only the text is kept).',
    },
  },
  {
    name: 'dispense-profile-not-enforced',
    suite: 'dsq-pharmacy',
    breaks: 'PH-SUB-02',
    description: {
      fr: 'Une délivrance non conforme au profil québécois (DIN invalide) est acceptée avec 201.',
      en: 'A dispense that breaks the Québec profile (invalid DIN) is accepted with 201.',
    },
  },
  {
    name: 'conditional-create-ignored',
    suite: 'dsq-pharmacy',
    breaks: 'PH-SUB-03',
    description: {
      fr: "L'en-tête If-None-Exist est ignoré: une soumission répétée crée un doublon.",
      en: 'The If-None-Exist header is ignored: a repeated submission creates a duplicate.',
    },
  },
  {
    name: 'if-match-ignored',
    suite: 'dsq-pharmacy',
    breaks: 'PH-UPD-01',
    description: {
      fr: "Une mise à jour avec un If-Match périmé est acceptée au lieu d'être refusée (412).",
      en: 'An update with a stale If-Match is accepted instead of refused (412).',
    },
  },
  {
    name: 'dispense-status-update-ignored',
    suite: 'dsq-pharmacy',
    breaks: 'PH-UPD-02',
    description: {
      fr: "Une mise à jour d'une délivrance répond 200 mais garde l'ancien statut.",
      en: 'An update of a dispense answers 200 but keeps the former status.',
    },
  },
  {
    name: 'history-not-kept',
    suite: 'dsq-pharmacy',
    breaks: 'PH-UPD-03',
    description: {
      fr: "L'historique d'une ressource ([type]/[id]/_history) ne contient que la version courante.",
      en: "A resource's history ([type]/[id]/_history) holds only the current version.",
    },
    alsoBreaks: { 'carnet-sante': ['CS-APT-05'] },
  },
  {
    name: 'nam-search-returns-all',
    suite: 'dsq-emr',
    breaks: 'EM-PAT-01',
    description: {
      fr: 'La recherche Patient?identifier est ignorée: tous les patients sont retournés.',
      en: 'The Patient?identifier search is ignored: every patient is returned.',
    },
  },
  {
    name: 'observation-code-filter-ignored',
    suite: 'dsq-emr',
    breaks: 'EM-LAB-01',
    description: {
      fr: 'Le filtre code (LOINC) des résultats de laboratoire est ignoré.',
      en: 'The code (LOINC) filter on laboratory results is ignored.',
    },
  },
  {
    name: 'lab-interpretation-inconsistent',
    suite: 'dsq-emr',
    breaks: 'EM-LAB-02',
    description: {
      fr: "Un résultat au-dessus de l'intervalle de référence est interprété « normal ».",
      en: 'A result above its reference range is interpreted as normal.',
    },
  },
  {
    name: 'lab-report-dangling-result',
    suite: 'dsq-emr',
    breaks: 'EM-LAB-03',
    description: {
      fr: "Un rapport de laboratoire renvoie à un résultat (Observation) qui n'existe pas.",
      en: 'A laboratory report refers to a result (Observation) that does not exist.',
    },
  },
  {
    name: 'imaging-study-dangling',
    suite: 'dsq-emr',
    breaks: 'EM-IMG-01',
    description: {
      fr: "Le rapport d'imagerie renvoie à un ImagingStudy qui n'existe pas.",
      en: 'The imaging report refers to an ImagingStudy that does not exist.',
    },
  },
  {
    name: 'imaging-report-pdf-only',
    suite: 'dsq-emr',
    breaks: 'EM-ACT-02',
    description: {
      fr: "Le rapport d'imagerie ne porte plus qu'un PDF, sans conclusion.",
      en: 'The imaging report carries only a PDF, without a conclusion.',
    },
    alsoBreaks: { 'qc-profiles': ['QC-IMG-01'] },
  },
  {
    name: 'nurse-reads-imaging',
    suite: 'dsq-emr',
    breaks: 'EM-ACC-02',
    description: {
      fr: "L'infirmière peut lire les rapports d'imagerie, que la politique lui refuse.",
      en: 'The nurse can read imaging reports, which the policy denies her.',
    },
    alsoBreaks: { access: ['AC-POL-01'] },
  },
  {
    name: 'patient-denied-medications',
    suite: 'carnet-sante',
    breaks: 'CS-MED-01',
    description: {
      fr: 'Le patient se voit refuser (403) ses propres médicaments.',
      en: 'The patient is refused (403) their own medications.',
    },
    alsoBreaks: { access: ['AC-POL-01'] },
  },
  {
    name: 'patient-denied-laboratory',
    suite: 'carnet-sante',
    breaks: 'CS-LAB-01',
    description: {
      fr: 'Le patient se voit refuser (403) ses propres résultats de laboratoire.',
      en: 'The patient is refused (403) their own laboratory results.',
    },
    alsoBreaks: { access: ['AC-POL-01'] },
  },
  {
    name: 'patient-denied-imaging',
    suite: 'carnet-sante',
    breaks: 'CS-IMG-01',
    description: {
      fr: "Le patient se voit refuser (403) ses propres rapports d'imagerie.",
      en: 'The patient is refused (403) their own imaging reports.',
    },
    alsoBreaks: { access: ['AC-POL-01'] },
  },
  {
    name: 'slot-status-filter-ignored',
    suite: 'carnet-sante',
    breaks: 'CS-APT-01',
    description: {
      fr: 'Le filtre status=free des plages horaires est ignoré (les plages occupées reviennent).',
      en: 'The status=free filter on slots is ignored (busy slots come back).',
    },
  },
  {
    name: 'booking-leaves-slot-free',
    suite: 'carnet-sante',
    breaks: 'CS-APT-02',
    description: {
      fr: 'La prise de rendez-vous laisse la plage horaire libre.',
      en: 'Booking an appointment leaves its slot free.',
    },
  },
  {
    name: 'double-booking-accepted',
    suite: 'carnet-sante',
    breaks: 'CS-APT-03',
    description: {
      fr: 'Une plage déjà occupée peut être réservée une deuxième fois.',
      en: 'A slot already taken can be booked a second time.',
    },
  },
  {
    name: 'cancel-keeps-slot-busy',
    suite: 'carnet-sante',
    breaks: 'CS-APT-04',
    description: {
      fr: "L'annulation d'un rendez-vous laisse sa plage horaire occupée.",
      en: 'Cancelling an appointment leaves its slot busy.',
    },
  },
  {
    name: 'booking-for-other-patient-allowed',
    suite: 'carnet-sante',
    breaks: 'CS-APT-06',
    description: {
      fr: "Un patient peut prendre ou annuler un rendez-vous au nom d'un autre patient.",
      en: 'A patient can book or cancel an appointment in the name of another patient.',
    },
  },
] as const satisfies readonly FaultDefinition[];

export type FaultName =
  | (typeof FAULTS)[number]['name']
  | (typeof ACCESS_FAULTS)[number]['name']
  | (typeof DSQ_FAULTS)[number]['name'];

/** Every fault: API and data faults (plain reference target) and access faults (secured target, `https: true`). */
export const ALL_FAULTS: readonly FaultDefinition[] = [...FAULTS, ...ACCESS_FAULTS, ...DSQ_FAULTS];

/** Names of FAULTS (the plain target's fault matrix); see allFaultNames for ACCESS_FAULTS too. */
export function faultNames(): string[] {
  return FAULTS.map((f) => f.name);
}

export function allFaultNames(): string[] {
  return ALL_FAULTS.map((f) => f.name);
}

function isFaultName(name: string): name is FaultName {
  return ALL_FAULTS.some((f) => f.name === name);
}

/** Named switches turned on for one server instance (faults, variations). */
export class Switches<N extends string> {
  private readonly names: ReadonlySet<N>;

  constructor(names: readonly N[]) {
    this.names = new Set(names);
  }

  has(name: N): boolean {
    return this.names.has(name);
  }

  list(): N[] {
    return [...this.names];
  }
}

/** The faults switched on for one server instance. */
export class ActiveFaults extends Switches<FaultName> {}

/** Validates fault names given by a caller; an unknown one is a programming error worth stopping for. */
export function resolveFaults(requested: readonly string[] = []): ActiveFaults {
  const unknown = requested.filter((n) => !isFaultName(n));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown reference-target fault(s): ${unknown.join(', ')}. Valid faults: ${allFaultNames().join(', ')}`,
    );
  }
  return new ActiveFaults(requested.filter(isFaultName));
}
