// As its README shows: QRCode.toFile of a PNG (callback), of an SVG and a UTF-8 text file
// (promise, the type from the name's extension), toFileStream into a write stream, then its
// bin: qrcode -o out.png "some text".
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const QRCode = require('qrcode');
const out = (name) => path.join(__dirname, 'input', name);
QRCode.toFile(out('a.png'), 'Some text', { color: { dark: '#00F', light: '#0000' } }, async (error) => {
  try {
    if (error) throw error;
    await QRCode.toFile(out('b.svg'), 'Some text');
    await QRCode.toFile(out('c.txt'), 'Some text');
    const stream = fs.createWriteStream(out('d.png'));
    await new Promise((resolve, reject) => { stream.on('finish', resolve).on('error', reject); QRCode.toFileStream(stream, 'Some text'); });
    execFileSync(process.execPath, [path.join(__dirname, 'node_modules', 'qrcode', 'bin', 'qrcode'), '-o', out('e.png'), 'some text']);
    if (!fs.readFileSync(out('b.svg'), 'utf8').includes('<svg') || fs.readFileSync(out('a.png')).readUInt32BE(0) !== 0x89504e47) throw new Error('content');
    for (const name of ['c.txt', 'd.png', 'e.png']) if (!fs.statSync(out(name)).size) throw new Error(name);
    console.log('ok');
  } catch (failure) {
    console.error(failure);
    process.exit(1);
  }
});
