const libCoverage = require('istanbul-lib-coverage');
const libReport = require('istanbul-lib-report');
const reports = require('istanbul-reports');
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, 'input', 'a.js');
const coverageMap = libCoverage.createCoverageMap({
  [file]: { path: file, statementMap: { 0: { start: { line: 1, column: 0 }, end: { line: 1, column: 19 } } }, fnMap: {}, branchMap: {}, s: { 0: 1 }, f: {}, b: {} },
});
const context = libReport.createContext({ dir: path.join(__dirname, 'out'), coverageMap });
reports.create('lcov').execute(context);
reports.create('json').execute(context);
if (!fs.readFileSync(path.join(__dirname, 'out', 'lcov.info'), 'utf8').includes('a.js')) throw new Error('lcov');
console.log('ok');
