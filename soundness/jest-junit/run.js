// As Jest runs it: jest-junit as a reporter (`onRunComplete` with the run's results), its
// options from the reporter (an output folder below <rootDir> it makes, a unique name, suite
// properties from input/junitProperties.js, which it requires) and from the nearest package.json
// (its "jest-junit" key); then as a testResultsProcessor writing the file JEST_JUNIT_OUTPUT_FILE
// names.
const path = require('path');
const fs = require('fs');
const JestJUnit = require('jest-junit');
const test = { ancestorTitles: ['math'], title: 'adds', status: 'passed', duration: 3, failureMessages: [] };
const results = {
  numFailedTests: 0, numTests: 1, numPassedTests: 1, startTime: Date.now(), numRuntimeErrorTestSuites: 0,
  testResults: [{ testFilePath: path.join(__dirname, 'input', 'math.test.js'), numPassingTests: 1, numFailingTests: 0, numPendingTests: 0, perfStats: { start: 1, end: 4 }, testResults: [test] }],
};
(async () => {
  const reporter = new JestJUnit({ rootDir: __dirname }, { outputDirectory: '<rootDir>/input/reports', uniqueOutputName: 'true', testSuitePropertiesDirectory: '<rootDir>/input' });
  await reporter.onRunComplete(new Set(), results);
  const [name] = fs.readdirSync(path.join(__dirname, 'input', 'reports'));
  const xml = fs.readFileSync(path.join(__dirname, 'input', 'reports', name), 'utf8');
  if (!xml.includes('name="platform" value="linux"') || !xml.includes('from package.json')) throw new Error(xml);
  process.env.JEST_JUNIT_OUTPUT_FILE = path.join(__dirname, 'input', 'processor', 'junit.xml');
  await JestJUnit(results);
  if (!fs.readFileSync(process.env.JEST_JUNIT_OUTPUT_FILE, 'utf8').includes('adds')) throw new Error('processor');
  console.log('ok');
})();
