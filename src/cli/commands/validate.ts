import type { Command } from 'commander';
import { loadIg } from '../../ig/load.js';
import { hasErrors, toOperationOutcome, type ValidationIssue } from '../../validation/issues.js';
import type { CanonicalResource } from '../../validation/registry.js';
import { createValidator } from '../../validation/setup.js';
import type { Validator } from '../../validation/validator.js';
import { UsageError } from '../../util/errors.js';
import { JsonSyntaxError, parseJson } from '../../util/json.js';
import { EXIT } from '../exit-codes.js';
import { readInputs, type ValidationInput } from '../inputs.js';
import { list } from '../options.js';

interface ValidateOptions {
  profile?: string[];
  ig?: string[];
  format: string;
  verbose?: boolean;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate FHIR R4 JSON resources (files, folders, NDJSON, or - for stdin) against base R4 and profiles')
    .argument('<inputs...>', 'files, folders or - (standard input)')
    .option('-p, --profile <urls>', 'profile(s) every resource must conform to (canonical URL, or the id/name of a loaded profile)', list)
    .option('--ig <path>', 'an IG folder of JSON resources or a FHIR package .tgz (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('-f, --format <text|json>', 'output format', 'text')
    .option('-v, --verbose', 'text output: also list information issues')
    .action(async (inputs: string[], opts: ValidateOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`--format must be text or json, not "${opts.format}"`);
      const resources: CanonicalResource[] = [];
      for (const ig of opts.ig ?? []) resources.push(...(await loadIg(ig)));
      const { validator, registry } = createValidator({ resources });
      const profiles = (opts.profile ?? []).map((p) => resolveProfile(p, registry.own().concat(resources)));
      process.exitCode = await validateAll(inputs, validator, profiles, opts);
    });
}

/** A profile named by canonical URL, or by the id or name of a loaded StructureDefinition. */
function resolveProfile(spec: string, loaded: readonly CanonicalResource[]): string {
  if (/^(https?|urn):/.test(spec)) return spec;
  const sd = loaded.find((r) => r.resourceType === 'StructureDefinition' && (r.id === spec || (r as { name?: string }).name === spec));
  if (!sd?.url) throw new UsageError(`--profile ${spec}: no loaded StructureDefinition has that id or name (give its canonical URL, or load it with --ig)`);
  return sd.url;
}

async function validateAll(inputs: string[], validator: Validator, profiles: string[], opts: ValidateOptions): Promise<number> {
  const started = performance.now();
  let count = 0;
  let withErrors = 0;
  let first = true;
  if (opts.format === 'json') process.stdout.write('[');
  for await (const input of readInputs(inputs)) {
    const issues = validateInput(input, validator, profiles);
    count++;
    if (hasErrors(issues)) withErrors++;
    if (opts.format === 'json') {
      process.stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify({ file: input.name, outcome: toOperationOutcome(issues) })}`);
    } else {
      process.stdout.write(formatText(input.name, issues, opts.verbose ?? false));
    }
    first = false;
  }
  if (opts.format === 'json') process.stdout.write('\n]\n');
  const ms = performance.now() - started;
  process.stderr.write(`${count} resource(s) validated, ${withErrors} with errors, in ${(ms / 1000).toFixed(2)} s\n`);
  return withErrors > 0 ? EXIT.nonconformant : EXIT.conforms;
}

/** Invalid JSON is a fatal issue at its line and column; everything else goes to the validator. */
export function validateInput(input: ValidationInput, validator: Validator, profiles: string[]): ValidationIssue[] {
  let value: unknown;
  try {
    value = parseJson(input.text, input.name);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    return [{ severity: 'fatal', code: 'structure', expression: '(document)', message: `Invalid JSON: ${err.detail} at line ${err.line}, column ${err.column}`, line: err.line, column: err.column }];
  }
  return validator.validate(value, { profiles });
}

function formatText(name: string, issues: readonly ValidationIssue[], verbose: boolean): string {
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const shown = issues.filter((i) => verbose || i.severity !== 'information');
  const head = `${errors > 0 ? 'INVALID' : 'valid  '} ${name} (${errors} error(s), ${warnings} warning(s))\n`;
  return head + shown.map((i) => `  ${i.severity.padEnd(11)} ${i.expression}: ${i.message}${i.line ? ` (line ${i.line}${i.column ? `, column ${i.column}` : ''})` : ''}\n`).join('');
}
