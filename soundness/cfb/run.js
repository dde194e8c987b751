// As its README shows: a container made with CFB.utils (cfb_new, cfb_add), CFB.writeFile of it
// as a CFB file and as a zip, then CFB.read(filename, { type: 'file' }) and CFB.find of an entry,
// and CFB.write with type 'file'.
const path = require('path');
const CFB = require('cfb');
const made = CFB.utils.cfb_new();
CFB.utils.cfb_add(made, '/Workbook', Buffer.from('workbook bytes'));
CFB.utils.cfb_add(made, '/Folder/Note', Buffer.from('a note'));
const file = path.join(__dirname, 'input', 'made.cfb');
CFB.writeFile(made, file);
CFB.writeFile(made, path.join(__dirname, 'input', 'made.zip'), { fileType: 'zip', compression: true });
CFB.write(made, { type: 'file', filename: path.join(__dirname, 'input', 'again.cfb') });
const cfb = CFB.read(file, { type: 'file' });
const workbook = CFB.find(cfb, 'Workbook');
if (Buffer.from(workbook.content).toString() !== 'workbook bytes') throw new Error('Workbook');
const zip = CFB.read(path.join(__dirname, 'input', 'made.zip'), { type: 'file' });
if (Buffer.from(CFB.find(zip, '/Folder/Note').content).toString() !== 'a note') throw new Error('zip');
console.log('ok');
