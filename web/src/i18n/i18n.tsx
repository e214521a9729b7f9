import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { dayIn } from '../../../src/core/clock.ts';
import { createMessageFormatter } from '../../../src/core/i18n/format-message.ts';
import type { Locale } from '../api/client.ts';
import { dateTimeFormatter, type TimePrecision } from './date-time.ts';
import { en } from './en.ts';
import { fr, type MessageKey } from './fr.ts';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'fr-CA': fr, 'en-CA': en };
const storageKey = 'vigie.locale';
// ICU MessageFormat, as the server's messages: plurals and numbers in the user's language.
const formatMessage = createMessageFormatter();

export type I18n = {
  locale: Locale;
  /** The language alone, the key of bilingual texts from the API ({ fr, en }). */
  lang: 'fr' | 'en';
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A date and time in the user's language and time zone, to the minute unless told otherwise. */
  formatDateTime(value: string | Date, precision?: TimePrecision): string;
  /** Today in the user's time zone (`2026-12-07`): a form's default date, as the person reads the calendar. */
  today(): string;
  setTimeZone(timeZone: string): void;
};

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLocale(): Locale {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'fr-CA' || stored === 'en-CA') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en-CA' : 'fr-CA';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [timeZone, setTimeZone] = useState<string>(Intl.DateTimeFormat().resolvedOptions().timeZone);

  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(storageKey, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const formatters = {
      minute: dateTimeFormatter(locale, timeZone, 'minute'),
      second: dateTimeFormatter(locale, timeZone, 'second'),
    };
    const dayOf = dayIn(timeZone);
    return {
      locale,
      lang: locale === 'fr-CA' ? 'fr' : 'en',
      setLocale,
      setTimeZone,
      t: (key, params) => formatMessage(locale, dictionaries[locale][key] ?? key, params),
      formatDateTime: (v, precision = 'minute') => formatters[precision](v),
      today: () => dayOf(new Date()),
    };
  }, [locale, setLocale, timeZone]);

  document.documentElement.lang = locale;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
