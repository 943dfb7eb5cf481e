// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the scan's samples are TypeScript sources held in strings
import { readdir, readFile, stat } from 'node:fs/promises';
import { expect } from 'chai';
import { projectPath } from '../../src/util/paths.js';
import { type Bypass, findBypasses } from '../support/i18n-bypass.js';

/**
 * Where English stays English on purpose: texts sent to software, not shown
 * to a person. Each entry is a file (relative to the project), and why.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  // The reference target is a FHIR server: its OperationOutcomes go to the client under test, in English like any server's.
  'src/reference/': 'the reference target (a whole folder)',
  // The simulator plays the shared record: its OperationOutcomes go to the client software under test.
  'src/client/simulator.ts': 'OperationOutcomes the simulated shared record sends to software',
};

function allowed(file: string): boolean {
  return Object.keys(ALLOWED).some((prefix) => file === prefix || (prefix.endsWith('/') && file.startsWith(prefix)));
}

/** Every .ts source under a project folder (not declarations), relative to the project. */
async function sources(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(projectPath(rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') await walk(child);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  await walk(folder);
  return out.sort();
}

const show = (b: Bypass): string => `${b.file}:${b.line}: ${b.sink} ${JSON.stringify(b.text.slice(0, 80))}`;

describe('no user-facing string bypasses the message catalogue', () => {
  it('finds a raw English skip reason, error, console line and check title (the scan can fail)', () => {
    const source = [
      "t.skip('the thing is missing');",
      "t.skip({ fr: 'la chose manque', en: 'the thing is missing' });",
      'throw new UsageError(`--x ${value}: no such file here`);',
      "throw new UsageError(ok ? m.fine() : 'this went quite wrong');",
      "process.stdout.write('All checks passed today\\n');",
      "console.log('Done with the run');",
      "ensure(status === 200, 'the server must answer');",
      "ensure('three words here' === x, m.ok());",
      "export default defineSuite({ tests: [{ id: 'X-1', title: 'Reads a patient', run() {} }] });",
      "const m = defineMessages('x', { gone: { en: 'it is gone', fr: 'c’est parti' } });",
      "log.info('not for a user here');",
    ].join('\n');
    const found = findBypasses('suites/x/index.ts', source, true).map((b) => `${b.line} ${b.sink}`);
    expect(found).to.deep.equal([
      '1 t.skip',
      '3 new UsageError',
      '4 new UsageError',
      '5 stdout.write',
      '6 console.log',
      '7 ensure',
      '9 title:',
    ]);
  });

  it('does not count ids, codes and two-word labels as prose', () => {
    const source = [
      "t.skip('FC-READ-02');",
      'throw new UsageError(`${file}: ${detail}`);',
      "throw new UsageError('Patient/123 id');",
    ].join('\n');
    expect(findBypasses('src/x.ts', source, false)).to.deep.equal([]);
  });

  it('src and suites: every user-facing text comes from the catalogue (or is allowed, with its reason)', async () => {
    const files = [...(await sources('src')), ...(await sources('suites'))].filter((f) => !allowed(f));
    expect(files.length, 'source files scanned').to.be.greaterThan(100);
    const found: Bypass[] = [];
    for (const file of files) {
      const suite = file.startsWith('suites/') || file.startsWith('src/suite/');
      found.push(...findBypasses(file, await readFile(projectPath(file), 'utf8'), suite));
    }
    expect(found.map(show), 'English texts outside the catalogue').to.deep.equal([]);
  });

  it('the allow-list names only what exists', async () => {
    for (const entry of Object.keys(ALLOWED))
      expect(await stat(projectPath(entry)).catch(() => undefined), entry).to.exist;
  });
});
