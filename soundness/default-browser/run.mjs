// As its README shows: one call. On Linux it starts `xdg-mime query default x-scheme-handler/http`;
// input/bin holds a stand-in xdg-mime, put first on PATH, since no desktop is installed here.
import defaultBrowser from 'default-browser';
import path from 'node:path';
process.env.PATH = `${path.join(import.meta.dirname, 'input', 'bin')}${path.delimiter}${process.env.PATH}`;
const browser = await defaultBrowser();
if (browser.id !== 'firefox.desktop' || browser.name !== 'Firefox') throw new Error(JSON.stringify(browser));
console.log('ok');
