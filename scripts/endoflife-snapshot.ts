// Rebuilds the end-of-life snapshot shipped in data/endoflife/products.json from the endoflife.date repository:
// a checkout (or its products/ folder) or the archive GitHub serves, read as `vigie feeds import` reads it.
//   npm run data:endoflife -- PATH AS-OF
// AS-OF is the day of the repository's data (YYYY-MM-DD); update data/README.md with it.
import fs from 'node:fs';
import { readEndOfLifeArchive } from '../src/modules/assets/obsolescence/end-of-life.feed.ts';
import { shippedSnapshotFile, snapshotText } from '../src/modules/assets/obsolescence/end-of-life.ts';

const [from, asOf] = process.argv.slice(2);
if (!from || !asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error(
    'usage: npm run data:endoflife -- PATH AS-OF (a checkout or archive of endoflife.date, YYYY-MM-DD)',
  );
  process.exit(2);
}
const products = await readEndOfLifeArchive(from);
const source = 'endoflife-date/endoflife.date, products/';
fs.writeFileSync(shippedSnapshotFile, snapshotText({ source, asOf, products }));
console.log(`${products.length} products as of ${asOf} written to ${shippedSnapshotFile}`);
