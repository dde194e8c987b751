// As Jest's snapshot state uses it: snapshots saved into a new __snapshots__ folder (made by
// saveSnapshotFile), read back with getSnapshotData, and a committed snapshot file read.
const fs = require('fs');
const path = require('path');
const { getSnapshotData, saveSnapshotFile } = require('@jest/snapshot-utils');
const out = path.join(__dirname, 'out');
fs.rmSync(out, { recursive: true, force: true });
const file = path.join(out, '__snapshots__', 'new.test.js.snap');
saveSnapshotFile({ 'one 1': '"a"', 'two 1': '"b"' }, file);
const { data, dirty } = getSnapshotData(file, 'none');
if (data['two 1'] !== '"b"' || dirty) throw new Error(JSON.stringify(data));
const committed = getSnapshotData(path.join(__dirname, 'input', '__snapshots__', 'committed.test.js.snap'), 'none');
if (committed.data['committed 1'] !== '"kept"') throw new Error(JSON.stringify(committed.data));
console.log('ok');
