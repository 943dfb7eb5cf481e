/** The terminology module: offline value set expansion and code validation (see service.ts). */
export { TerminologyService, terminologyFor, DEFAULT_PROVIDERS, type TerminologyOptions } from './service.js';
export type { SystemProvider, ProviderCheck } from './provider.js';
export type { ExpansionListing } from './expand.js';
export { UCUM_SYSTEM, ucumValidate, ucumConvert, ucumConvertible } from './ucum.js';
export { BCP13_SYSTEM, BCP47_SYSTEM, ISO4217_SYSTEM } from './standards.js';
export { normaliseDisplay } from './display.js';
