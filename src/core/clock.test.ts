import { describe, expect, it } from 'vitest';
import { clockIn, dayIn, isTimeZone, stampIn, today } from './clock.ts';

describe('the calendar', () => {
  it('tells the day of a moment where the organization works, not in UTC', () => {
    const montreal = dayIn('America/Toronto');
    // 20:00 in Montréal (UTC−5 in December) is already the next day in UTC.
    expect(montreal(new Date('2026-12-08T01:00:00Z'))).toBe('2026-12-07');
    expect(montreal(new Date('2026-12-08T04:59:59.999Z'))).toBe('2026-12-07');
    expect(montreal(new Date('2026-12-08T05:00:00Z'))).toBe('2026-12-08');
    // Summer time (UTC−4), and the day after the change.
    expect(montreal(new Date('2026-07-01T03:59:59Z'))).toBe('2026-06-30');
    expect(montreal(new Date('2026-03-09T04:30:00Z'))).toBe('2026-03-09');
    // 00:30 in Paris is still the day before in UTC.
    expect(dayIn('Europe/Paris')(new Date('2026-12-07T23:30:00Z'))).toBe('2026-12-08');
    expect(today(clockIn('America/Toronto', { now: () => new Date('2026-12-08T02:00:00Z') }))).toBe(
      '2026-12-07',
    );
  });

  it('dates a document at the organization’s time, the zone named', () => {
    expect(stampIn('America/Toronto')(new Date('2026-12-08T00:05:00Z'))).toBe(
      '2026-12-07 19:05 (America/Toronto)',
    );
    expect(stampIn('Europe/Paris')(new Date('2026-12-08T00:05:00Z'))).toBe('2026-12-08 01:05 (Europe/Paris)');
  });

  it('knows IANA time zones and nothing else', () => {
    expect(isTimeZone('America/Toronto')).toBe(true);
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Montréal')).toBe(false);
  });
});
