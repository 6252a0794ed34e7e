// Runs tabular-data-differ on two key-sorted CSV files, keyed by a numeric "id", and prints its counts.
import { diff } from 'tabular-data-differ';

const [oldFile, newFile] = process.argv.slice(2);
const stats = await diff({ oldSource: oldFile, newSource: newFile, keys: [{ name: 'id', comparer: 'number' }] }).to('null');
console.log(`${stats.added} added, ${stats.deleted} removed, ${stats.modified} modified, ${stats.same} unchanged`);
