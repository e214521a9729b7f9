import { IntlMessageFormat } from 'intl-messageformat';

// Messages are ICU MessageFormat, read by FormatJS's intl-messageformat on the server and in the web app alike:
// `{name}` puts a value in as it is, `{n, number}` writes a number as the language does (100 000, 100,000), and
// `{n, plural, one {# actif} other {# actifs}}` agrees with it (French counts 0 and 1 as singular, English 1 only).
// An apostrophe is text, except right before `{`, `}` or `#`, where ICU would start a quotation: the catalogs
// write ’ in French, which is never special.

export type MessageValues = Record<string, string | number>;

/** Formats message templates for a language, each template parsed once. */
export function createMessageFormatter(): (
  locale: string,
  template: string,
  values?: MessageValues,
) => string {
  const parsed = new Map<string, IntlMessageFormat>();
  return (locale, template, values = {}) => {
    const key = `${locale}\u0000${template}`;
    let format = parsed.get(key);
    if (!format) {
      format = new IntlMessageFormat(template, locale);
      parsed.set(key, format);
    }
    try {
      return String(format.format(values));
    } catch {
      // A value the caller did not give (or a count given as text): the message still reaches the person,
      // its placeholders left as they are, rather than an error replacing the error being reported.
      return template.replace(/\{(\w+)[^{}]*\}/g, (whole, name: string) =>
        name in values ? String(values[name]) : whole,
      );
    }
  };
}
