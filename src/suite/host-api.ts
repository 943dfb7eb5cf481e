/**
 * An external suite imports homolog's authoring API by package name
 * (`import { defineSuite } from 'homolog/suite'`). Whatever copy of homolog
 * its folder could reach, the import is resolved to the homolog that runs it:
 * a suite runs against exactly the homolog whose version run.json records,
 * and a suite folder outside any npm project still loads.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../util/paths.js';

// A module loader hook (node:module register): it runs in the loader's own thread, so it is passed as source.
const HOOK = `let host;
export function initialize(data) { host = data.host; }
export async function resolve(specifier, context, next) {
  if (specifier === 'homolog' || specifier.startsWith('homolog/')) return next(specifier, { ...context, parentURL: host });
  return next(specifier, context);
}`;

let registered = false;

/** Installs the hook once per process, before the first external suite is imported. */
export async function useHostApi(): Promise<void> {
  if (registered) return;
  registered = true;
  // Resolving from homolog's own package.json is a package self-reference: it finds our "exports".
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`, {
    data: { host: pathToFileURL(projectPath('package.json')).href },
  });
}
