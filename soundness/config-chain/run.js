// As its README shows: cc(file, …) loads a JSON file, cc.find walks up from its own folder to a
// file, addFile reads an ini file, and save writes it back to out.ini.
const fs = require('fs');
const path = require('path');
const cc = require('config-chain');
const found = cc.find('input', 'config.json');
if (found !== path.join(__dirname, 'input', 'config.json')) throw new Error(String(found));
const conf = cc(path.join(__dirname, 'input', 'config.json'), { d: 5 });
conf.addFile(path.join(__dirname, 'input', 'extra.ini'), 'ini', 'extra');
conf.on('load', () => {
  if (conf.get('a') !== 1 || conf.get('d') !== 5 || conf.get('c', 'extra') !== '4') throw new Error('config');
  conf.sources.extra.path = path.join(__dirname, 'out.ini');
  conf.save('extra', 'ini', (err) => {
    if (err) throw err;
    if (!fs.readFileSync(path.join(__dirname, 'out.ini'), 'utf8').includes('c=4')) throw new Error('save');
    console.log('ok');
  });
});
