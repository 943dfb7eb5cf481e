/** What the report's renderers say when they cannot render (no Chromium, a browser that failed), in both languages. */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('report', {
  chromiumMissing: {
    en: 'PDF needs a headless Chromium, and {detail}. Looked for {variables}, then {names} on PATH. Install one (Debian/Ubuntu: apt-get install chromium) or set HOMOLOG_CHROMIUM to its path. The HTML report (report.html) prints the same from any browser.',
    fr: 'Le PDF exige un Chromium sans interface (headless), et {detail}. Cherché : {variables}, puis {names} dans le PATH. Installez-en un (Debian/Ubuntu : apt-get install chromium) ou donnez son chemin dans HOMOLOG_CHROMIUM. Le rapport HTML (report.html) s’imprime de même depuis n’importe quel navigateur.',
  },
  noneFound: { en: 'none was found', fr: 'aucun n’a été trouvé' },
  notExecutable: {
    en: '{variable} is set to {value}, which is not an executable file',
    fr: '{variable} vaut {value}, qui n’est pas un fichier exécutable',
  },
  noPdf: { en: '{chromium} finished but wrote no PDF', fr: '{chromium} a terminé sans écrire de PDF' },
  timedOut: {
    en: '{chromium} did not finish within {ms} ms',
    fr: '{chromium} n’a pas terminé en {ms} ms',
  },
  notStarted: {
    en: '{chromium} could not be started ({reason})',
    fr: '{chromium} n’a pas pu être lancé ({reason})',
  },
  exitedEarly: {
    en: '{chromium} exited before it was done (it answered no DevTools command): {stderr}',
    fr: '{chromium} s’est arrêté avant d’avoir fini (il n’a répondu à aucune commande DevTools) : {stderr}',
  },
  failed: { en: '{chromium} failed ({how}): {stderr}', fr: '{chromium} a échoué ({how}) : {stderr}' },
  exitCode: { en: 'exit {code}', fr: 'code de sortie {code}' },
  noPage: { en: 'Chromium attached to no page', fr: 'Chromium ne s’est attaché à aucune page' },
  cannotOpen: { en: 'Chromium could not open {file}: {reason}', fr: 'Chromium n’a pas pu ouvrir {file} : {reason}' },
  pipeClosed: { en: 'Chromium closed the DevTools pipe', fr: 'Chromium a fermé le canal DevTools' },
  connectionClosed: { en: 'DevTools connection closed', fr: 'connexion DevTools fermée' },
  protocolError: { en: 'Chromium: {reason}', fr: 'Chromium : {reason}' },
  runInvalid: {
    en: 'Run result does not match its schema: {errors}{more, plural, =0 {} other { (and # more)}}',
    fr: 'Le résultat de campagne ne respecte pas son schéma : {errors}{more, plural, =0 {} other { (et # de plus)}}',
  },
  noFormat: {
    en: 'No report format given; expected a comma-separated list of {formats}.',
    fr: 'Aucun format de rapport donné ; attendu : une liste séparée par des virgules parmi {formats}.',
  },
  unknownFormat: {
    en: 'Unknown report format {names}; expected a comma-separated list of {formats}.',
    fr: 'Format de rapport inconnu {names} ; attendu : une liste séparée par des virgules parmi {formats}.',
  },
});
