/**
 * `homolog terminology check|expand`: the terminology the validator uses,
 * one code or one value set at a time, for vendors debugging their data.
 * Offline first; a remote server (`--tx <url>`) only for what the offline
 * service cannot decide. Also the remote server `homolog validate --tx` uses.
 */
import type { CodeSystem, ValueSet } from '@medplum/fhirtypes';
import type { Command } from 'commander';
import { loadIg } from '../../ig/load.js';
import { codeSystemIndex } from '../../terminology/code-system.js';
import type { ExpansionListing } from '../../terminology/expand.js';
import { LayeredTerminology } from '../../terminology/layered.js';
import { tm } from '../../terminology/messages.js';
import type { CodeCheck, CodingInput, TerminologyPort } from '../../terminology/port.js';
import { type ExpandedCode, RemoteTerminology, type TxQuery } from '../../terminology/remote.js';
import type { TerminologyService } from '../../terminology/service.js';
import { UsageError } from '../../util/errors.js';
import { type Lang, resolveLang } from '../../util/i18n.js';
import { m } from '../../validation/messages.js';
import type { CanonicalResource, DefinitionRegistry } from '../../validation/registry.js';
import { createValidator } from '../../validation/setup.js';
import { EXIT } from '../exit-codes.js';
import { addTxOptions, type TxOptions, wantsRemote } from '../tx-options.js';

/** The remote server named by --tx, or undefined without it. */
export function openRemote(opts: TxOptions, local: TerminologyPort): RemoteTerminology | undefined {
  if (!wantsRemote(opts) || !opts.tx) return undefined;
  try {
    return new RemoteTerminology({
      baseUrl: opts.tx,
      local,
      ...(opts.txTimeout !== undefined ? { timeoutMs: opts.txTimeout } : {}),
      ...(opts.txCache !== undefined ? { cacheDir: opts.txCache } : {}),
    });
  } catch (err) {
    throw new UsageError(tm.txOption({ url: opts.tx, error: (err as Error).message }));
  }
}

/** One line (or a few) for stderr after a run that used a terminology server. */
export function remoteSummary(remote: RemoteTerminology, lang: Lang): string {
  const s = remote.stats;
  let out = `${
    tm.txSummary({
      url: remote.baseUrl,
      requests: String(s.requests),
      cached: String(s.fromCache),
      file: remote.cacheFile ? ` (${remote.cacheFile})` : '',
      failures: String(s.failures),
    })[lang]
  }\n`;
  if (remote.unavailable) out += `${tm.txSummaryDown({ reason: remote.unavailable })[lang]}\n`;
  if (remote.cacheProblem) out += `${tm.txSummaryCache({ problem: remote.cacheProblem })[lang]}\n`;
  return out;
}

interface CommonOptions extends TxOptions {
  ig?: string[];
  format: string;
  lang?: string;
}

/** The command's language: its own --lang, else the program's, HOMOLOG_LANG or the locale. */
function langOf(cmd: Command, opts: CommonOptions): Lang {
  return resolveLang(opts.lang ?? (cmd.optsWithGlobals() as { lang?: string }).lang).lang;
}

interface CheckOptions extends CommonOptions {
  display?: string;
  valueset?: string;
  systemVersion?: string;
}

/** `helpLang`: the language of the help texts (the command line's). */
export function registerTerminology(program: Command, helpLang: Lang = 'en'): void {
  const terminology = program.command('terminology').description(tm.helpTerminology()[helpLang]);

  const check = terminology
    .command('check')
    .description(tm.helpCheck()[helpLang])
    .argument('<system>', tm.helpSystem()[helpLang])
    .argument('<code>', tm.helpCode()[helpLang])
    .option('--display <text>', tm.helpDisplay()[helpLang])
    .option('--valueset <url>', tm.helpValueset()[helpLang])
    .option('--system-version <version>', tm.helpSystemVersion()[helpLang]);
  common(check, helpLang).action(async (system: string, code: string, opts: CheckOptions) => {
    checkFormat(opts.format);
    const lang = langOf(check, opts);
    const { local } = await setup(opts);
    const coding: CodingInput = { system, code };
    if (opts.systemVersion) coding.version = opts.systemVersion;
    if (opts.display !== undefined) coding.display = opts.display;
    const remote = openRemote(opts, local);
    try {
      process.stdout.write(await runCheck(local, remote, coding, opts, lang));
    } finally {
      await remote?.close();
    }
  });

  const expand = terminology
    .command('expand')
    .description(tm.helpExpand()[helpLang])
    .argument('<valueset>', tm.helpValuesetArg()[helpLang]);
  common(expand, helpLang).action(async (url: string, opts: CommonOptions) => {
    checkFormat(opts.format);
    const lang = langOf(expand, opts);
    const { local, registry } = await setup(opts);
    const remote = openRemote(opts, local);
    try {
      process.stdout.write(await runExpand(url, local, registry, remote, opts, lang));
    } finally {
      await remote?.close();
    }
  });
}

function common(cmd: Command, lang: Lang): Command {
  cmd.option('--ig <path>', tm.helpIgTerminology()[lang], (v: string, p: string[] = []) => [...p, v]);
  cmd.option('-f, --format <text|json>', m.helpFormat()[lang], 'text');
  cmd.option('--lang <fr|en>', m.helpLang()[lang]);
  return addTxOptions(cmd, lang);
}

function checkFormat(format: string): void {
  if (format !== 'text' && format !== 'json') throw new UsageError(m.formatOption({ format }));
}

async function setup(opts: CommonOptions): Promise<{ local: TerminologyService; registry: DefinitionRegistry }> {
  const resources: CanonicalResource[] = [];
  for (const ig of opts.ig ?? []) resources.push(...(await loadIg(ig)));
  const { local, registry } = createValidator({ resources });
  return { local, registry };
}

// ------------------------------------------------------------------ check

type Source = 'local' | 'remote' | 'cache';

async function runCheck(
  local: TerminologyPort,
  remote: RemoteTerminology | undefined,
  coding: CodingInput,
  opts: CheckOptions,
  lang: Lang,
): Promise<string> {
  const vs = opts.valueset;
  const ask = (port: TerminologyPort): CodeCheck =>
    vs ? port.validateCode(vs, coding) : port.validateInSystem(coding);
  let check = ask(local);
  let source: Source | undefined = check.status === 'not-checked' ? 'local' : check.source;
  let serverDisplay: string | undefined;
  if (check.status === 'not-checked' && remote) {
    const q: TxQuery = vs ? { kind: 'valueset', valueSet: vs, coding } : { kind: 'system', coding };
    const answer = await remote.check(q);
    check = ask(new LayeredTerminology(local, remote));
    source = answer.origin === 'unavailable' ? undefined : answer.origin;
    serverDisplay = answer.display;
  }
  const status = check.status;
  process.exitCode = status === 'valid' ? EXIT.conforms : EXIT.nonconformant;
  const usedServer = source === 'remote' || source === 'cache' || (remote !== undefined && source === undefined);

  if (opts.format === 'json') {
    const out: Record<string, unknown> = { system: coding.system, code: coding.code };
    if (coding.version) out.version = coding.version;
    if (coding.display !== undefined) out.display = coding.display;
    if (vs) out.valueSet = vs;
    out.status = status;
    out.source = source ?? null;
    if (usedServer && remote) out.server = remote.baseUrl;
    if (check.status !== 'valid') out.message = check.text[lang];
    else if (check.displayText) out.displayProblem = check.displayText[lang];
    if (serverDisplay !== undefined) out.serverDisplay = serverDisplay;
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  const label = (
    status === 'valid' ? tm.statusValid() : status === 'invalid' ? tm.statusInvalid() : tm.statusNotChecked()
  )[lang];
  const coded = `${coding.system}#${coding.code}${coding.display !== undefined ? ` "${coding.display}"` : ''}`;
  const lines = [
    (vs ? tm.checkHeadInValueSet({ status: label, coded, vs }) : tm.checkHead({ status: label, coded }))[lang],
  ];
  const cached = source === 'cache' && remote?.cacheFile ? tm.cachedIn({ file: remote.cacheFile })[lang] : '';
  const where = usedServer && remote ? ` (${remote.baseUrl}${cached})` : '';
  lines.push(tm.sourceLine({ source: source ?? tm.sourceUnavailable()[lang], where })[lang]);
  if (serverDisplay !== undefined) lines.push(tm.serverDisplayLine({ display: serverDisplay })[lang]);
  if (check.status !== 'valid') lines.push(tm.messageLine({ message: check.text[lang] })[lang]);
  else if (check.displayText) lines.push(tm.warningLine({ message: check.displayText[lang] })[lang]);
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------ expand

interface Listing {
  url: string;
  version?: string;
  title?: string;
  source: Source;
  server?: string;
  total: number;
  contains: ExpandedCode[];
  notListed: string[];
  notes: string[];
}

async function runExpand(
  url: string,
  local: TerminologyService,
  registry: DefinitionRegistry,
  remote: RemoteTerminology | undefined,
  opts: CommonOptions,
  lang: Lang,
): Promise<string> {
  const offline = local.expand(url);
  let listing: Listing | undefined;
  const notes: string[] = [];
  if (offline && (offline.notListed.length === 0 || !remote)) {
    listing = localListing(url, offline, registry, lang);
  } else if (remote) {
    const r = await remote.expand(url);
    if (r.kind === 'expansion') {
      const e = r.expansion;
      listing = {
        url: e.url,
        source: 'remote',
        server: remote.baseUrl,
        total: e.total ?? e.contains.length,
        contains: e.contains,
        notListed: e.notListed.map((n) => n[lang]),
        notes,
      };
      if (e.version) listing.version = e.version;
      if (e.title) listing.title = e.title;
    } else if (offline) {
      notes.push(tm.offlineIncomplete({ reason: r.message })[lang]);
      listing = localListing(url, offline, registry, lang);
    } else {
      throw new UsageError(tm.unknownOfflineAnd({ url, reason: r.message }));
    }
  }
  if (!listing) throw new UsageError(tm.unknownOffline({ url }));
  listing.notes = notes;
  process.exitCode = EXIT.conforms;
  if (opts.format === 'json') return `${JSON.stringify(listing, null, 2)}\n`;
  return formatListing(listing, lang);
}

function localListing(url: string, offline: ExpansionListing, registry: DefinitionRegistry, lang: Lang): Listing {
  const designations = designationFinder(url, registry);
  const contains = offline.contains.map((c): ExpandedCode => {
    const out: ExpandedCode = { system: c.system, code: c.code };
    if (c.display !== undefined) out.display = c.display;
    const d = designations(c.system, c.code);
    if (d.length) out.designations = d;
    return out;
  });
  const listing: Listing = {
    url: offline.url,
    title: offline.title,
    source: 'local',
    total: contains.length,
    contains,
    notListed: offline.notListed.map((n) => n[lang]),
    notes: [],
  };
  if (offline.version) listing.version = offline.version;
  return listing;
}

const LISTED_LANGUAGE = /^(fr|en)(-|$)/i;

/** French and English designations of a code: the value set's own, then its code system's. */
function designationFinder(
  url: string,
  registry: DefinitionRegistry,
): (system: string, code: string) => { language?: string; value: string }[] {
  const vs = registry.resolve(url) as ValueSet | undefined;
  const fromVs = new Map<string, { language?: string; value: string }[]>();
  for (const inc of vs?.resourceType === 'ValueSet' ? (vs.compose?.include ?? []) : []) {
    for (const c of inc.concept ?? []) {
      if (!inc.system || !c.code) continue;
      const list = (c.designation ?? [])
        .filter((d) => d.value)
        .map((d) => (d.language ? { language: d.language, value: d.value as string } : { value: d.value as string }));
      if (list.length) fromVs.set(`${inc.system}\u0000${c.code}`, list);
    }
  }
  return (system, code) => {
    const all = [...(fromVs.get(`${system}\u0000${code}`) ?? [])];
    const cs = registry.resolve(system) as CodeSystem | undefined;
    if (cs?.resourceType === 'CodeSystem') all.push(...(codeSystemIndex(cs).get(code)?.designations ?? []));
    const seen = new Set<string>();
    return all.filter((d) => {
      if (!d.language || !LISTED_LANGUAGE.test(d.language)) return false;
      const k = `${d.language}\u0000${d.value}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
}

function formatListing(l: Listing, lang: Lang): string {
  const lines = [
    `ValueSet ${l.url}${l.version ? `|${l.version}` : ''}${l.title && l.title !== l.url ? ` (${l.title})` : ''}`,
  ];
  lines.push(tm.listingSource({ source: `${l.source}${l.server ? ` (${l.server})` : ''}` })[lang]);
  for (const c of l.contains) {
    lines.push(`  ${c.system}#${c.code}${c.display !== undefined ? `  ${c.display}` : ''}`);
    for (const d of c.designations ?? []) {
      // An English designation identical to the display says nothing more; a French one does.
      if (!d.language || !LISTED_LANGUAGE.test(d.language) || (d.value === c.display && /^en/i.test(d.language)))
        continue;
      lines.push(`      ${d.language}: ${d.value}`);
    }
  }
  lines.push(
    (l.total > l.contains.length
      ? tm.listingTotalListed({ total: l.total, listed: l.contains.length })
      : tm.listingTotal({ total: l.total }))[lang],
  );
  if (l.notListed.length) {
    lines.push(tm.notListed()[lang]);
    for (const n of l.notListed) lines.push(`  - ${n}`);
  }
  for (const n of l.notes) lines.push(tm.note({ note: n })[lang]);
  return `${lines.join('\n')}\n`;
}
