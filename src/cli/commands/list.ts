import type { Command } from 'commander';
import type { Lang } from '../../model/run-result.js';
import { OUTPUT_FORMATS } from '../../report/formats.js';
import { type LoadedSuite, originLabel } from '../../suite/registry.js';
import { inLang } from '../../util/i18n.js';
import { safeText } from '../../util/safe-text.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';
import { h } from './help.js';
import { c } from './messages.js';

export function registerList(program: Command, lang: Lang): void {
  program
    .command('list')
    .description(h.list()[lang])
    .option('-s, --suite <id>', h.listSuite()[lang])
    .option('-r, --requirements', h.listRequirements()[lang])
    .option('--formats', h.listFormats()[lang])
    .option('--json', h.listJson()[lang])
    .addOption(suitePathOption(lang))
    .action(
      async (
        opts: {
          suite?: string;
          requirements?: boolean;
          formats?: boolean;
          lang: Lang;
          json?: boolean;
        } & SuitePathOption,
      ) => {
        if (opts.formats) {
          process.stdout.write(
            opts.json ? `${JSON.stringify(OUTPUT_FORMATS.map(describeFormat), null, 2)}\n` : formatFormats(opts.lang),
          );
          return;
        }
        const registry = await suitesOf(opts);
        const suites = opts.suite
          ? [await registry.load(opts.suite)]
          : await Promise.all(registry.ids().map((id) => registry.load(id)));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(suites.map(describeSuite), null, 2)}\n`);
          return;
        }
        for (const s of suites)
          process.stdout.write(
            safeText(formatSuite(s, opts.suite !== undefined, opts.requirements ?? false, opts.lang)),
          );
      },
    );
}

function describeFormat(f: (typeof OUTPUT_FORMATS)[number]): object {
  return { id: f.id, file: f.file ?? null, description: f.description, needsChromium: f.needsChromium };
}

/** One line per format: id, where it goes, what it is. */
function formatFormats(language: Lang): string {
  const stdout = c.standardOutput()[language];
  const chromium = c.needsChromium()[language];
  return OUTPUT_FORMATS.map(
    (f) =>
      `${f.id.padEnd(12)}${(f.file ?? stdout).padEnd(20)}${f.description[language]}${f.needsChromium ? chromium : ''}\n`,
  ).join('');
}

function describeSuite(s: LoadedSuite): object {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    digest: s.digest,
    origin: s.origin,
    requirements: s.requirements,
    tests: s.tests.map((t) => ({ id: t.id, title: t.title, verifies: t.verifies, tags: t.tags ?? [] })),
  };
}

function formatSuite(s: LoadedSuite, detailed: boolean, requirements: boolean, language: Lang): string {
  const lines = [
    c.suiteLine({
      id: s.id,
      version: s.version,
      title: s.title[language],
      tests: s.tests.length,
      requirements: s.requirements.length,
      origin: fromWhere(s, language),
    })[language],
  ];
  if (detailed && !requirements) {
    for (const t of s.tests) lines.push(`  ${t.id.padEnd(34)} [${t.verifies.join(', ')}] ${inLang(t.title, language)}`);
  }
  if (requirements) {
    for (const r of s.requirements) {
      const tests = s.tests.filter((t) => t.verifies.includes(r.id)).map((t) => t.id);
      lines.push(`  ${r.id.padEnd(14)} ${r.level.padEnd(6)} ${r.text[language]}`);
      lines.push(`  ${''.padEnd(21)} ${c.requirementSource({ source: r.source[language] })[language]}`);
      lines.push(
        `  ${''.padEnd(21)} ${c.requirementTests({ tests: tests.join(', ') || c.notTested()[language] })[language]}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Where the suite comes from, after its line: built-in, its folder, or its package. */
function fromWhere(s: LoadedSuite, language: Lang): string {
  if (!s.origin) return '';
  if (s.origin.kind === 'path') return ` [${s.origin.path}]`;
  if (s.origin.kind === 'built-in') return ` [${c.builtIn()[language]}]`;
  return ` [${originLabel(s.origin)}]`;
}
