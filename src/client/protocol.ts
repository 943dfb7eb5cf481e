/**
 * The session control API: how a client's test automation (and homolog's
 * reference client) learns which scenario is awaited and says it is done,
 * so an unattended run needs no person. Paths are relative to the session
 * root, e.g. https://127.0.0.1:8443/session/<id>/.
 *
 *   GET  _homolog/scenario             -> ScenarioAnnouncement
 *   POST _homolog/scenario/<id>/done   -> 204 (the automation performed it)
 *   GET  _homolog/status               -> SessionStatus (the live page polls it)
 *   GET  ''                            -> the live page (HTML)
 *
 * Requests to _homolog are not evidence of the client's behaviour and match
 * no scenario; they carry no credentials.
 */
import type { LocalizedText } from '../model/run-result.js';

export const CONTROL_PREFIX = '_homolog';

/** What is awaited now. `state: 'idle'` between scenarios, `'finished'` once the run is over. */
export interface ScenarioAnnouncement {
  state: 'awaiting' | 'idle' | 'finished';
  /** The session id. */
  session: string;
  /** Set when awaiting. */
  scenario?: {
    id: string;
    /** The check that runs it (`<suite>/<test id>`). */
    check: string;
    instruction: LocalizedText;
    inputs: Record<string, string>;
    /** ISO time by which the scenario ends unfulfilled. */
    deadline: string;
  };
}

/** The session's progress for the live page: what is awaited, what arrived, each check's result so far. */
export interface SessionStatus {
  session: string;
  state: 'awaiting' | 'idle' | 'finished';
  awaiting?: ScenarioAnnouncement['scenario'];
  received: { at: string; method: string; path: string; status: number; scenario?: string; injected?: string }[];
  /** Each check so far; title and message in both languages (the page shows its own). */
  checks: { id: string; title: LocalizedText; status?: string; message?: LocalizedText }[];
}
