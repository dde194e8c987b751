// As its API documentation shows: FileSystem's writeFile into a folder it makes, readFile,
// readFolderItemNames, copyFiles, move, ensureEmptyFolder and deleteFile; JsonFile.load of a
// file with comments, loadAndValidate against a JsonSchema loaded from a file, and save;
// PackageJsonLookup of the package that owns a file; LockFile.acquire and release in a folder;
// Executable.tryResolve of `git` along PATH and spawnSync of it; Import.resolveModule.
const path = require('path');
const { Executable, FileSystem, Import, JsonFile, JsonSchema, LockFile, PackageJsonLookup } = require('@rushstack/node-core-library');
const project = path.join(__dirname, 'input', 'project');
const out = path.join(__dirname, 'out');
(async () => {
  FileSystem.writeFile(path.join(out, 'deep', 'a.txt'), 'a', { ensureFolderExists: true });
  if (FileSystem.readFile(path.join(out, 'deep', 'a.txt')) !== 'a') throw new Error('read');
  FileSystem.copyFiles({ sourcePath: path.join(project, 'src'), destinationPath: path.join(out, 'src') });
  FileSystem.move({ sourcePath: path.join(out, 'deep', 'a.txt'), destinationPath: path.join(out, 'moved', 'a.txt'), ensureFolderExists: true });
  if (FileSystem.readFolderItemNames(out).sort().join() !== 'deep,moved,src') throw new Error('folder');
  FileSystem.ensureEmptyFolder(path.join(out, 'deep'));
  FileSystem.deleteFile(path.join(out, 'moved', 'a.txt'));
  const settings = JsonFile.load(path.join(project, 'settings.json'));
  const schema = JsonSchema.fromFile(path.join(project, 'settings.schema.json'));
  JsonFile.loadAndValidate(path.join(project, 'settings.json'), schema);
  JsonFile.save({ ...settings, saved: true }, path.join(out, 'settings.json'), { ensureFolderExists: true });
  const owner = new PackageJsonLookup().tryLoadPackageJsonFor(path.join(project, 'src', 'a.ts'));
  if (owner.name !== 'inner-project') throw new Error(JSON.stringify(owner));
  const lock = await LockFile.acquire(out, 'resource', 1000);
  lock.release();
  const git = Executable.tryResolve('git');
  if (!git) throw new Error('git');
  const version = Executable.spawnSync('git', ['--version']);
  if (!String(version.stdout).startsWith('git version')) throw new Error(String(version.stdout));
  if (!Import.resolveModule({ modulePath: 'jju', baseFolderPath: path.dirname(require.resolve('@rushstack/node-core-library')) })) throw new Error('resolve');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
