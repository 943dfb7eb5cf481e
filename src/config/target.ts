import type { ProductIdentity } from '../result/types.js';
import type { ROLES } from './target-schema.js';

export type Role = (typeof ROLES)[number];

export type SecretRef = { env: string } | { file: string } | { value: string };

export type CredentialsSpec = { type: 'none' } | { type: 'bearer'; token: SecretRef };

/** The target file as written (after schema validation). */
export interface TargetFile {
  name?: string;
  baseUrl: string;
  product?: ProductIdentity;
  timeoutMs?: number;
  maxResponseBytes?: number;
  defaultActor?: string;
  actors?: Record<string, { role: Role; description?: string; credentials?: CredentialsSpec }>;
  testData?: Record<string, string>;
  secrets?: SecretRef[];
}

/** An actor with its credentials resolved to request headers. */
export interface Actor {
  name: string;
  role: Role;
  headers: Record<string, string>;
}

/** A target ready to run against: secrets resolved, every secret value listed for redaction. */
export interface Target {
  /** The target file's path, or 'url' for a bare URL. */
  source: string;
  name?: string;
  baseUrl: string;
  product?: ProductIdentity;
  timeoutMs?: number;
  maxResponseBytes?: number;
  actors: Record<string, Actor>;
  defaultActor: string;
  testData: Record<string, string>;
  /** Every secret value: the redactor removes them from all outputs. */
  secrets: string[];
}
