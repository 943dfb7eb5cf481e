import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { listSuiteIds, loadSuite } from '../../src/suite/registry.js';
import { isLocalizedText, placeholdersOf, registeredCatalogues } from '../../src/util/i18n.js';
import { projectPath } from '../../src/util/paths.js';

/** Compiled modules under a folder of dist/ whose source declares a catalogue. */
async function catalogueModules(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.js') && (await readFile(full, 'utf8')).includes('defineMessages('))
        found.push(full);
    }
  };
  await walk(projectPath('dist', folder));
  return found;
}

/** Three words or more: a sentence, which must not be the English again in French. */
const SENTENCE = /\p{L}+\s+\p{L}+\s+\p{L}+/u;

describe('the message catalogue: every text in French and English', () => {
  before(async () => {
    for (const file of [...(await catalogueModules('src')), ...(await catalogueModules('suites'))])
      await import(pathToFileURL(file).href);
  });

  it('every message of every catalogue exists in both languages, with the same placeholders', () => {
    const catalogues = registeredCatalogues();
    expect(catalogues.size, 'catalogues declared').to.be.greaterThan(10);
    const problems: string[] = [];
    for (const [domain, templates] of catalogues) {
      for (const [key, template] of Object.entries(templates)) {
        const where = `${domain}.${key}`;
        if (!template.fr?.trim() || !template.en?.trim()) problems.push(`${where}: a language is empty`);
        const fr = placeholdersOf(template.fr).join(',');
        const en = placeholdersOf(template.en).join(',');
        if (fr !== en) problems.push(`${where}: placeholders differ (fr ${fr}; en ${en})`);
        if (template.fr === template.en && SENTENCE.test(template.en.replace(/\{[^}]*\}/g, '')))
          problems.push(`${where}: the French is the English`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('every check of every built-in suite has its title and description in both languages', async () => {
    const problems: string[] = [];
    for (const id of await listSuiteIds()) {
      const suite = await loadSuite(id);
      for (const test of suite.tests) {
        const where = `${id}/${test.id}`;
        for (const [field, text] of [
          ['title', test.title],
          ['description', test.description],
        ] as const) {
          if (text === undefined) {
            if (field === 'title') problems.push(`${where}: no title`);
            continue;
          }
          if (!isLocalizedText(text)) problems.push(`${where}: ${field} is one language only`);
          else if (text.fr === text.en && SENTENCE.test(text.en))
            problems.push(`${where}: ${field} French is the English`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });
});
