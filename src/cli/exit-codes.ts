/** The CLI's contract with CI pipelines. */
export const EXIT = {
  /** The target conforms: every SHALL requirement in scope passed. */
  conforms: 0,
  /** Nonconformities found, or checks that could not complete against the target. */
  nonconformant: 1,
  /** Usage or configuration error, or the harness could not run. */
  usage: 2,
} as const;

/** The exit code of a finished campaign (`run`, `demo`, `merge`); tests that run a campaign in process use it too. */
export function exitCodeOf(run: { verdict: { conforms: boolean } }): number {
  return run.verdict.conforms ? EXIT.conforms : EXIT.nonconformant;
}
