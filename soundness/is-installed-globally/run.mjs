// As its README shows: a boolean, false for a package installed in the app.
import isInstalledGlobally from 'is-installed-globally';
if (isInstalledGlobally !== false) throw new Error(String(isInstalledGlobally));
console.log('ok');
