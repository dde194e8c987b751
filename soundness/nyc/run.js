// The published CLI (bin/nyc.js), as its README shows: `nyc instrument` of the input folder into
// another, then nyc runs a script of the app's under coverage (this Node, by its path: the `node`
// on PATH may be another version), with its temp and report folders in the app, then `nyc
// report` of a second reporter. Under the Permission Model the run stops there: nyc's
// process-on-spawn calls process.binding, always denied (reported as API_ALWAYS_DENIED).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const bin = path.join(__dirname, 'node_modules', 'nyc', 'bin', 'nyc.js');
const options = ['--temp-dir', 'out/.nyc_output', '--report-dir', 'out/coverage', '--cwd', __dirname];
execFileSync(process.execPath, [bin, 'instrument', 'input', 'out/instrumented'], { cwd: __dirname, stdio: 'inherit' });
if (!fs.readFileSync(path.join(__dirname, 'out', 'instrumented', 'lib.js'), 'utf8').includes('cov_')) throw new Error('instrument');
execFileSync(process.execPath, [bin, ...options, '--include', 'input/**', '--reporter', 'json-summary', process.execPath, 'input/app.js'], { cwd: __dirname, stdio: 'inherit' });
const summary = JSON.parse(fs.readFileSync(path.join(__dirname, 'out', 'coverage', 'coverage-summary.json'), 'utf8'));
if (summary.total.functions.covered !== 1) throw new Error(JSON.stringify(summary.total));
execFileSync(process.execPath, [bin, 'report', ...options, '--reporter', 'lcovonly'], { cwd: __dirname, stdio: 'inherit' });
if (!fs.readFileSync(path.join(__dirname, 'out', 'coverage', 'lcov.info'), 'utf8').includes('SF:')) throw new Error('lcov');
console.log('ok');
