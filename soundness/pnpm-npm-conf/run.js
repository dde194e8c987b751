// As its README shows: the npm configuration, here of a project folder (its .npmrc) and of the
// user (the home folder's .npmrc, written first), layered over npm's builtin and global ones.
const fs = require('fs');
const os = require('os');
const path = require('path');
const npmConf = require('@pnpm/npm-conf');
const project = path.join(__dirname, 'input', 'project');
fs.writeFileSync(path.join(os.homedir(), '.npmrc'), 'fund=false\n');
process.chdir(project);
const { config, warnings } = npmConf();
if (config.get('registry') !== 'https://registry.example.invalid/' || config.get('@scope:registry') !== 'https://scoped.example.invalid/') throw new Error(`${config.get('registry')} ${config.localPrefix} ${warnings.join()}`);
if (config.get('fund') !== false) throw new Error(`user config: ${warnings.join()}`);
console.log('ok');
