import type { Command } from 'commander';
import type { Lang } from '../../model/run-result.js';
import { type LoadedSuite, listSuiteIds, loadSuite } from '../../suite/registry.js';
import { safeText } from '../../util/safe-text.js';
import { lang } from '../options.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list suites, their versions, tests and requirement ids')
    .option('-s, --suite <id>', 'show one suite in detail')
    .option('-r, --requirements', "print the suite's requirement catalogue")
    .option('--lang <fr|en>', 'language of requirement texts', lang, 'en' as Lang)
    .option('--json', 'machine-readable output')
    .action(async (opts: { suite?: string; requirements?: boolean; lang: Lang; json?: boolean }) => {
      const suites = opts.suite
        ? [await loadSuite(opts.suite)]
        : await Promise.all((await listSuiteIds()).map((id) => loadSuite(id)));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(suites.map(describeSuite), null, 2)}\n`);
        return;
      }
      for (const s of suites)
        process.stdout.write(safeText(formatSuite(s, opts.suite !== undefined, opts.requirements ?? false, opts.lang)));
    });
}

function describeSuite(s: LoadedSuite): object {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    digest: s.digest,
    requirements: s.requirements,
    tests: s.tests.map((t) => ({ id: t.id, title: t.title, verifies: t.verifies, tags: t.tags ?? [] })),
  };
}

function formatSuite(s: LoadedSuite, detailed: boolean, requirements: boolean, language: Lang): string {
  const lines = [
    `${s.id} ${s.version} — ${s.title[language]} (${s.tests.length} tests, ${s.requirements.length} requirements)`,
  ];
  if (detailed && !requirements) {
    for (const t of s.tests) lines.push(`  ${t.id.padEnd(34)} [${t.verifies.join(', ')}] ${t.title}`);
  }
  if (requirements) {
    for (const r of s.requirements) {
      const tests = s.tests.filter((t) => t.verifies.includes(r.id)).map((t) => t.id);
      lines.push(`  ${r.id.padEnd(14)} ${r.level.padEnd(6)} ${r.text[language]}`);
      lines.push(`  ${''.padEnd(21)} source: ${r.source}`);
      lines.push(`  ${''.padEnd(21)} tests: ${tests.join(', ') || 'NOT TESTED'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
