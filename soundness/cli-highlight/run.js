// Its published bin (bin/highlight) as its README shows: `highlight input/code.js` (read, the
// language from the extension), with `--theme input/theme.json` (read and parsed), then the
// code on standard input; and the API's highlight() with a theme read by the app (fromJson).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { highlight, fromJson } = require('cli-highlight');
const bin = path.join(__dirname, 'node_modules', 'cli-highlight', 'bin', 'highlight');
const env = { ...process.env, FORCE_COLOR: '1' };
const plain = execFileSync(process.execPath, [bin, path.join('input', 'code.js')], { cwd: __dirname, env, encoding: 'utf8' });
const themed = execFileSync(process.execPath, [bin, '--theme', path.join('input', 'theme.json'), path.join('input', 'code.js')], { cwd: __dirname, env, encoding: 'utf8' });
const piped = execFileSync(process.execPath, [bin, '--language', 'js'], { cwd: __dirname, env, encoding: 'utf8', input: 'const a = "x";\n' });
if (!plain.includes('add') || themed === plain || !piped.includes('const')) throw new Error(themed);
const theme = fromJson(JSON.parse(fs.readFileSync(path.join(__dirname, 'input', 'theme.json'), 'utf8')));
if (!highlight('return 1;', { language: 'js', theme }).includes('return')) throw new Error('api');
console.log('ok');
