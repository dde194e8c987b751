// As a JavaScript action uses it: the runner names its command files in the environment
// (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE, GITHUB_PATH, GITHUB_STEP_SUMMARY); here the script
// sets them to files in input/ before loading the package. exportVariable, setOutput, saveState,
// addPath and summary.write append to them; getDetails starts `lsb_release` through
// @actions/exec, which looks the program up along PATH with @actions/io's which.
import fs from 'node:fs';
import path from 'node:path';
const dir = path.join(import.meta.dirname, 'input');
fs.mkdirSync(dir, { recursive: true });
for (const name of ['ENV', 'OUTPUT', 'STATE', 'PATH', 'STEP_SUMMARY']) {
  const file = path.join(dir, `github_${name.toLowerCase()}`);
  fs.writeFileSync(file, '');
  process.env[`GITHUB_${name}`] = file;
}
const core = await import('@actions/core');
core.exportVariable('GREETING', 'hello');
core.setOutput('answer', '42');
core.saveState('step', 'one');
core.addPath(path.join(dir, 'bin'));
await core.summary.addHeading('Result').addRaw('all good').write();
const details = await core.platform.getDetails();
const output = fs.readFileSync(process.env.GITHUB_OUTPUT, 'utf8');
if (!output.includes('answer<<') || !fs.readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8').includes('<h1>Result</h1>') || !details.isLinux) throw new Error(output);
console.log('ok');
