// As its README shows: a store named after the package, with defaults, changed and read back.
// It lives in the home folder's .config/configstore (the harness gives an empty home).
import fs from 'node:fs';
import Configstore from 'configstore';
const config = new Configstore('soundness-configstore', { foo: 'bar' });
if (config.get('foo') !== 'bar') throw new Error('defaults');
config.set('bar.baz', true);
config.delete('foo');
if (JSON.parse(fs.readFileSync(config.path, 'utf8')).bar.baz !== true) throw new Error(config.path);
if (config.size !== 1) throw new Error(String(config.size));
config.clear();
console.log('ok');
