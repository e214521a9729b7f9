export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A calendar day as ISO 8601 (`2026-11-23`), in UTC: how dates are stored and compared. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The same moment some months later (or earlier, with a negative count), in UTC. */
export function addMonths(at: Date, months: number): Date {
  const next = new Date(at);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}
