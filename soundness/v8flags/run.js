// As its README shows: v8flags(cb) runs `node --v8-options` and caches the list in the user's
// cache folder (~/.cache/js-v8flags, made here as a user's ~/.cache is; the temp folder if that
// fails), then a second call reads the cache.
const fs = require('fs');
const os = require('os');
const path = require('path');
fs.mkdirSync(path.join(os.homedir(), '.cache'), { recursive: true });
const v8flags = require('v8flags');
v8flags((err, flags) => {
  if (err || !flags.some((f) => /^--max[-_]old[-_]space[-_]size$/.test(f))) throw err || new Error(String(flags).slice(0, 200));
  v8flags((err2, again) => {
    if (err2 || again.length !== flags.length) throw err2 || new Error('cache');
    console.log('ok');
  });
});
