import type { RunResult } from '../model/run-result.js';
import type { OutputFormat } from './output-format.js';

/** The run document itself: 2-space JSON with a final newline, the authoritative report. */
export function renderJson(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

export const jsonFormat: OutputFormat<'json'> = {
  id: 'json',
  file: 'run.json',
  description: {
    fr: "Le résultat de l'exécution (RunResult), source de vérité de tous les rapports",
    en: 'The run itself (RunResult), the source every report is rendered from',
  },
  needsChromium: false,
  render: (run) => renderJson(run),
};
