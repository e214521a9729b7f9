import { IntlMessageFormat } from 'intl-messageformat';

type Elements = ReturnType<IntlMessageFormat['getAst']>;
// The element kinds of FormatJS's message syntax tree that are not a value's name (its TYPE enum).
const literal = 0;
const pound = 7;

/** The names of the values an ICU message reads, its plural branches included, sorted. */
export function messageArguments(template: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Elements) => {
    for (const element of elements) {
      if (element.type !== literal && element.type !== pound && 'value' in element) names.add(element.value);
      if ('options' in element)
        for (const option of Object.values(element.options)) walk((option as { value: Elements }).value);
    }
  };
  walk(new IntlMessageFormat(template).getAst());
  return [...names].sort();
}

/**
 * Formats a message with every value it reads (numbers for counts, a name for the others) and answers the text;
 * a `{` left in it means an apostrophe quoted a placeholder away.
 */
export function formatEachArgument(locale: string, template: string): string {
  const values: Record<string, string | number> = {};
  for (const name of messageArguments(template)) values[name] = 2;
  return String(new IntlMessageFormat(template, locale).format(values));
}
