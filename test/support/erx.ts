/** The two sides of the e-prescription message tests: a prescriber's EMR and a pharmacy, each addressing the other. */
import { ERX_ENDPOINTS, type HeaderOptions } from '../../src/messaging/index.js';

export const EMR: HeaderOptions = {
  source: {
    name: 'Clinique du Plateau',
    software: 'DME Exemple',
    version: '4.2.1',
    endpoint: ERX_ENDPOINTS.prescriber,
  },
  destination: { name: 'Pharmacie Saint-Denis', endpoint: ERX_ENDPOINTS.pharmacy },
};

export const PHARMACY: HeaderOptions = {
  source: {
    name: 'Pharmacie Saint-Denis',
    software: 'Pharma Exemple',
    version: '7.0',
    endpoint: ERX_ENDPOINTS.pharmacy,
  },
  destination: { name: 'Clinique du Plateau', endpoint: ERX_ENDPOINTS.prescriber },
};
