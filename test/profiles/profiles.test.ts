/**
 * The StructureDefinitions of profiles/: what they are (R4 constraints on the
 * core resources, with a snapshot and a differential, French and English
 * descriptions, the CA Baseline profile they derive from), that they are
 * valid FHIR R4 themselves, that the registry loads them, and that profiles/
 * is what scripts/build-profiles.mjs builds from scripts/profiles/.
 */

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { StructureDefinition } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { projectPath } from '../../src/util/paths.js';
import { coreRegistry } from '../../src/validation/registry.js';
import { snapshotOf } from '../../src/validation/snapshot.js';
import {
  codeSystems,
  errorsOf,
  frenchOf,
  jsonFilesBelow,
  messageDefinitions,
  PROFILE_BASE,
  PROFILE_IDS,
  PROFILES_DIR,
  qcValidator,
  show,
  structureDefinitions,
  valueSets,
} from './helpers.js';

const run = promisify(execFile);

/** The CA Baseline profile each Québec profile derives from, where there is one (title as the CA Baseline IG names it). */
const CA_BASELINE: Partial<Record<string, string>> = {
  'qc-patient': 'Patient Profile',
  'qc-practitioner': 'Practitioner Profile',
  'qc-medicationdispense': 'MedicationDispense Profile',
  'qc-medicationrequest': 'MedicationRequest Profile',
  'qc-observation-lab': 'Observation Profile (Laboratory Results)',
  'qc-diagnosticreport-lab': 'DiagnosticReport Profile for Laboratory Results Reporting',
};

describe('profiles: StructureDefinitions', () => {
  const sds = structureDefinitions();

  it('profiles/ holds exactly the Québec profiles', () => {
    expect(sds.map((s) => s.id).sort()).to.deep.equal([...PROFILE_IDS].sort());
  });

  it('profiles/ holds only StructureDefinitions, ValueSets, CodeSystems and MessageDefinitions, in their folders (no examples: the registry loads everything)', () => {
    for (const rel of jsonFilesBelow(PROFILES_DIR)) {
      const kind = rel.split(path.sep)[0];
      expect(['StructureDefinition', 'ValueSet', 'CodeSystem', 'MessageDefinition'], rel).to.include(kind);
    }
    expect(valueSets().length + codeSystems().length + messageDefinitions().length + sds.length).to.equal(
      jsonFilesBelow(PROFILES_DIR).length,
    );
  });

  for (const sd of sds) {
    describe(sd.id as string, () => {
      it('is an R4 constraint on the core resource, at its canonical URL', () => {
        expect(sd.url).to.equal(`${PROFILE_BASE}${sd.id}`);
        expect(sd.fhirVersion).to.equal('4.0.1');
        expect(sd.kind).to.equal('resource');
        expect(sd.derivation).to.equal('constraint');
        expect(sd.baseDefinition).to.equal(`http://hl7.org/fhir/StructureDefinition/${sd.type}`);
        expect(sd.name).to.match(/^[A-Z][A-Za-z0-9]+$/);
      });

      it('has a title and a description in English and French (translation extension, fr-CA)', () => {
        expect(sd.title).to.be.a('string').that.is.not.empty;
        expect(frenchOf((sd as { _title?: unknown })._title), 'French title').to.be.a('string').that.is.not.empty;
        expect(sd.description).to.be.a('string').with.length.greaterThan(80);
        const fr = frenchOf((sd as { _description?: unknown })._description);
        expect(fr, 'French description').to.be.a('string').with.length.greaterThan(80);
        expect(fr).to.not.equal(sd.description);
      });

      it('names the CA Baseline profile it derives from, where one exists', () => {
        const ca = CA_BASELINE[sd.id as string];
        if (ca) expect(sd.description).to.contain(`Derived from the CA Baseline profile ${ca}`);
        else expect(sd.description).to.match(/no CA Baseline profile/i);
      });

      it('has a differential and a snapshot, the snapshot covering every differential element', () => {
        const diff = sd.differential?.element ?? [];
        const snap = sd.snapshot?.element ?? [];
        expect(diff.length).to.be.greaterThan(1);
        expect(snap.length).to.be.greaterThan(diff.length);
        expect(snap[0]?.path).to.equal(sd.type);
        const ids = new Set(snap.map((e) => e.id));
        for (const d of diff) expect(ids.has(d.id), `${d.id} is not in the snapshot`).to.equal(true);
      });

      it('its snapshot is the one the snapshot generator derives from its differential', () => {
        const { snapshot: _snapshot, ...differentialOnly } = sd;
        const generated = snapshotOf(structuredClone(differentialOnly) as StructureDefinition, coreRegistry().layer());
        expect(generated.problems).to.deep.equal([]);
        expect(generated.elements).to.deep.equal(sd.snapshot?.element);
      });

      it('is what the registry resolves for its URL', () => {
        const resolved = coreRegistry().structureDefinition(sd.url as string);
        expect(resolved?.snapshot?.element?.length).to.equal(sd.snapshot?.element?.length);
      });

      it('is valid FHIR R4 itself', () => {
        const issues = qcValidator().validate(sd);
        expect(errorsOf(issues), show(errorsOf(issues))).to.deep.equal([]);
      });
    });
  }

  it('the value sets, code systems and message definitions are valid FHIR R4 themselves', () => {
    for (const r of [...valueSets(), ...codeSystems(), ...messageDefinitions()]) {
      const issues = qcValidator().validate(r);
      expect(errorsOf(issues), `${r.resourceType}/${r.id}: ${show(errorsOf(issues))}`).to.deep.equal([]);
    }
  });

  it('profiles/ is up to date with its sources (node scripts/build-profiles.mjs --check)', async () => {
    const { stdout } = await run(process.execPath, [projectPath('scripts', 'build-profiles.mjs'), '--check'], {
      cwd: projectPath(),
    });
    expect(stdout).to.match(/profiles\/ is up to date \(\d+ resources\)/);
  });
});
