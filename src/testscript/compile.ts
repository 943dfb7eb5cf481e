/**
 * A TestScript as a homolog suite: the script is the suite (id, version,
 * title), each `test` a check, setup and teardown the suite's fixtures, and a
 * catalogue synthesised from the script (the rule for requirement ids below).
 */
import path from 'node:path';
import type { TestScriptTest } from '@medplum/fhirtypes';
import type { TestDefinition } from '../suite/api.js';
import type { Requirement } from '../suite/catalogue.js';
import { type LoadedSuite, SUITE_ID_PATTERN } from '../suite/registry.js';
import { failCheck } from '../suite/vocabulary/index.js';
import { UsageError } from '../util/errors.js';
import { joinTexts } from '../util/i18n.js';
import type { LoadedTestScript } from './load.js';
import { FAILURE_SEPARATOR, loadMessages as l, m } from './messages.js';
import { ScriptRun } from './runner.js';

/**
 * The requirement ids a test verifies: `valueString`s of this extension on
 * TestScript.test (repeatable; ids like `PAT-READ-01`). A test without it
 * verifies one requirement named after the test (its name upper-cased, e.g.
 * `read-patient` → `READ-PATIENT`). R4 has no element for it (R5 adds
 * assert.requirement).
 */
export const REQUIREMENT_EXTENSION = 'https://homolog.quebec/fhir/StructureDefinition/testscript-requirement';

const REQUIREMENT_ID = /^[A-Z][A-Z0-9-]*$/;

/** Lower-case, hyphens for anything else: "Patient Read (ETag)" → "patient-read-etag". */
export function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The requirement ids of a test, from the extension or derived from its name. */
export function requirementIdsOf(test: TestScriptTest, index: number, file: string): string[] {
  const declared = (test.extension ?? []).filter((e) => e.url === REQUIREMENT_EXTENSION);
  if (declared.length > 0)
    return declared.map((e) => {
      const id = e.valueString ?? e.valueCode ?? '';
      if (!REQUIREMENT_ID.test(id))
        throw new UsageError(
          l.badRequirement({ file, index, id: JSON.stringify(id), extension: REQUIREMENT_EXTENSION }),
        );
      return id;
    });
  const derived = kebab(test.name ?? '').toUpperCase();
  return [/^[A-Z]/.test(derived) ? derived : `TEST-${derived || index + 1}`];
}

export function compileTestScript(loaded: LoadedTestScript): LoadedSuite {
  const { script, file } = loaded;
  const id = kebab(script.id ?? script.name);
  if (!SUITE_ID_PATTERN.test(id)) throw new UsageError(l.badSuiteId({ file, id, from: script.id ? 'id' : 'name' }));
  const title = script.title ?? script.name;
  const run = new ScriptRun(loaded);
  const inputs = ScriptRun.inputsOf(loaded);
  const requirements = new Map<string, Requirement>();
  const testIds = new Set<string>();
  const scriptTests = script.test ?? []; // at least one: the loader refuses a script without
  const lastIndex = scriptTests.length - 1;
  const tests: TestDefinition[] = scriptTests.map((test, index) => {
    const verifies = [...new Set(requirementIdsOf(test, index, file))];
    // A TestScript's own texts are data: the same in both languages.
    const text = test.description ?? test.name;
    for (const r of verifies)
      if (!requirements.has(r))
        requirements.set(r, {
          id: r,
          level: 'SHALL',
          text: text === undefined ? m.testNumber({ n: index + 1 }) : { fr: text, en: text },
          source: { fr: script.url, en: script.url },
        });
    return {
      id: unique(kebab(test.id ?? test.name ?? '') || `test-${index + 1}`, testIds),
      title: test.name === undefined ? m.testNumber({ n: index + 1 }) : { fr: test.name, en: test.name },
      ...(test.description ? { description: { fr: test.description, en: test.description } } : {}),
      verifies,
      tags: ['testscript'],
      ...(inputs.length ? { inputs: inputs.map((v) => v.name) } : {}),
      async run(t) {
        try {
          await run.setup(t);
          const failures = await run.actions(t, test.action);
          if (failures.length) failCheck(joinTexts(failures, FAILURE_SEPARATOR));
        } finally {
          if (index === lastIndex) await run.teardown(t);
        }
      },
    };
  });
  return {
    id,
    version: script.version ?? 'unversioned',
    title: { fr: title, en: title },
    ...(script.description ? { description: { fr: script.description, en: script.description } } : {}),
    inputs: inputs.map((v) => {
      const text = v.description ?? v.hint;
      return {
        name: v.name,
        required: true,
        description: text === undefined ? m.variableValue({ name: v.name }) : { fr: text, en: text },
      };
    }),
    requirements: [...requirements.values()],
    tests,
    digest: loaded.digest,
    dir: path.dirname(file),
    testScript: { url: script.url },
  };
}
