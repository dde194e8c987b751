// FileList as its README shows, from the working folder (the app's): include globs, exclude a file, then read
// the list (it resolves lazily).
const { FileList } = require('filelist');
const path = require('path');
const fl = new FileList();
fl.include('input/**/*.txt');
fl.include('input/sub/*.md');
fl.exclude('input/sub/c.md');
const files = fl.toArray().map((f) => f.split(path.sep).join('/')).sort();
if (files.join(',') !== 'input/a.txt,input/sub/b.txt') throw new Error(files.join(','));
console.log('ok');
