import { describe, expect, it } from 'vitest';
import { dateTimeFormatter } from '../web/src/i18n/date-time.ts';

describe('web app dates and times', () => {
  const at = '2026-12-07T15:14:23.456Z';

  it('shows a time to the minute, in the user’s language and time zone', () => {
    const french = dateTimeFormatter('fr-CA', 'America/Toronto', 'minute')(at);
    expect(french).toContain('7 déc. 2026');
    expect(french).toMatch(/10 h 14(?! min)/);
    expect(dateTimeFormatter('en-CA', 'America/Toronto', 'minute')(at)).toMatch(
      /Dec\.? 7, 2026, 10:14\s?a\.m\./,
    );
  });

  it('shows the second where it is asked for (the audit journal)', () => {
    expect(dateTimeFormatter('fr-CA', 'America/Toronto', 'second')(at)).toMatch(/10 h 14 min 23 s/);
    expect(dateTimeFormatter('en-CA', 'Europe/Paris', 'second')(new Date(at))).toMatch(/4:14:23\s?p\.m\./);
  });
});
