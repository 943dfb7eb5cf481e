/**
 * The DSQ server suites speak French and English: every check's title and
 * description exist in both (the French differs from the English once it is
 * a sentence), and a failure found on the reference target reads in French
 * with its parameters filled.
 */
import { expect } from 'chai';
import type { CheckResult } from '../../src/model/run-result.js';
import { loadSuite } from '../../src/suite/registry.js';
import { isResponsesConformTest } from '../../src/suite/response-conformance.js';
import { isLocalizedText } from '../../src/util/i18n.js';
import { runOnAccessTarget } from '../support/campaign.js';
import { useTempDir } from '../support/tmp.js';

const SUITES = ['dsq-pharmacy', 'dsq-emr', 'carnet-sante'];

describe('DSQ server suites in French and English', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('every check of dsq-pharmacy, dsq-emr and carnet-sante has a French title and description that differ from the English', async () => {
    const problems: string[] = [];
    for (const id of SUITES) {
      // The engine's own check of the responses, added to every suite, is not these suites' text.
      for (const test of (await loadSuite(id)).tests.filter((t) => !isResponsesConformTest(t))) {
        for (const [field, text] of [
          ['title', test.title],
          ['description', test.description],
        ] as const) {
          if (!isLocalizedText(text)) problems.push(`${id} ${test.id}: ${field} is not in both languages`);
          else if (text.fr.trim() === '' || text.en.trim() === '') problems.push(`${id} ${test.id}: ${field} is empty`);
          else if (text.en.split(/\s+/).length >= 3 && text.fr === text.en)
            problems.push(`${id} ${test.id}: ${field} is the same in French`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  /** The one check of the run that verifies `requirement`, which must have failed. */
  function failed(checks: readonly CheckResult[], requirement: string): CheckResult {
    const check = checks.find((c) => c.requirements.includes(requirement) && c.status === 'fail');
    expect(check, `no failed check of ${requirement}: ${checks.map((c) => `${c.id} ${c.status}`).join(', ')}`).to.exist;
    return check as CheckResult;
  }

  it('dsq-pharmacy: a stale If-Match accepted (fault if-match-ignored) fails PH-UPD-01 with a French message naming both ETags', async () => {
    const { run } = await runOnAccessTarget(tmp.dir, ['dsq-pharmacy'], ['if-match-ignored']);
    const message = failed(run.checks, 'PH-UPD-01').message;
    expect(message?.fr).to.match(
      /^PUT MedicationDispense\/\S+ : attendu 412 Precondition Failed pour le If-Match périmé W\/"\d+" \(actuel W\/"\d+"\), reçu 200 avec une ressource MedicationDispense$/,
    );
    expect(message?.en).to.match(
      /^PUT MedicationDispense\/\S+: expected 412 Precondition Failed for the stale If-Match W\/"\d+" \(current W\/"\d+"\), got 200 with a MedicationDispense$/,
    );
  });

  it('dsq-emr: an interpretation that contradicts its range (fault lab-interpretation-inconsistent) fails EM-LAB-02 with a French message giving the value, the range and both flags', async () => {
    const { run } = await runOnAccessTarget(tmp.dir, ['dsq-emr'], ['lab-interpretation-inconsistent']);
    const message = failed(run.checks, 'EM-LAB-02').message;
    expect(message?.fr).to.match(
      /^1 résultat\(s\) numérique\(s\) sur \d+ ont une interprétation qui contredit leur intervalle de référence : Observation\/\S+ : valeur [\d.]+ \S+, intervalle de référence [\d.…]+–[\d.…]+ : attendu l’interprétation H, reçu N$/,
    );
    expect(message?.en).to.match(/expected interpretation H, got N$/);
  });

  it('carnet-sante: a booking that leaves its slot free (fault booking-leaves-slot-free) fails CS-APT-02 with a French message naming the slot and the appointment', async () => {
    const { run } = await runOnAccessTarget(tmp.dir, ['carnet-sante'], ['booking-leaves-slot-free']);
    const message = failed(run.checks, 'CS-APT-02').message;
    expect(message?.fr).to.match(
      /^GET Slot\/\S+ après la réservation \(Appointment\/\S+\) : attendu le statut busy, reçu "free"$/,
    );
    expect(message?.en).to.match(
      /^GET Slot\/\S+ after the booking \(Appointment\/\S+\): expected status busy, got "free"$/,
    );
  });
});
