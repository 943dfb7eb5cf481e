/**
 * `homolog/suite`: what an external suite imports by package name. One file
 * to extend when more of the authoring API becomes public.
 */

export type { FhirClient, FhirResponse, SearchParams } from '../fhir/client.js';
export type { HttpClient, HttpResponse } from '../http/client.js';
export * from './api.js';
export * from './vocabulary/index.js';
