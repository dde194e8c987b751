// As its README shows: terminalSize(). Its output is a pipe here and COLUMNS/LINES are unset,
// so it asks `resize -u` (not installed here: the start fails) and then `tput cols` and `tput
// lines` with TERM set.
import terminalSize from 'term-size';
delete process.env.COLUMNS;
delete process.env.LINES;
process.env.TERM = 'xterm';
const size = terminalSize();
if (!(size.columns > 0 && size.rows > 0)) throw new Error(JSON.stringify(size));
console.log('ok');
