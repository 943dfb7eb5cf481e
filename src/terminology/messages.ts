/**
 * Message texts, modelled on the HL7 Java validator's (its messages.properties:
 * Terminology_TX_NoValid_*, Unknown_Code_in_Version, UNKNOWN_CODESYSTEM,
 * UNKNOWN_CODESYSTEM_VERSION, Display_Name_for__should_be_one_of__instead_of),
 * so that reports read the same as the reference validator's. Each text exists
 * in French and English (the Java validator has no French for these: ours).
 */
import type { CodeSystem } from '@medplum/fhirtypes';
import { defineMessages, type LocalizedText, localized, perLanguage, type Text } from '../util/i18n.js';
import type { CodeSystemIndex, Designation } from './code-system.js';

/** Code systems FHIR data commonly uses that are not bundled (licensed or too large): named in messages. */
const WELL_KNOWN: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED CT',
  'http://loinc.org': 'LOINC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://hl7.org/fhir/sid/icd-10-ca': 'ICD-10-CA',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
  'http://id.who.int/icd/release/11/mms': 'ICD-11',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'http://www.whocc.no/atc': 'ATC',
  'http://dicom.nema.org/resources/ontology/DCM': 'DICOM',
  'http://nucc.org/provider-taxonomy': 'the NUCC provider taxonomy',
  'urn:iso:std:iso:3166': 'ISO 3166 country codes',
  'urn:iso:std:iso:3166:-2': 'ISO 3166-2 subdivision codes',
  'http://unstats.un.org/unsd/methods/m49/m49.htm': 'UN M49 regions',
  'urn:iso:std:iso:11073:10101': 'ISO/IEEE 11073 MDC',
  'http://hl7.org/fhir/NamingSystem/ca-hc-din': 'Health Canada DIN',
};

export function wellKnownName(system: string): string | undefined {
  return WELL_KNOWN[system];
}

export const tm = defineMessages('terminology', {
  notIso3166: {
    en: "'{code}' is not a valid ISO 3166 country code (alpha-2, alpha-3 or numeric)",
    fr: '"{code}" n’est pas un code de pays ISO 3166 valide (alpha-2, alpha-3 ou numérique)',
  },
  notHeldWellKnown: {
    en: '{name} ({system}) is not available offline, so its codes cannot be validated',
    fr: '{name} ({system}) n’est pas disponible hors ligne : ses codes ne peuvent pas être validés',
  },
  notPresent: {
    en: "the CodeSystem '{system}' is known but its content is not present here (content = not-present), so the code cannot be validated",
    fr: 'le CodeSystem "{system}" est connu, mais son contenu n’est pas présent ici (content = not-present) : le code ne peut pas être validé',
  },
  supplement: {
    en: "'{system}' is a code system supplement, not a code system, so the code cannot be validated",
    fr: '"{system}" est un supplément de système de codes, pas un système de codes : le code ne peut pas être validé',
  },
  unknownSystem: {
    en: "A definition for CodeSystem '{system}' could not be found, so the code cannot be validated",
    fr: 'La définition du CodeSystem "{system}" est introuvable : le code ne peut pas être validé',
  },
  fragment: {
    en: "the CodeSystem '{url}' is labeled as a fragment, so codes it does not list may be valid in some other fragment",
    fr: 'le CodeSystem "{url}" est déclaré comme fragment : les codes qu’il ne liste pas peuvent être valides dans un autre fragment',
  },
  example: {
    en: "the CodeSystem '{url}' is labeled as an example (content = {content}), so codes it does not list are not checked",
    fr: 'le CodeSystem "{url}" est déclaré comme exemple (content = {content}) : les codes qu’il ne liste pas ne sont pas vérifiés',
  },
  versionNotHeld: {
    en: "A definition for CodeSystem '{system}' version '{version}' could not be found, so the code cannot be validated. Valid versions: {held}",
    fr: 'La définition du CodeSystem "{system}" en version "{version}" est introuvable : le code ne peut pas être validé. Versions valides : {held}',
  },
  unknownCode: {
    en: "Unknown code '{code}' in the CodeSystem '{url}'{version}",
    fr: 'Code inconnu "{code}" dans le CodeSystem "{url}"{version}',
  },
  version: { en: " version '{version}'", fr: ' version "{version}"' },
  unknownCodeFragment: {
    en: "Unknown Code '{code}' in the CodeSystem '{url}'{version} - note that the code system is labeled as a fragment, so the code may be valid in some other fragment",
    fr: 'Code inconnu "{code}" dans le CodeSystem "{url}"{version} ; le système de codes est déclaré comme fragment : le code peut être valide dans un autre fragment',
  },
  unknownCodeExample: {
    en: "Unknown Code '{code}' in the CodeSystem '{url}'{version} - note that the code system is labeled as an example (content = {content}), so the code is not checked",
    fr: 'Code inconnu "{code}" dans le CodeSystem "{url}"{version} ; le système de codes est déclaré comme exemple (content = {content}) : le code n’est pas vérifié',
  },
  unknownCodeByRule: {
    en: "Unknown code '{code}' in the CodeSystem '{system}': {why}",
    fr: 'Code inconnu "{code}" dans le CodeSystem "{system}" : {why}',
  },
  notInValueSet: {
    en: "The code provided ({system}#{code}) was not found in the value set '{title}' ({canonical})",
    fr: 'Le code fourni ({system}#{code}) est introuvable dans le jeu de valeurs "{title}" ({canonical})',
  },
  bareNotInValueSet: {
    en: "The value provided ('{code}') was not found in the value set '{title}' ({canonical})",
    fr: 'La valeur fournie ("{code}") est introuvable dans le jeu de valeurs "{title}" ({canonical})',
  },
  noCode: {
    en: "No code provided, and a code from the value set '{title}' ({canonical}) is expected",
    fr: 'Aucun code fourni, alors qu’un code du jeu de valeurs "{title}" ({canonical}) est attendu',
  },
  notCheckedInValueSet: {
    en: "The code {coded} could not be checked against the value set '{title}' ({canonical}): {reason}",
    fr: 'Le code {coded} n’a pas pu être vérifié par rapport au jeu de valeurs "{title}" ({canonical}) : {reason}',
  },
  unknownValueSetHeld: {
    en: "The value set '{url}' is not known (version {held} is held), so the code cannot be validated",
    fr: 'Le jeu de valeurs "{url}" est inconnu (la version {held} est connue) : le code ne peut pas être validé',
  },
  unknownValueSet: {
    en: "The value set '{url}' is not known, so the code cannot be validated",
    fr: 'Le jeu de valeurs "{url}" est inconnu : le code ne peut pas être validé',
  },
  valueSetAsSystem: {
    en: "The Coding references a value set, not a code system ('{system}')",
    fr: 'Le Coding désigne un jeu de valeurs, pas un système de codes ("{system}")',
  },
  wrongDisplayOne: {
    en: "Wrong Display Name '{display}' for {where}. Valid display is {valid}",
    fr: 'Libellé (display) erroné "{display}" pour {where}. Le libellé valide est {valid}',
  },
  wrongDisplayMany: {
    en: "Wrong Display Name '{display}' for {where}. Valid display is one of {count} choices: {list}{more}",
    fr: 'Libellé (display) erroné "{display}" pour {where}. Le libellé valide est l’un de ces {count} choix : {list}{more}',
  },
  andMore: { en: ' and {count} more', fr: ' et {count} autres' },
  or: { en: ' or ', fr: ' ou ' },
  joined: { en: '{first}; {second}', fr: '{first} ; {second}' },
  noSystem: {
    en: 'The coding has no system, so its code cannot be validated',
    fr: 'Le codage n’a pas de système : son code ne peut pas être validé',
  },
  noCodeInSystem: {
    en: "The coding has no code, so nothing in '{system}' can be validated",
    fr: 'Le codage n’a pas de code : rien dans "{system}" ne peut être validé',
  },
  fromServer: {
    en: '{message} (terminology server {url})',
    fr: '{message} (serveur de terminologie {url})',
  },
  serverUnavailable: {
    en: 'the terminology server {url} was unavailable ({reason})',
    fr: 'le serveur de terminologie {url} était indisponible ({reason})',
  },
  serverUndecided: {
    en: 'the terminology server {url} could not check it either ({reason})',
    fr: 'le serveur de terminologie {url} n’a pas pu le vérifier non plus ({reason})',
  },
  // Why part of a value set cannot be evaluated (expand.ts, code-system.ts filters).
  filterRegex: {
    en: "the regular expression '{value}' is not supported",
    fr: 'l’expression régulière "{value}" n’est pas prise en charge',
  },
  filterOperator: {
    en: "the filter operator '{op}' on '{property}' is not supported",
    fr: 'l’opérateur de filtre "{op}" sur "{property}" n’est pas pris en charge',
  },
  filterProperty: {
    en: "the property '{property}' is not defined in the code system '{url}'",
    fr: 'la propriété "{property}" n’est pas définie dans le système de codes "{url}"',
  },
  providerFilter: {
    en: "the filter {property} {op} '{value}' on {name} is not supported",
    fr: 'le filtre {property} {op} "{value}" sur {name} n’est pas pris en charge',
  },
  filterParameter: {
    en: 'its value comes from the value set parameter {name}, which the binding would supply',
    fr: 'sa valeur vient du paramètre de jeu de valeurs {name}, que fournirait la liaison',
  },
  filterNotEvaluated: {
    en: "the filter {property} {op} '{value}' cannot be evaluated: {reason}",
    fr: 'le filtre {property} {op} "{value}" ne peut pas être évalué : {reason}',
  },
  noComposeNorExpansion: {
    en: "the value set '{url}' has neither a compose nor an expansion",
    fr: 'le jeu de valeurs "{url}" n’a ni compose ni expansion',
  },
  expansionIncomplete: {
    en: "the stored expansion of the value set '{url}' is incomplete ({count} of {total} codes)",
    fr: 'l’expansion enregistrée du jeu de valeurs "{url}" est incomplète ({count} codes sur {total})',
  },
  expansionIncompleteNoTotal: {
    en: "the stored expansion of the value set '{url}' is incomplete ({count} of more codes)",
    fr: 'l’expansion enregistrée du jeu de valeurs "{url}" est incomplète ({count} codes sur un total plus grand)',
  },
  excludedUnchecked: {
    en: 'an excluded part depends on something not checked: {reason}',
    fr: 'une partie exclue dépend de quelque chose qui n’a pas été vérifié : {reason}',
  },
  importsItself: {
    en: "the value set '{url}' imports itself (directly or not)",
    fr: 'le jeu de valeurs "{url}" s’importe lui-même (directement ou non)',
  },
  importUnknown: { en: "The value set '{url}' is not known", fr: 'Le jeu de valeurs "{url}" est inconnu' },
  importUnknownHeld: {
    en: "The value set '{url}' is not known (version {held} is held)",
    fr: 'Le jeu de valeurs "{url}" est inconnu (la version {held} est connue)',
  },
  // What `homolog terminology expand` cannot list.
  everyCode: { en: 'every code of {name} ({system})', fr: 'tous les codes de {name} ({system})' },
  everyCodeExcept: {
    en: 'every code of {name} ({system}) except {count} excluded',
    fr: 'tous les codes de {name} ({system}), sauf {count} exclus',
  },
  byRule: { en: 'codes of {name} selected by a rule', fr: 'les codes de {name} choisis par une règle' },
  exclusionsNotEvaluated: { en: 'exclusions not evaluated: {reason}', fr: 'exclusions non évaluées : {reason}' },
  moreCodes: {
    en: '{more} more code(s): the server returned {count} of {total}',
    fr: '{more} code(s) de plus : le serveur en a renvoyé {count} sur {total}',
  },
  cannotExpand: {
    en: "the terminology server {url} could not expand '{vs}': {reason}",
    fr: 'le serveur de terminologie {url} n’a pas pu développer "{vs}" : {reason}',
  },
  expandNotValueSet: { en: 'the $expand answer is not a ValueSet', fr: 'la réponse de $expand n’est pas un ValueSet' },
  cacheNotWritten: {
    en: 'the terminology cache {file} could not be written ({error})',
    fr: 'le cache de terminologie {file} n’a pas pu être écrit ({error})',
  },
  cacheNotRead: {
    en: 'the terminology cache {file} could not be read ({error})',
    fr: 'le cache de terminologie {file} n’a pas pu être lu ({error})',
  },
  cacheNotJson: {
    en: 'the terminology cache {file} is not valid JSON; it is ignored and will be rewritten',
    fr: 'le cache de terminologie {file} n’est pas du JSON valide : il est ignoré et sera réécrit',
  },
  // Why the terminology server gave no usable answer (remote.ts).
  noAnswer: { en: 'no answer', fr: 'aucune réponse' },
  notAskedAgain: {
    en: '{reason}; after {count} consecutive failures it is not asked again in this run',
    fr: '{reason} ; après {count} échecs consécutifs, il n’est plus interrogé pendant cette exécution',
  },
  httpWithText: { en: 'HTTP {status}: {text}', fr: 'HTTP {status} : {text}' },
  notParameters: {
    en: 'the $validate-code answer is not a Parameters resource',
    fr: 'la réponse de $validate-code n’est pas une ressource Parameters',
  },
  noResultParameter: {
    en: "the $validate-code answer has no boolean 'result' parameter",
    fr: 'la réponse de $validate-code n’a pas de paramètre booléen "result"',
  },
  answerTooLarge: { en: 'the answer exceeded {max} bytes', fr: 'la réponse a dépassé {max} octets' },
  bodyNotJson: {
    en: 'HTTP {status} with a body that is not JSON',
    fr: 'HTTP {status} avec un corps qui n’est pas du JSON',
  },
  noCompleteResponse: {
    en: 'no complete response within {ms} ms',
    fr: 'aucune réponse complète en {ms} ms',
  },
  connectionRefused: { en: 'connection refused', fr: 'connexion refusée' },
  hostNotFound: { en: 'host name not found', fr: 'nom d’hôte introuvable' },
  connectionClosed: {
    en: 'the server closed the connection before a complete response',
    fr: 'le serveur a fermé la connexion avant une réponse complète',
  },
  // `homolog terminology --help` and the --tx options.
  helpTx: {
    en: 'FHIR terminology server ($validate-code, $expand) for what cannot be checked offline; without it nothing touches the network',
    fr: 'serveur de terminologie FHIR ($validate-code, $expand) pour ce qui ne peut pas être vérifié hors ligne ; sans lui, rien ne passe par le réseau',
  },
  helpTxCache: {
    en: "folder of the on-disk cache of the server's answers, kept 7 days (default ~/.cache/homolog/tx/<host>/)",
    fr: 'dossier du cache sur disque des réponses du serveur, gardées 7 jours (par défaut ~/.cache/homolog/tx/<hôte>/)',
  },
  helpTxTimeout: {
    en: 'timeout of one request to the terminology server (default 10000)',
    fr: 'délai d’attente d’une requête au serveur de terminologie (par défaut 10000)',
  },
  helpTerminology: {
    en: 'check a code or expand a value set with the terminology the validator uses (offline; --tx for a remote server)',
    fr: 'vérifie un code ou développe un jeu de valeurs avec la terminologie du validateur (hors ligne ; --tx pour un serveur distant)',
  },
  helpCheck: {
    en: 'is this code defined in its system (or in a value set), and is its display right? Exit 0 valid, 1 invalid or not checked',
    fr: 'ce code est-il défini dans son système (ou dans un jeu de valeurs), et son libellé est-il juste ? Sortie 0 valide, 1 non valide ou non vérifié',
  },
  helpSystem: {
    en: 'code system URL (e.g. http://loinc.org)',
    fr: 'URL du système de codes (p. ex. http://loinc.org)',
  },
  helpCode: { en: 'the code', fr: 'le code' },
  helpDisplay: { en: 'display to check (French or English)', fr: 'libellé à vérifier (français ou anglais)' },
  helpValueset: {
    en: 'check membership in this value set (canonical URL, optionally |version)',
    fr: 'vérifier l’appartenance à ce jeu de valeurs (URL canonique, |version au besoin)',
  },
  helpSystemVersion: {
    en: 'the code system version the code is from',
    fr: 'la version du système de codes d’où vient le code',
  },
  helpExpand: {
    en: 'list the codes of a value set (displays, French/English designations), and what cannot be listed. Exit 2 for an unknown value set',
    fr: 'liste les codes d’un jeu de valeurs (libellés, désignations françaises et anglaises) et ce qui ne peut pas être listé. Sortie 2 pour un jeu de valeurs inconnu',
  },
  helpValuesetArg: {
    en: 'value set canonical URL (optionally |version)',
    fr: 'URL canonique du jeu de valeurs (|version au besoin)',
  },
  helpIgTerminology: {
    en: 'an IG folder of JSON resources or a FHIR package .tgz, for its code systems and value sets (repeatable)',
    fr: 'un dossier d’IG de ressources JSON ou un paquet FHIR .tgz, pour ses systèmes de codes et jeux de valeurs (répétable)',
  },
  // `homolog validate --tx` and `homolog terminology` usage and summary.
  txNeedsTx: { en: '--tx-cache and --tx-timeout need --tx <url>', fr: '--tx-cache et --tx-timeout exigent --tx <url>' },
  txOption: { en: '--tx {url}: {error}', fr: '--tx {url} : {error}' },
  unknownOffline: {
    en: "the value set '{url}' is not known offline (load its IG with --ig, or ask a terminology server with --tx <url>)",
    fr: 'le jeu de valeurs "{url}" est inconnu hors ligne (charger son IG avec --ig, ou interroger un serveur de terminologie avec --tx <url>)',
  },
  unknownOfflineAnd: {
    en: "the value set '{url}' is not known offline, and {reason}",
    fr: 'le jeu de valeurs "{url}" est inconnu hors ligne, et {reason}',
  },
  txSummary: {
    en: 'terminology server {url}: {requests} request(s), {cached} answer(s) from the cache{file}, {failures} failure(s)',
    fr: 'serveur de terminologie {url} : {requests} requête(s), {cached} réponse(s) tirée(s) du cache{file}, {failures} échec(s)',
  },
  txSummaryDown: {
    en: 'homolog: warning: the terminology server was unavailable ({reason}); what it would have checked is reported as not checked',
    fr: 'homolog : avertissement : le serveur de terminologie était indisponible ({reason}) ; ce qu’il aurait vérifié est signalé comme non vérifié',
  },
  txSummaryCache: { en: 'homolog: warning: {problem}', fr: 'homolog : avertissement : {problem}' },
  // `homolog terminology` output.
  statusValid: { en: 'valid', fr: 'valide' },
  statusInvalid: { en: 'invalid', fr: 'non valide' },
  statusNotChecked: { en: 'not checked', fr: 'non vérifié' },
  checkHead: { en: '{status}: {coded}', fr: '{status} : {coded}' },
  checkHeadInValueSet: {
    en: '{status}: {coded} in the value set {vs}',
    fr: '{status} : {coded} dans le jeu de valeurs {vs}',
  },
  sourceLine: { en: '  source:  {source}{where}', fr: '  source :  {source}{where}' },
  sourceUnavailable: {
    en: 'none: the terminology server was unavailable',
    fr: 'aucune : le serveur de terminologie était indisponible',
  },
  cachedIn: { en: '; cached in {file}', fr: ' ; en cache dans {file}' },
  serverDisplayLine: {
    en: '  display: {display} (according to the server)',
    fr: '  libellé : {display} (selon le serveur)',
  },
  messageLine: { en: '  message: {message}', fr: '  message : {message}' },
  warningLine: { en: '  warning: {message}', fr: '  avertissement : {message}' },
  listingSource: { en: 'source: {source}', fr: 'source : {source}' },
  listingTotal: {
    en: 'total: {total} code(s)',
    fr: 'total : {total} code(s)',
  },
  listingTotalListed: {
    en: 'total: {total} code(s), {listed} listed',
    fr: 'total : {total} code(s), {listed} listé(s)',
  },
  notListed: { en: 'not listed:', fr: 'non listés :' },
  note: { en: 'note: {note}', fr: 'note : {note}' },
  offlineIncomplete: {
    en: 'the offline listing is incomplete and {reason}',
    fr: 'la liste hors ligne est incomplète et {reason}',
  },
  notAsked: {
    en: '{reason}; it was not asked of the terminology server {url}',
    fr: '{reason} ; la question n’a pas été posée au serveur de terminologie {url}',
  },
});

/** Why codes of a system cannot be checked (we have no CodeSystem, or one without content). */
export function notHeldReason(system: string, resource: CodeSystem | undefined): LocalizedText {
  const name = WELL_KNOWN[system];
  if (name) return tm.notHeldWellKnown({ name, system });
  if (resource?.content === 'not-present') return tm.notPresent({ system });
  if (resource?.content === 'supplement') return tm.supplement({ system });
  return tm.unknownSystem({ system });
}

/** For a value set including a whole fragment/example system: codes it does not list are not checked. */
export function partialContentReason(index: CodeSystemIndex): LocalizedText {
  return index.content === 'fragment'
    ? tm.fragment({ url: index.url })
    : tm.example({ url: index.url, content: String(index.content) });
}

export function versionNotHeldReason(system: string, version: string, held: string): LocalizedText {
  return tm.versionNotHeld({ system, version, held });
}

function versionPart(index: CodeSystemIndex, lang: 'fr' | 'en'): string {
  return index.version ? tm.version({ version: index.version })[lang] : '';
}

export function unknownCode(code: string, index: CodeSystemIndex): LocalizedText {
  return perLanguage((lang) => tm.unknownCode({ code, url: index.url, version: versionPart(index, lang) }));
}

export function unknownCodeInPartial(code: string, index: CodeSystemIndex): LocalizedText {
  return perLanguage((lang) => {
    const p = { code, url: index.url, version: versionPart(index, lang) };
    return index.content === 'fragment'
      ? tm.unknownCodeFragment(p)
      : tm.unknownCodeExample({ ...p, content: String(index.content) });
  });
}

/** `why` comes from a code system's rule: in both languages when the rule has them, else its English as given. */
export function unknownCodeByRule(code: string, system: string, why: Text): LocalizedText {
  const reason = localized(why);
  return perLanguage((lang) => tm.unknownCodeByRule({ code, system, why: reason[lang].replace(/[.\s]+$/, '') }));
}

export interface ValueSetName {
  title: string;
  canonical: string;
}

export function notInValueSet(system: string, code: string, vs: ValueSetName): LocalizedText {
  return tm.notInValueSet({ system, code, title: vs.title, canonical: vs.canonical });
}

export function bareNotInValueSet(code: string, vs: ValueSetName): LocalizedText {
  return tm.bareNotInValueSet({ code, title: vs.title, canonical: vs.canonical });
}

export function noCode(vs: ValueSetName): LocalizedText {
  return tm.noCode({ title: vs.title, canonical: vs.canonical });
}

export function notCheckedInValueSet(coded: string, vs: ValueSetName, reason: LocalizedText): LocalizedText {
  return tm.notCheckedInValueSet({ coded, title: vs.title, canonical: vs.canonical, reason });
}

/** Two reasons a part cannot be evaluated, the second kept out when the first already says it. */
export function addReason(first: LocalizedText | undefined, second: LocalizedText): LocalizedText {
  if (first === undefined) return second;
  if (first.en.includes(second.en)) return first;
  return tm.joined({ first, second });
}

export function unknownValueSet(url: string, held?: string): LocalizedText {
  return held ? tm.unknownValueSetHeld({ url, held }) : tm.unknownValueSet({ url });
}

export function valueSetAsSystem(system: string): LocalizedText {
  return tm.valueSetAsSystem({ system });
}

/** Two reasons one after the other (why a code is unknown; why it is not in the value set). */
export function joinReasons(first: LocalizedText, second: LocalizedText): LocalizedText {
  return perLanguage((lang) => tm.joined({ first: first[lang], second: lowerFirst(second[lang]) }));
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Java: "Wrong Display Name 'x' for sys#code. Valid display is one of 2 choices: 'a' (en) or 'b' (fr)". */
export function wrongDisplay(
  display: string,
  system: string | undefined,
  code: string,
  valid: Designation[],
): LocalizedText {
  const show = (d: Designation) => `'${d.value}'${d.language ? ` (${d.language})` : ''}`;
  const shown = valid.slice(0, 8).map(show);
  const where = system ? `${system}#${code}` : `'${code}'`;
  if (valid.length === 1) return tm.wrongDisplayOne({ display, where, valid: String(shown[0]) });
  return perLanguage((lang) => {
    const more = valid.length > shown.length ? tm.andMore({ count: valid.length - shown.length })[lang] : '';
    const list =
      shown.length > 1 ? `${shown.slice(0, -1).join(', ')}${tm.or()[lang]}${shown[shown.length - 1]}` : shown.join('');
    return tm.wrongDisplayMany({ display, where, count: valid.length, list, more });
  });
}
