// child-process detector: feeds --allow-child-process. Every spawning API throws
// ERR_ACCESS_DENIED synchronously without the flag (facts §5). fork() also loads code: its
// module is followed as an entry and granted read (20 and 23 check the forked file).
// cluster.fork() starts a child process running the main module again (already granted as the
// entry), so it needs the same flag.
// https://nodejs.org/api/permissions.html#child-process-permissions

import type { Detector, Handler } from './context.js';

const spawns: Handler = (call, sink) => sink.capability(call, 'child-process');

const fork: Handler = (call, sink) => {
  sink.capability(call, 'child-process');
  sink.moduleValue(call, call.arg(0), 'fork');
};

export const childProcessDetector: Detector = {
  name: 'child-process',
  apis: {
    'child_process.spawn': spawns,
    'child_process.spawnSync': spawns,
    'child_process.exec': spawns,
    'child_process.execSync': spawns,
    'child_process.execFile': spawns,
    'child_process.execFileSync': spawns,
    'child_process.fork': fork,
    'cluster.fork': spawns,
    // node:test's run() starts a child process per test file (isolation 'process', the default).
    'test.run': spawns,
  },
};
