// As its README shows: parseFile of a CSV file with headers (a read stream), writeToPath of rows
// into a file in a folder the app makes (a write stream), then parseFile of the result.
const fs = require('fs');
const path = require('path');
const csv = require('fast-csv');
const out = path.join(__dirname, 'out');
fs.mkdirSync(out, { recursive: true });
const parse = (file) => new Promise((resolve, reject) => {
  const rows = [];
  csv.parseFile(file, { headers: true }).on('error', reject).on('data', (row) => rows.push(row)).on('end', () => resolve(rows));
});
(async () => {
  const people = await parse(path.join(__dirname, 'input', 'people.csv'));
  if (people.length !== 2 || people[1].name !== 'alan') throw new Error(JSON.stringify(people));
  const written = path.join(out, 'older.csv');
  await new Promise((resolve, reject) => csv.writeToPath(written, people.map((p) => ({ ...p, age: Number(p.age) + 1 })), { headers: true }).on('error', reject).on('finish', resolve));
  const again = await parse(written);
  if (again[0].age !== '37') throw new Error(JSON.stringify(again));
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
