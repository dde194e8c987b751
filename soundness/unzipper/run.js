// As its README shows: Open.file of a zip and extract() of its directory into a folder it makes,
// an entry's buffer, then the stream form, Extract({ path }) piped from fs.createReadStream.
const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
const zip = path.join(__dirname, 'input', 'archive.zip');
(async () => {
  const directory = await unzipper.Open.file(zip);
  await directory.extract({ path: path.join(__dirname, 'input', 'out1') });
  const entry = directory.files.find((f) => f.path === 'docs/nested/b.txt');
  if ((await entry.buffer()).toString() !== 'deep\n') throw new Error('buffer');
  await new Promise((resolve, reject) => fs.createReadStream(zip).pipe(unzipper.Extract({ path: path.join(__dirname, 'input', 'out2') })).on('close', resolve).on('error', reject));
  for (const out of ['out1', 'out2']) if (fs.readFileSync(path.join(__dirname, 'input', out, 'docs', 'nested', 'b.txt'), 'utf8') !== 'deep\n') throw new Error(out);
  console.log('ok');
})();
