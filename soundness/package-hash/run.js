// As its README shows: packageHash() of an installed package's package.json, packageHash.sync()
// of several with a salt, and of a package in a git repository (`git init` and a commit made
// here), whose HEAD, ref and `git diff HEAD` go into the hash.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const packageHash = require('package-hash');
const repo = path.join(__dirname, 'input', 'repo');
const git = (...args) => execFileSync('git', ['-c', 'user.name=Soundness', '-c', 'user.email=soundness@example.com', ...args], { cwd: repo, stdio: 'ignore' });
(async () => {
  const own = require.resolve('package-hash/package.json');
  const hash = await packageHash(own);
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(hash);
  const several = packageHash.sync([own, require.resolve('hasha/package.json')], { salt: 'value' });
  if (several === hash) throw new Error('salt');
  git('init', '-q');
  git('add', 'package.json');
  git('commit', '-q', '-m', 'first');
  const clean = await packageHash(path.join(repo, 'package.json'));
  fs.writeFileSync(path.join(repo, 'package.json'), '{ "name": "in-a-repository", "version": "1.0.1" }\n');
  if (packageHash.sync(path.join(repo, 'package.json')) === clean) throw new Error('diff');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
