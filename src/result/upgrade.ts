/**
 * Older run files stay readable, upgraded one version at a time:
 * - 1.0 (before actionability scores) → 1.1 with no domain assessed;
 * - 1.1 (before the campaign identity) → 1.2 with no TLS certificate,
 *   profile digests or `ranBy` recorded: they are optional, absent meaning
 *   "not recorded", never guessed.
 * Anything else is left as it is for the schema to judge.
 */
export function upgradeRunDocument(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  let run = doc as Record<string, unknown>;
  if (run.schemaVersion === '1.0') run = { ...run, schemaVersion: '1.1', actionability: run.actionability ?? [] };
  if (run.schemaVersion === '1.1') run = { ...run, schemaVersion: '1.2' };
  return run === doc ? doc : run;
}
