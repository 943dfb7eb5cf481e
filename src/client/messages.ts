/**
 * What the client simulator says to the person running a session: the
 * console operator's lines and the live page's labels, in both languages.
 * (The OperationOutcome texts it answers go to software and stay English.)
 */
import { defineMessages } from '../util/i18n.js';

export const consoleTexts = defineMessages('client.console', {
  opened: {
    en: 'Attended run, session {id}: perform each scenario below in your software; what only a person can judge is asked here (yes/no). Live page: {url}',
    fr: 'Exécution avec opérateur, session {id} : effectuez chaque scénario ci-dessous dans votre logiciel; ce que seule une personne peut juger est demandé ici (oui/non). Page de suivi : {url}',
  },
  scenario: { en: 'Scenario', fr: 'Scénario' },
  colon: { en: ': ', fr: ' : ' },
  deadline: { en: 'Deadline', fr: 'Échéance' },
  secondsLeft: { en: ' s left', fr: ' s restantes' },
  injected: { en: 'injected', fr: 'injectée' },
  attestation: { en: 'Attestation', fr: 'Attestation' },
  yesNo: { en: '(yes/no)', fr: '(oui/non)' },
  again: { en: 'Please answer yes or no.', fr: 'Répondez oui ou non.' },
  note: {
    en: 'Note (optional, Enter to leave empty): ',
    fr: 'Note (facultative, Entrée pour la laisser vide) : ',
  },
  noAnswer: {
    en: 'No answer (time is up, or the input ended): the attestation is skipped.',
    fr: 'Aucune réponse (délai écoulé, ou entrée fermée) : l’attestation est ignorée.',
  },
  finished: { en: 'Session finished.', fr: 'Session terminée.' },
});

export const liveTexts = defineMessages('client.live-page', {
  title: { en: 'homolog: client session', fr: 'homolog : session du client' },
  session: { en: 'Session', fr: 'Session' },
  awaiting: { en: 'Awaited now', fr: 'Attendu maintenant' },
  values: { en: 'Values', fr: 'Valeurs' },
  deadline: { en: 'Deadline', fr: 'Échéance' },
  received: { en: 'Received from the client', fr: 'Reçu du client' },
  earlier: { en: 'earlier requests not shown', fr: 'requêtes antérieures non affichées' },
  nothingReceived: { en: 'Nothing received yet.', fr: 'Rien reçu pour l’instant.' },
  checks: { en: 'Checks', fr: 'Vérifications' },
  noCheck: { en: 'No check has run yet.', fr: 'Aucune vérification n’a encore été exécutée.' },
  at: { en: 'Time', fr: 'Heure' },
  method: { en: 'Method', fr: 'Méthode' },
  path: { en: 'Path', fr: 'Chemin' },
  status: { en: 'Status', fr: 'Statut' },
  scenario: { en: 'Scenario', fr: 'Scénario' },
  injected: { en: 'Injected answer', fr: 'Réponse injectée' },
  check: { en: 'Check', fr: 'Vérification' },
  checkTitle: { en: 'Title', fr: 'Titre' },
  result: { en: 'Result', fr: 'Résultat' },
  message: { en: 'Message', fr: 'Message' },
  running: { en: 'running', fr: 'en cours' },
  refresh: {
    en: 'Refreshed every second from the session status.',
    fr: 'Actualisée chaque seconde à partir de l’état de la session.',
  },
  updated: { en: 'Updated', fr: 'Mise à jour' },
  lost: {
    en: 'No answer from homolog: retrying every second.',
    fr: 'Aucune réponse de homolog : nouvel essai chaque seconde.',
  },
  remaining: { en: 's left', fr: ' s restantes' },
});

/** The session's state, as the live page's badge says it. */
export const liveStates = defineMessages('client.live-page.state', {
  awaiting: { en: 'Waiting for the client', fr: 'En attente du client' },
  idle: { en: 'Between scenarios', fr: 'Entre deux scénarios' },
  finished: { en: 'Finished: the run is over', fr: 'Terminée : l’exécution est finie' },
});

/** What the live page says when no scenario is awaited, by the session's state. */
export const liveNothingAwaited = defineMessages('client.live-page.nothing-awaited', {
  awaiting: { en: 'Nothing awaited.', fr: 'Rien n’est attendu.' },
  idle: {
    en: 'Nothing awaited now: the next scenario starts shortly.',
    fr: 'Rien n’est attendu pour l’instant : le prochain scénario commence bientôt.',
  },
  finished: {
    en: 'Nothing more is awaited: the report is being written.',
    fr: 'Plus rien n’est attendu : le rapport est en cours d’écriture.',
  },
});

/** A check's result on the live page (a check is feminine in French: vérification). */
export const liveCheckStatus = defineMessages('client.live-page.check-status', {
  pass: { en: 'Pass', fr: 'Réussie' },
  fail: { en: 'Fail', fr: 'Échec' },
  warn: { en: 'Warning', fr: 'Avertissement' },
  skip: { en: 'Skipped', fr: 'Ignorée' },
  error: { en: 'Error', fr: 'Erreur' },
  omit: { en: 'Not applicable', fr: 'Non applicable' },
});
