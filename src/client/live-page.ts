/**
 * The live page at the session root (GET /session/<id>/). A minimal page
 * until the operator branch replaces it; the signature is the agreed one.
 */
import type { Lang } from '../model/run-result.js';
import type { SessionStatus } from './protocol.js';

export function renderLivePage(status: SessionStatus, lang: Lang): string {
  const title = lang === 'fr' ? 'Session homolog' : 'homolog session';
  const state = escapeHtml(`${status.state}${status.awaiting ? `: ${status.awaiting.id}` : ''}`);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title} ${escapeHtml(status.session)}</h1><p>${state}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
