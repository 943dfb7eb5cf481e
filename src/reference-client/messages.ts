/** What the reference client says to whoever starts it, in both languages (fault names are ids). */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('reference-client', {
  unknownFaults: {
    en: 'Unknown reference-client fault(s): {names}. Valid faults: {known}',
    fr: 'Défaut(s) du client de référence inconnu(s) : {names}. Défauts valides : {known}',
  },
});
