import { afterAll } from 'vitest';

// node-postgres runs one query at a time on a connection: queries started while one runs are queued, with a
// deprecation warning once one is already waiting, and pg 9 refuses them. A request's queries share one connection
// (decision 0007), as a transaction's do, so code that starts several at once (`Promise.all` of queries) fails here.
// Node emits a deprecation once per process: the first test file to cause it fails, naming the code that did.
Error.stackTraceLimit = 40;
const seen: string[] = [];
const listener = (warning: Error) => {
  if (/client\.query\(\) when the client is already executing a query/.test(warning.message))
    seen.push(warning.stack ?? warning.message);
};
process.on('warning', listener);

afterAll(() => {
  process.off('warning', listener);
  if (seen.length) throw new Error(`queries started together on one connection:\n${seen[0]}`);
});
