/** The terminology module: offline value set expansion and code validation (see service.ts). */

export { normaliseDisplay } from './display.js';
export type { ExpansionListing } from './expand.js';
export type { ProviderCheck, SystemProvider } from './provider.js';
export { DEFAULT_PROVIDERS, type TerminologyOptions, TerminologyService, terminologyFor } from './service.js';
export { BCP13_SYSTEM, BCP47_SYSTEM, ISO4217_SYSTEM } from './standards.js';
export { UCUM_SYSTEM, ucumConvert, ucumConvertible, ucumValidate } from './ucum.js';
