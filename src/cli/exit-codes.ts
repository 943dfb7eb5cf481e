/** The CLI's contract with CI pipelines. */
export const EXIT = {
  /** The target conforms: every SHALL requirement in scope passed. */
  conforms: 0,
  /** Nonconformities found, or checks that could not complete against the target. */
  nonconformant: 1,
  /** Usage or configuration error, or the harness could not run. */
  usage: 2,
} as const;
