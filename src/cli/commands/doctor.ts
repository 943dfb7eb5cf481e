/**
 * `homolog doctor --target file`: before a campaign, one line per item
 * (✓ good, ✗ to fix, – nothing to judge): the file loads, DNS, TCP, TLS, the
 * CapabilityStatement, the token endpoint and each actor's credentials. It
 * goes through the run's own HTTP session (src/http, src/access): credentials
 * only to their configured origins, every printed line redacted.
 */
import { X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import type { Command } from 'commander';
import { accessRuntime } from '../../access/credentials/actor-session.js';
import { loadTarget } from '../../config/load-target.js';
import { isLoopback } from '../../http/client.js';
import { TargetError } from '../../http/errors.js';
import { handshake, probeOptions } from '../../http/tls-probe.js';
import type { Actor, Target } from '../../model/target.js';
import { targetSession } from '../../run/campaign.js';
import { describeNotFhir, getMetadata } from '../../run/preflight.js';
import { textOfError } from '../../util/errors.js';
import { type LocalizedText, localized, resolveLang } from '../../util/i18n.js';
import { safeLine } from '../../util/safe-text.js';
import { EXIT } from '../exit-codes.js';
import { doctorMessages as m } from './doctor-messages.js';

/** ✓ good, ✗ to fix, – nothing this command can judge. */
export type Mark = '✓' | '✗' | '–';
export interface Finding {
  mark: Mark;
  text: LocalizedText;
}

const ok = (text: LocalizedText): Finding => ({ mark: '✓', text });
const bad = (text: LocalizedText): Finding => ({ mark: '✗', text });
const info = (text: LocalizedText): Finding => ({ mark: '–', text });

const DEFAULT_TIMEOUT_MS = 10_000;

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check a target file before a campaign: reachability, TLS, CapabilityStatement, token endpoint, each actor’s credentials / vérifier un fichier de cible avant une campagne',
    )
    .requiredOption('-t, --target <file>', 'target file (YAML or JSON) / fichier de cible')
    .option('--lang <fr|en>', 'language of the output / langue de la sortie')
    .action(async (opts: { target: string; lang?: string }) => {
      const { lang } = resolveLang(opts.lang);
      const write = (line: string): void => void process.stdout.write(`${safeLine(line)}\n`);
      let target: Target;
      try {
        target = await loadTarget(opts.target);
      } catch (err) {
        const problem = err instanceof Error ? err.message : String(err);
        write(`✗ ${m.targetFile({ problem })[lang]}`);
        write(m.problems({ n: 1 })[lang]);
        process.exitCode = EXIT.nonconformant;
        return;
      }
      write(m.heading({ file: opts.target, url: target.baseUrl })[lang]);
      const findings = await diagnose(target, (f, redact) => write(`${f.mark} ${redact(f.text[lang])}`));
      const problems = findings.filter((f) => f.mark === '✗').length;
      write(problems === 0 ? m.allGood({ file: opts.target })[lang] : m.problems({ n: problems })[lang]);
      process.exitCode = problems === 0 ? EXIT.conforms : EXIT.nonconformant;
    });
}

/**
 * Every item, in order, each reported as soon as it is known (`report`, with
 * the redaction that knows the tokens obtained so far). Network items after
 * an unreachable host are not attempted.
 */
export async function diagnose(
  target: Target,
  report: (finding: Finding, redact: (text: string) => string) => void,
): Promise<Finding[]> {
  const { redactor, session } = targetSession(target);
  const findings: Finding[] = [];
  const add = (f: Finding): void => {
    findings.push(f);
    report(f, (t) => redactor.text(t));
  };
  const url = new URL(target.baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const dns = await dnsFinding(host);
    add(dns);
    const tcp = dns.mark === '✗' ? undefined : await tcpFinding(host, port, timeoutMs);
    if (tcp) add(tcp);
    if (!tcp || tcp.mark === '✗') {
      for (const item of ['TLS', 'CapabilityStatement']) add(info(m.notChecked({ item })));
      return findings;
    }
    add(await tlsFinding(target, url, host, port, timeoutMs));
    add(await capabilityFinding(target, session, timeoutMs));
    const runtime = accessRuntime(target, session);
    const declared = Object.values(target.actors).filter((a) => a.name !== 'anonymous' || a.credentials);
    const tokenActors = declared.filter(
      (a) => a.credentials?.type === 'smart-backend' || a.credentials?.type === 'client-secret',
    );
    if (tokenActors.length === 0) add(info(m.tokenNotNeeded()));
    else {
      // Discovery (if needed) through the first token actor's TLS identity, without credentials.
      const via = runtime.actor(tokenActors[0]?.name ?? target.defaultActor)?.client();
      const { url: tokenUrl, discovery } = await runtime.tokenEndpoint(via);
      add(
        tokenUrl === undefined
          ? bad(m.tokenMissing({ problem: discovery?.problem ?? '-' }))
          : discovery
            ? ok(m.tokenDiscovered({ url: tokenUrl }))
            : ok(m.tokenConfigured({ url: tokenUrl })),
      );
    }
    for (const actor of declared) add(await actorFinding(actor, runtime));
    return findings;
  } finally {
    await session.close();
  }
}

async function dnsFinding(host: string): Promise<Finding> {
  if (isIP(host)) return ok(m.dnsIp({ host }));
  try {
    const { address } = await lookup(host);
    return ok(m.dnsOk({ host, address }));
  } catch (err) {
    return bad(m.dnsFailed({ host, code: (err as NodeJS.ErrnoException).code ?? String(err) }));
  }
}

function tcpFinding(host: string, port: number, timeoutMs: number): Promise<Finding> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (f: Finding): void => {
      socket.destroy();
      resolve(f);
    };
    socket.setTimeout(timeoutMs, () => done(bad(m.tcpFailed({ host, port, code: `timeout ${timeoutMs} ms` }))));
    socket.once('connect', () => done(ok(m.tcpOk({ host, port }))));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(bad(m.tcpFailed({ host, port, code: err.code ?? err.message }))),
    );
    socket.connect(port, host);
  });
}

async function tlsFinding(target: Target, url: URL, host: string, port: number, timeoutMs: number): Promise<Finding> {
  if (url.protocol !== 'https:') return isLoopback(url.hostname) ? info(m.tlsLoopback()) : bad(m.tlsCleartext());
  let seen: Awaited<ReturnType<typeof handshake>>;
  try {
    seen = await handshake(probeOptions(target, url), timeoutMs);
  } catch (err) {
    return bad(m.tlsFailed({ host, port, reason: textOfError(err) }));
  }
  const cert = new X509Certificate(seen.certificate.raw);
  const subject = cert.subject.replace(/\n/g, ', ');
  const issuer = cert.issuer.replace(/\n/g, ', ');
  const named = isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
  if (!named) return bad(m.tlsWrongName({ subject, host }));
  if (!seen.authorized) return bad(m.tlsUntrusted({ subject, issuer, reason: seen.authorizationError ?? 'unknown' }));
  return ok(m.tlsOk({ subject, issuer, host, validTo: new Date(cert.validTo).toISOString().slice(0, 10) }));
}

async function capabilityFinding(
  target: Target,
  session: ReturnType<typeof targetSession>['session'],
  timeoutMs: number,
): Promise<Finding> {
  const res = await getMetadata(target, session, timeoutMs);
  if (res instanceof TargetError) return bad(both(res.text, (reason) => m.capabilityFailed({ reason })));
  const notFhir = describeNotFhir(res);
  if (notFhir) return bad(both(notFhir, (reason) => m.capabilityFailed({ reason })));
  if (res.status !== 200)
    return bad(both(m.capabilityStatus({ status: res.status }), (reason) => m.capabilityFailed({ reason })));
  let body: { resourceType?: unknown; fhirVersion?: unknown; software?: { name?: unknown; version?: unknown } };
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    body = {};
  }
  if (body.resourceType !== 'CapabilityStatement')
    return bad(both(m.capabilityType({ type: String(body.resourceType) }), (reason) => m.capabilityFailed({ reason })));
  if (body.fhirVersion !== '4.0.1')
    return bad(
      both(m.capabilityVersion({ version: String(body.fhirVersion) }), (reason) => m.capabilityFailed({ reason })),
    );
  const software =
    typeof body.software?.name === 'string'
      ? ` (${body.software.name}${typeof body.software.version === 'string' ? ` ${body.software.version}` : ''})`
      : '';
  return ok(m.capabilityOk({ version: '4.0.1', software }));
}

/** A message that wraps another, language by language. */
function both(inner: LocalizedText, outer: (text: string) => LocalizedText): LocalizedText {
  return { fr: outer(inner.fr).fr, en: outer(inner.en).en };
}

async function actorFinding(actor: Actor, runtime: ReturnType<typeof accessRuntime>): Promise<Finding> {
  const params = { actor: actor.name, role: actor.role };
  const cc = actor.clientCertificate;
  const certificate: LocalizedText = cc?.cert
    ? m.certificateLoads({ subject: new X509Certificate(cc.cert).subject.replace(/\n/g, ', ') })
    : cc?.pfx
      ? m.certificatePfx()
      : { fr: '', en: '' };
  const type = actor.credentials?.type;
  if (type === 'smart-backend' || type === 'client-secret') {
    try {
      await runtime.actor(actor.name)?.requestToken();
      return ok(both(certificate, (c) => m.actorToken({ ...params, certificate: c })));
    } catch (err) {
      const reason =
        err instanceof TargetError ? err.text : localized(err instanceof Error ? err.message : String(err));
      return bad(both(reason, (r) => m.actorTokenFailed({ ...params, reason: r })));
    }
  }
  if (type === 'bearer') return info(both(certificate, (c) => m.actorBearer({ ...params, certificate: c })));
  return info(both(certificate, (c) => m.actorNone({ ...params, certificate: c })));
}
