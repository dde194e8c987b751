const cacache = require('cacache');
const fs = require('fs');
const path = require('path');
const cache = path.join(__dirname, 'out');
(async () => {
  await cacache.put(cache, 'a', fs.readFileSync(path.join(__dirname, 'input', 'a.txt')));
  const { data } = await cacache.get(cache, 'a');
  if (data.toString() !== 'cached text\n') throw new Error('cacache');
  console.log('ok');
})();
