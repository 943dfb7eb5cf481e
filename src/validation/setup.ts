/**
 * Assembles the validator the CLI and the suites use: core R4 + profiles/ +
 * any IGs, offline terminology, and QuestionnaireResponse checks. Built once
 * per registry; profiles compile on first use and stay cached.
 */
import { TerminologyService } from '../terminology/service.js';
import { validateQuestionnaireResponse } from './questionnaire.js';
import { coreRegistry, type CanonicalResource, type DefinitionRegistry } from './registry.js';
import { Validator } from './validator.js';

export interface ValidatorSetup {
  /** Extra conformance resources (IG folders or packages, test-case supporting files). */
  resources?: readonly CanonicalResource[];
  /** Profiles every resource must conform to, besides its own meta.profile claims. */
  profiles?: string[];
}

export function createValidator(setup: ValidatorSetup = {}): { validator: Validator; registry: DefinitionRegistry } {
  let registry = coreRegistry();
  if (setup.resources?.length) {
    registry = registry.layer();
    for (const r of setup.resources) registry.add(r);
  }
  const validator = new Validator({
    registry,
    terminology: new TerminologyService(registry),
    profiles: setup.profiles,
    questionnaire: validateQuestionnaireResponse,
  });
  return { validator, registry };
}

let shared: Validator | undefined;

/** The default validator (core R4 + profiles/), shared by the suites of a process. */
export function sharedValidator(): Validator {
  shared ??= createValidator().validator;
  return shared;
}
