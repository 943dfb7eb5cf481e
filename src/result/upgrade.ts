/**
 * Older run files stay readable: a 1.0 run (before actionability scores) is
 * read as a 1.1 run with no domain assessed. Anything else is left as it is
 * for the schema to judge.
 */
export function upgradeRunDocument(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const run = doc as Record<string, unknown>;
  if (run.schemaVersion !== '1.0') return doc;
  return { ...run, schemaVersion: '1.1', actionability: run.actionability ?? [] };
}
