/**
 * The attended operator on a console: at session open it says how the run
 * goes (the caller prints what to configure), at each scenario what to do (with its
 * values and deadline), one line per request received, and it asks the
 * attestations (yes/no and an optional note) on a readline interface over
 * the streams it is given, bounded by the check's signal. It prompts only
 * when told to (`prompt`, default: the input is a TTY): the caller decides
 * unattended runs. Everything printed that a client, a target file or a
 * suite supplied goes through safeLine (no control characters, no CI
 * workflow commands).
 */
import { createInterface, type Interface } from 'node:readline/promises';
import { REDACTED, Redactor } from '../http/redact.js';
import type { Lang } from '../model/run-result.js';
import { safeLine } from '../util/safe-text.js';
import { consoleTexts } from './messages.js';
import type { Operator } from './operator.js';

export interface ConsoleOperatorOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  lang: Lang;
  /** Ask the attestations; default: the input is a TTY. False: attest answers undefined at once. */
  prompt?: boolean;
  /** Clock for the time left before a deadline (tests). */
  now?: () => number;
}

/** The Operator of an attended run, with every display hook. */
export type ConsoleOperator = Operator & Required<Pick<Operator, 'sessionOpened' | 'scenarioStarted' | 'received'>>;

/** A note longer than this is cut: it goes into run.json and every report. */
export const MAX_NOTE_LENGTH = 1000;
/** A path longer than this is cut on its console line (a hostile client may send megabytes). */
const MAX_PATH_LENGTH = 200;
/**
 * What could be a credential anywhere in a line: a compact JWS (a client
 * assertion), or a long base64url run (the record's opaque access tokens are
 * 43 characters; ids and UUIDs are shorter runs).
 */
const CREDENTIAL_LIKE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|[A-Za-z0-9_-]{40,}/g;

const YES = new Set(['y', 'yes', 'o', 'oui']);
const NO = new Set(['n', 'no', 'non']);

export function createConsoleOperator(options: ConsoleOperatorOptions): ConsoleOperator {
  const { input, output, lang } = options;
  const prompt = options.prompt ?? Boolean(input.isTTY);
  const now = options.now ?? Date.now;
  const t = (key: Exclude<keyof typeof consoleTexts, 'opened'>): string => consoleTexts[key]()[lang];
  const print = (...lines: string[]): void => void output.write(`${lines.join('\n')}\n`);
  let rl: Interface | undefined;
  // Requests arrive raw: the line printed is redacted (the target file's secrets, credential parameters, token-like values).
  let redactor = new Redactor();
  /** The input ended (Ctrl-D, a closed pipe): no one left to answer. */
  let inputClosed = false;
  const markClosed = (): void => {
    inputClosed = true;
  };

  return {
    sessionOpened(info, target) {
      redactor = new Redactor(target.secrets);
      // What to configure is printed by the caller (the CLI's session instructions, which serve unattended runs too).
      print('', safeLine(consoleTexts.opened({ id: info.id, url: info.rootUrl })[lang]));
    },

    scenarioStarted(a) {
      const s = a.scenario;
      if (a.state !== 'awaiting' || !s) return;
      const left = Math.max(0, Math.round((Date.parse(s.deadline) - now()) / 1000));
      print(
        '',
        `▶ ${t('scenario')} ${safeLine(s.id)} (${safeLine(s.check)})`,
        `  ${safeLine(s.instruction[lang])}`,
        ...Object.entries(s.inputs).map(([k, v]) => `    ${safeLine(k)}${t('colon')}${safeLine(v)}`),
        `  ${t('deadline')}${t('colon')}${clock(s.deadline)}${Number.isNaN(left) ? '' : ` (${left}${t('secondsLeft')})`}`,
      );
    },

    received(r) {
      const query =
        r.query.length > 0
          ? `?${new URLSearchParams(r.query.map(([k, v]): [string, string] => [k, v])).toString()}`
          : '';
      const target = `${r.endpoint}${r.path === '' ? '' : `/${r.path}`}${query}`;
      const shown = target.length > MAX_PATH_LENGTH ? `${target.slice(0, MAX_PATH_LENGTH - 1)}…` : target;
      const injected = r.injected ? ` [${t('injected')}${t('colon')}${r.injected}]` : '';
      const line = redactor
        .text(`  ← ${r.method} ${shown} → ${r.reply.status}${injected}`)
        .replace(CREDENTIAL_LIKE, REDACTED);
      print(safeLine(line));
    },

    async attest(question, check, signal) {
      if (!prompt || signal.aborted || inputClosed) return undefined;
      if (!rl) {
        rl = createInterface({ input, output, terminal: Boolean(input.isTTY) });
        rl.on('close', markClosed);
      }
      const ended = new AbortController();
      const onClose = (): void => ended.abort();
      rl.once('close', onClose);
      const both = AbortSignal.any([signal, ended.signal]);
      try {
        print('', `? ${t('attestation')} (${safeLine(check)})`);
        let answer: 'yes' | 'no' | undefined;
        let text = `  ${safeLine(question[lang])} ${t('yesNo')} `;
        while (!answer) {
          const reply = (await rl.question(text, { signal: both })).trim().toLowerCase();
          answer = YES.has(reply) ? 'yes' : NO.has(reply) ? 'no' : undefined;
          text = `  ${t('again')} ${t('yesNo')} `;
        }
        const note = safeLine(await rl.question(`  ${t('note')}`, { signal: both }))
          .trim()
          .slice(0, MAX_NOTE_LENGTH);
        return note === '' ? { answer } : { answer, note };
      } catch (err) {
        if (!both.aborted) throw err;
        print('', `  ${t('noAnswer')}`);
        return undefined;
      } finally {
        rl?.off('close', onClose);
      }
    },

    done() {
      rl?.off('close', markClosed);
      rl?.close();
      rl = undefined;
      print('', t('finished'));
    },
  };
}

/** "14:05:30 UTC"; an unparseable value as given. */
function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? safeLine(iso) : `${d.toISOString().slice(11, 19)} UTC`;
}
