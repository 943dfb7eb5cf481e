/**
 * Assembles the validator the CLI and the suites use: core R4 + profiles/ +
 * any IGs, offline terminology, and QuestionnaireResponse checks. Built once
 * per registry; profiles compile on first use and stay cached.
 */
import { dinProvider } from '../terminology/identifier-providers.js';
import type { TerminologyPort } from '../terminology/port.js';
import { TerminologyService } from '../terminology/service.js';
import { validateQuestionnaireResponse } from './questionnaire.js';
import { type CanonicalResource, coreRegistry, type DefinitionRegistry } from './registry.js';
import { type JavaDefaultOptions, javaDefaultOptions } from './rules/java-defaults.js';
import { Validator } from './validator.js';

export interface ValidatorSetup extends JavaDefaultOptions {
  /** Extra conformance resources (IG folders or packages, test-case supporting files). */
  resources?: readonly CanonicalResource[];
  /** Profiles every resource must conform to, besides its own meta.profile claims. */
  profiles?: string[];
  /**
   * Québec and Canadian rules (NAM, DIN, licence numbers) on top of FHIR R4;
   * default true. Off = base R4 only, as the fhir-core suite checks responses.
   */
  quebecRules?: boolean;
  /** Validate the profiles each resource claims in meta.profile; default true. */
  profileClaims?: boolean;
  /**
   * The terminology port, built on the offline service (e.g. src/terminology/layered.ts adding a
   * remote server's answers, for `--tx`); default: the offline service alone.
   */
  terminology?: (local: TerminologyService) => TerminologyPort;
}

export interface ValidatorBundle {
  validator: Validator;
  registry: DefinitionRegistry;
  /** The offline terminology service of this setup. */
  local: TerminologyService;
  /** A new Validator with the same setup but another terminology port (and fresh caches). */
  withTerminology(port: TerminologyPort): Validator;
}

export function createValidator(setup: ValidatorSetup = {}): ValidatorBundle {
  const quebecRules = setup.quebecRules ?? true;
  let registry = coreRegistry();
  if (setup.resources?.length) {
    registry = registry.layer();
    for (const r of setup.resources) registry.add(r);
  }
  const local = new TerminologyService(registry, quebecRules ? { providers: [dinProvider] } : {});
  const withTerminology = (terminology: TerminologyPort): Validator =>
    new Validator({
      registry,
      terminology,
      quebecRules,
      profileClaims: setup.profileClaims ?? true,
      profiles: setup.profiles,
      ...javaDefaultOptions(setup),
      questionnaire: validateQuestionnaireResponse,
    });
  const validator = withTerminology(setup.terminology ? setup.terminology(local) : local);
  return { validator, registry, local, withTerminology };
}

let shared: Validator | undefined;
let baseOnly: Validator | undefined;

/** The default validator (core R4 + profiles/ + Québec rules), shared by the suites of a process. */
export function sharedValidator(): Validator {
  shared ??= createValidator().validator;
  return shared;
}

/** Base FHIR R4 only: no Québec rules, no meta.profile claims (those are other suites' business). */
export function baseR4Validator(): Validator {
  baseOnly ??= createValidator({ quebecRules: false, profileClaims: false }).validator;
  return baseOnly;
}
