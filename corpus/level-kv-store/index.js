'use strict';
// A small key-value store: counts visits per page in a LevelDB database under data/db.
const path = require('node:path');
const { ClassicLevel } = require('classic-level');

async function main() {
  const db = new ClassicLevel(path.join(__dirname, 'data', 'db'), { valueEncoding: 'json' });
  for (const page of ['/', '/about', '/']) {
    const seen = (await db.get(page)) ?? 0;
    await db.put(page, seen + 1);
  }
  const home = await db.get('/');
  await db.close();
  if (typeof home !== 'number' || home < 2) throw new Error(`unexpected count ${home}`);
  console.log('ok');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
