// As its README shows: findWorkspaceRoot(folder) from a workspace package's folder below a root
// whose package.json lists `packages/*` (each folder's package.json read on the way up), from a
// folder the root's workspaces do not match (null), and from the working folder (it walks up to
// the disk root, finding none).
const path = require('path');
const findWorkspaceRoot = require('find-yarn-workspace-root');
const mono = path.join(__dirname, 'input', 'mono');
if (findWorkspaceRoot(path.join(mono, 'packages', 'a')) !== mono) throw new Error('root');
if (findWorkspaceRoot(path.join(mono, 'tools', 'x')) !== null) throw new Error('not a workspace');
if (findWorkspaceRoot() !== null) throw new Error('cwd');
console.log('ok');
