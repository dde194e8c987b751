// As its README shows: the drives' mount point and PowerShell's path (outside WSL: the defaults).
import { wslDrivesMountPoint, powerShellPath } from 'wsl-utils';
const mount = await wslDrivesMountPoint();
const shell = await powerShellPath();
if (mount !== '/mnt/' || typeof shell !== 'string') throw new Error(`${mount} ${shell}`);
console.log('ok');
