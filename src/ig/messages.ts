/** Texts of --ig loading, in both languages. */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('ig', {
  notFound: { en: '--ig {spec}: no such file or folder', fr: '--ig {spec} : fichier ou dossier introuvable' },
  notPackage: {
    en: '--ig {spec}: expected a folder or a FHIR package (.tgz)',
    fr: '--ig {spec} : un dossier ou un package FHIR (.tgz) est attendu',
  },
  tooManyFiles: { en: 'more than {max} files', fr: 'plus de {max} fichiers' },
  entryTooLarge: {
    en: '{entry} inflates to {size}, over the limit of {limit} per file (--max-file-size)',
    fr: '{entry} fait {size} décompressé, plus que la limite de {limit} par fichier (--max-file-size)',
  },
  packageTooLarge: {
    en: 'inflates to more than {limit} (--max-ig-size)',
    fr: 'fait plus de {limit} décompressé (--max-ig-size)',
  },
  unreadable: {
    en: '--ig {spec}: cannot read the package: {reason}',
    fr: '--ig {spec} : lecture du package impossible : {reason}',
  },
  overLimit: { en: '--ig {spec}: {problem}', fr: '--ig {spec} : {problem}' },
});
