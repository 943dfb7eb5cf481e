import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { LocalizedError } from '../util/errors.js';
import { m } from './messages.js';

/**
 * A headless Chromium driven through the DevTools protocol over
 * --remote-debugging-pipe (JSON messages ended by NUL on file descriptors 3
 * and 4). Written by hand rather than with puppeteer-core: the report needs
 * four commands (open a page, load a file, print or measure, close), and a
 * pipe opens no port another local process could reach.
 */

/** The page of one browser, to send DevTools commands to. */
export interface ChromiumPage {
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface ChromiumOptions {
  chromium: string;
  timeoutMs: number;
  /** Chromium flags added to the usual ones (tests read them through a stand-in browser). */
  args?: string[];
}

/** Flags of every run: headless, no sandbox (often unavailable in CI containers; the page is our own offline file). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--remote-debugging-pipe',
] as const;

/**
 * Starts Chromium, loads the file in a page, runs `use` on it, and closes the
 * browser with every process it started, whatever happens; the whole is bounded
 * by timeoutMs.
 */
export async function withChromiumPage<T>(
  file: string,
  options: ChromiumOptions,
  use: (page: ChromiumPage) => Promise<T>,
): Promise<T> {
  const { chromium, timeoutMs } = options;
  // A profile of its own: a user's running browser (or another print) must not share its lock.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'homolog-chromium-'));
  const child = spawn(chromium, [...CHROMIUM_ARGS, ...(options.args ?? []), `--user-data-dir=${profile}`], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const connection = new Connection(child.stdio[3] as Writable, child.stdio[4] as Readable);
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LocalizedError(m.timedOut({ chromium, ms: timeoutMs }))), timeoutMs);
    child.on('error', (err) => reject(new ChromiumStartError(m.notStarted({ chromium, reason: err.message }))));
    child.on('close', (code, signal) =>
      reject(
        new LocalizedError(
          code === 0
            ? m.exitedEarly({ chromium, stderr: lastLines(stderr) })
            : m.failed({ chromium, how: signal ?? m.exitCode({ code: String(code) }), stderr: lastLines(stderr) }),
        ),
      ),
    );
  });
  ended.catch(() => undefined);
  try {
    // A pipe that breaks is usually a browser that exited: its exit status and last words say more.
    const work = session(connection, file, use).catch(async (err: unknown) => {
      await Promise.race([ended, delay(1000)]);
      throw err;
    });
    return await Promise.race([ended, work]);
  } finally {
    clearTimeout(timer);
    connection.close();
    killGroup(child.pid);
    await rm(profile, { recursive: true, force: true });
  }
}

/** Raised when the binary cannot be executed at all (pdf.ts turns it into a usage error). */
export class ChromiumStartError extends LocalizedError {
  override name = 'ChromiumStartError';
}

async function session<T>(c: Connection, file: string, use: (page: ChromiumPage) => Promise<T>): Promise<T> {
  const { targetId } = await c.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await c.send('Target.attachToTarget', { targetId, flatten: true });
  if (typeof sessionId !== 'string') throw new LocalizedError(m.noPage());
  const page: ChromiumPage = { send: (method, params) => c.send(method, params ?? {}, sessionId) };
  await page.send('Page.enable');
  const loaded = c.event('Page.loadEventFired', sessionId);
  const nav = await page.send('Page.navigate', { url: file });
  if (typeof nav.errorText === 'string') throw new LocalizedError(m.cannotOpen({ file, reason: nav.errorText }));
  await loaded;
  return use(page);
}

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (err: Error) => void;
}

/** One DevTools connection: numbered commands answered by id, events by name and session. */
class Connection {
  private next = 1;
  private buffer = '';
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new Map<string, () => void>();
  private closed: Error | undefined;

  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.receive(chunk));
    input.on('close', () => this.fail(new LocalizedError(m.pipeClosed())));
    out.on('error', (err) => this.fail(err));
    input.on('error', (err) => this.fail(err));
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Resolves on the next event of that name in that session (register before the command that causes it). */
  event(method: string, sessionId: string): Promise<void> {
    return new Promise((resolve) => this.waiters.set(`${sessionId} ${method}`, resolve));
  }

  close(): void {
    this.fail(new LocalizedError(m.connectionClosed()));
    this.out.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      this.dispatch(JSON.parse(text) as Message);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new LocalizedError(m.protocolError({ reason: msg.error.message })));
      else p?.resolve(msg.result ?? {});
      return;
    }
    const key = `${msg.sessionId ?? ''} ${msg.method ?? ''}`;
    const waiter = this.waiters.get(key);
    this.waiters.delete(key);
    waiter?.();
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.closed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

interface Message {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ') || 'no message';
}
