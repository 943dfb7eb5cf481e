/** Where a check stands while the walker validates a resource (used by the walker and the native invariants). */
import type { BundleIndex } from './bundle-index.js';

type Json = Record<string, unknown>;

export type BundleCtx = BundleIndex;

export interface ResourceCtx {
  resource: Json;
  /** The containing resource for contained resources (%rootResource), else the resource itself. */
  root: Json;
  path: string;
  bundle?: BundleCtx;
  /** fullUrl of the Bundle entry that holds this resource. */
  fullUrl?: string;
  contained: boolean;
  /** Set by the walker on meeting an element id: only then are ids checked unique (element-ids.ts). */
  elementIds?: boolean;
}
