// As its README shows: a few of its collectors, each of which reads /proc and /sys files or starts
// commands (cat, lscpu, df, ps, ip, …): cpu, mem, osInfo, currentLoad, fsSize, blockDevices,
// networkInterfaces, processes, users, versions of node and git, and time (sync).
const si = require('systeminformation');
(async () => {
  const cpu = await si.cpu();
  if (!(cpu.cores > 0)) throw new Error(JSON.stringify(cpu));
  const mem = await si.mem();
  if (!(mem.total > 0)) throw new Error('mem');
  const os = await si.osInfo();
  if (os.platform !== 'linux') throw new Error(os.platform);
  await si.currentLoad();
  const disks = await si.fsSize();
  if (!Array.isArray(disks)) throw new Error('fsSize');
  await si.blockDevices();
  await si.networkInterfaces();
  const procs = await si.processes();
  if (!(procs.all > 0)) throw new Error('processes');
  await si.users();
  const versions = await si.versions('node, git');
  // `node -v` runs the node on PATH (Node 20 here, which refuses the measure's audit flags): only git is required.
  if (!versions.git) throw new Error(JSON.stringify(versions));
  if (!si.time().current) throw new Error('time');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
