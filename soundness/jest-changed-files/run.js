const { getChangedFilesForRoots } = require('jest-changed-files');
const path = require('path');
getChangedFilesForRoots([path.join(__dirname, 'input')], {}).then(({ repos }) => {
  if (!repos.git || !repos.hg) throw new Error('jest-changed-files');
  console.log('ok');
});
