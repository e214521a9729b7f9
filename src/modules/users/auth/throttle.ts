// Brute-force defence that slows attackers without letting them lock a real user out: failures are counted
// per source address over a sliding window, and it is the source that gets blocked, never the account.
export const throttlePolicy = {
  windowMinutes: 15,
  /** Failures from one source, or against one account, after which the sign-in asks for the human check. */
  humanCheckAfterSourceFailures: 3,
  humanCheckAfterAccountFailures: 5,
  /** Failures from one source within the window after which that source is refused until the window passes. */
  blockSourceAfter: 10,
} as const;

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - throttlePolicy.windowMinutes * 60_000);
}

export function sourceBlocked(failuresFromSource: number): boolean {
  return failuresFromSource >= throttlePolicy.blockSourceAfter;
}

export function humanCheckRequired(failures: { bySource: number; byEmail: number }): boolean {
  return (
    failures.bySource >= throttlePolicy.humanCheckAfterSourceFailures ||
    failures.byEmail >= throttlePolicy.humanCheckAfterAccountFailures
  );
}
