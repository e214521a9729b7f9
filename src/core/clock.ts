/** What services ask of time: the moment, and the calendar day a moment falls on where the organization works. */
export type Clock = {
  now(): Date;
  /**
   * The day (`2026-11-23`) of a moment in the organization's time zone (VIGIE_TIME_ZONE): at 20:00 in Montréal it
   * is still today there, and already tomorrow in UTC. Due dates, attestations in force, exceptions and reviews
   * count in these days.
   */
  dayOf(at: Date): string;
  /** That time zone's IANA name (`America/Toronto`). */
  timeZone: string;
};

/** A time source (the system's, or a test's that moves by hand) read in a time zone's calendar. */
export function clockIn(timeZone: string, time: { now(): Date } = { now: () => new Date() }): Clock {
  return { now: () => time.now(), dayOf: dayIn(timeZone), timeZone };
}

/**
 * A moment as a person of the organization reads it on a dated document: its day and time there, and the zone named
 * (`2026-12-07 18:48 (America/Toronto)`).
 */
export function stampIn(timeZone: string): (at: Date) => string {
  const partsOf = partsIn(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (at) => {
    const p = partsOf(at);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (${timeZone})`;
  };
}

/** Today, in the clock's calendar. */
export const today = (clock: Clock): string => clock.dayOf(clock.now());

/** Whether the runtime knows this IANA time zone (`America/Toronto`, `Europe/Paris`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A moment's parts in a time zone, as Intl writes them in ISO order (`en-CA`): the day's, and any asked for. */
function partsIn(
  timeZone: string,
  more: Intl.DateTimeFormatOptions = {},
): (at: Date) => Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...more,
  });
  return (at) => Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** A quarter of an hour: every time zone's offset in use, and every change of it, falls on one. */
const quarterMs = 15 * 60 * 1000;

/**
 * The calendar day of a moment in a time zone, as ISO 8601. The day is the same throughout a quarter of an hour,
 * so it is worked out once per quarter and kept: an import asks it for each of 100,000 assets, which were written
 * within the same few minutes, and Intl's formatting costs a few microseconds a call.
 */
export function dayIn(timeZone: string): (at: Date) => string {
  const partsOf = partsIn(timeZone);
  const days = new Map<number, string>();
  return (at) => {
    const quarter = Math.floor(at.getTime() / quarterMs);
    let day = days.get(quarter);
    if (day === undefined) {
      const p = partsOf(at);
      day = `${p.year}-${p.month}-${p.day}`;
      // Kept for the quarters in use, not for every date an inventory holds.
      if (days.size >= 4096) days.clear();
      days.set(quarter, day);
    }
    return day;
  };
}

/**
 * A calendar day as ISO 8601 (`2026-11-23`) in UTC: for arithmetic on days (UTC midnights). The organization's days
 * come from its clock (`dayOf`).
 */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The same moment some months later (or earlier, with a negative count), in UTC. */
export function addMonths(at: Date, months: number): Date {
  const next = new Date(at);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}
