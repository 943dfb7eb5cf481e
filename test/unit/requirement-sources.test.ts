import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { sourceParts } from '../../src/report/source-links.js';
import { validateRunResult } from '../../src/result/schema.js';
import { upgradeRunDocument } from '../../src/result/upgrade.js';
import { loadCatalogue } from '../../src/suite/catalogue.js';
import { listSuiteIds, loadSuite } from '../../src/suite/registry.js';
import { FileError } from '../../src/util/errors.js';
import { sampleRun } from '../report/helpers.js';
import { EXAMPLE_DIR } from '../support/example-suite.js';
import { useTempDir } from '../support/tmp.js';

/** A catalogue with one requirement whose `source:` is the given YAML. */
function catalogueWith(source: string): string {
  return [
    'id: sources',
    'version: 1.0.0',
    'title: { fr: Sources, en: Sources }',
    'requirements:',
    '  - id: SRC-01',
    '    level: SHALL',
    '    text: { fr: Une règle, en: A rule }',
    `    source:${source}`,
    '',
  ].join('\n');
}

/**
 * Whether a source has words of ours, which French must translate: a
 * lowercase word of three letters or more, once spec tokens are set aside
 * (page names, anchors, paths, URLs, codes: anything holding `.`, `/`, `#`,
 * `_`, `:` or a backtick). What remains (RFC numbers, §, capitalised spec and
 * header names: "RFC 6750 §3 (WWW-Authenticate)") may read the same in both.
 */
function hasWordsOfOurs(text: string): boolean {
  return text
    .split(/[\s,;()«»"—]+/)
    .filter((token) => !/[./#_:`]/.test(token))
    .some((token) => /^[a-z]{3,}$/.test(token));
}

describe('requirement sources in both languages', () => {
  const tmp = useTempDir();

  it('a catalogue source may be { fr, en } or a plain string (the same text in both languages)', async () => {
    const bilingual = path.join(tmp.dir, 'bilingual.yaml');
    await writeFile(
      bilingual,
      catalogueWith(
        '\n      fr: API REST FHIR R4, lecture (http.html#read)\n      en: FHIR R4 RESTful API, read (http.html#read)',
      ),
    );
    expect((await loadCatalogue(bilingual)).catalogue.requirements[0]!.source).to.deep.equal({
      fr: 'API REST FHIR R4, lecture (http.html#read)',
      en: 'FHIR R4 RESTful API, read (http.html#read)',
    });
    const plain = path.join(tmp.dir, 'plain.yaml');
    await writeFile(plain, catalogueWith(' FHIR R4 §3.1.0.2 (http.html#read)'));
    expect((await loadCatalogue(plain)).catalogue.requirements[0]!.source).to.deep.equal({
      fr: 'FHIR R4 §3.1.0.2 (http.html#read)',
      en: 'FHIR R4 §3.1.0.2 (http.html#read)',
    });
  });

  it('a source with one language missing is refused, naming the file and line', async () => {
    const half = path.join(tmp.dir, 'half.yaml');
    await writeFile(half, catalogueWith('\n      en: FHIR R4 RESTful API, read (http.html#read)'));
    const refused = await loadCatalogue(half).then(
      () => expect.fail('a source without French was accepted'),
      (err: unknown) => err,
    );
    expect(refused).to.be.instanceOf(FileError);
    expect((refused as Error).message).to.match(new RegExp(`^${half.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:`));
  });

  it('a 1.4 run.json with string sources reads as 1.5 with each source the same in both languages', () => {
    const run = sampleRun() as unknown as Record<string, unknown>;
    const requirements = (run.requirements as { source: { en: string } }[]).map((r) => ({ ...r, source: r.source.en }));
    const checks = (run.checks as Record<string, unknown>[]).map((c) => ({
      ...c,
      title: (c.title as { en: string }).en,
      ...(c.description ? { description: (c.description as { en: string }).en } : {}),
      ...(c.message ? { message: (c.message as { en: string }).en } : {}),
      ...(Array.isArray(c.messages)
        ? { messages: (c.messages as { text: { en: string } }[]).map((m) => ({ ...m, text: m.text.en })) }
        : {}),
    }));
    const v14 = { ...run, schemaVersion: '1.4', requirements, checks };
    expect(validateRunResult({ ...v14, schemaVersion: '1.5' }).valid, 'string sources are not 1.5').to.equal(false);
    const checked = validateRunResult(upgradeRunDocument(v14));
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
    if (checked.valid)
      expect(checked.run.requirements[0]!.source).to.deep.equal({
        fr: 'FHIR R4 RESTful API, capabilities interaction (http.html#capabilities)',
        en: 'FHIR R4 RESTful API, capabilities interaction (http.html#capabilities)',
      });
  });

  it('the rule for words of ours: spec names, anchors and codes alone may read the same in French', () => {
    for (const same of [
      'RFC 6750 §3 (WWW-Authenticate)',
      'RFC 6750 §3.1 (invalid_token)',
      'FHIR R4 §3.1.0.5 (http.html#versioning)',
    ])
      expect(hasWordsOfOurs(same), same).to.equal(false);
    for (const prose of [
      'FHIR R4 RESTful API, read (http.html#read)',
      'DSQ rules (rate limits)',
      'Québec profile qc-medicationrequest',
    ])
      expect(hasWordsOfOurs(prose), prose).to.equal(true);
  });

  it('every requirement of the built-in suites and the example suite has a French source, and keeps its links', async () => {
    const requirements = [];
    for (const id of await listSuiteIds())
      for (const r of (await loadSuite(id)).requirements) requirements.push({ where: `${id} ${r.id}`, ...r });
    for (const r of (await loadCatalogue(path.join(EXAMPLE_DIR, 'catalogue.yaml'))).catalogue.requirements)
      requirements.push({ where: `example ${r.id}`, ...r });
    expect(requirements.length).to.be.greaterThan(150);
    const untranslated = requirements.filter((r) => r.source.fr === r.source.en && hasWordsOfOurs(r.source.en));
    expect(
      untranslated.map((r) => `${r.where}: ${r.source.en}`),
      'sources with words of ours left in English',
    ).to.deep.equal([]);
    // Every link the English makes, the French makes too (the anchors are kept).
    const links = (text: string): string[] => sourceParts(text).flatMap((p) => (p.href ? [p.href] : []));
    const lost = requirements.flatMap((r) => {
      const fr = new Set(links(r.source.fr));
      return links(r.source.en)
        .filter((href) => !fr.has(href))
        .map((href) => `${r.where}: ${href}`);
    });
    expect(lost, 'links the French source lost').to.deep.equal([]);
  });
});
