// As its README shows: envinfo.run(…) with a few sections; it reads system files and starts
// the binaries it reports on (node, npm, git) to ask their versions.
const envinfo = require('envinfo');
envinfo
  .run({ System: ['OS', 'Shell'], Binaries: ['Node', 'npm'], Utilities: ['Git'] }, { json: true })
  .then((out) => {
    const info = JSON.parse(out);
    // Binaries may be empty under the measurement: the `node` on PATH may be another version that
    // refuses the recorder's NODE_OPTIONS; the lookups and starts are recorded all the same.
    if (!info.System || !info.System.OS || !info.Utilities || !info.Utilities.Git) throw new Error(out);
    console.log('ok');
  });
