// As its README shows: envinfo.run(…) with a few sections; it reads system files and starts
// the binaries it reports on (node, npm, git) to ask their versions.
const envinfo = require('envinfo');
envinfo
  .run({ System: ['OS', 'Shell'], Binaries: ['Node', 'npm'], Utilities: ['Git'] }, { json: true })
  .then((out) => {
    const info = JSON.parse(out);
    if (!info.Binaries || !info.Binaries.Node) throw new Error(out);
    console.log('ok');
  });
