import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REFERENCE_TEST_DATA } from '../../src/reference/data.js';

/** Writes a target file for a reference server; the token comes from the environment variable named. */
export async function writeReferenceTargetFile(
  dir: string,
  baseUrl: string,
  tokenEnv = 'HOMOLOG_TEST_TOKEN',
  extra = '',
): Promise<string> {
  const file = path.join(dir, `target-${Math.random().toString(36).slice(2, 8)}.yaml`);
  const testData = Object.entries(REFERENCE_TEST_DATA)
    .map(([k, v]) => `  ${k}: "${String(v)}"`)
    .join('\n');
  await writeFile(
    file,
    [
      'name: Reference target (test)',
      `baseUrl: ${baseUrl}`,
      'product: { vendor: homolog, name: Reference target, version: test }',
      'timeoutMs: 5000',
      'actors:',
      `  physician: { role: physician, credentials: { type: bearer, token: { env: ${tokenEnv} } } }`,
      'testData:',
      testData,
      extra,
    ].join('\n'),
  );
  return file;
}
