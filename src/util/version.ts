import { readFileSync } from 'node:fs';
import { projectPath } from './paths.js';

/** homolog's own version, from package.json, recorded in every run. */
export const HOMOLOG_VERSION: string = (
  JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }
).version;
