// As its README shows (in Node, with fs): XLSX.readFile of a CSV file, a row added with
// sheet_add_aoa, XLSX.writeFile of it as XLSX and as XLSB (the type from the name), writeFileXLSX,
// then readFile of the written workbook and sheet_to_json.
const path = require('path');
const XLSX = require('xlsx');
const input = (name) => path.join(__dirname, 'input', name);
const workbook = XLSX.readFile(input('people.csv'));
const sheet = workbook.Sheets[workbook.SheetNames[0]];
XLSX.utils.sheet_add_aoa(sheet, [['Grace', 85]], { origin: -1 });
XLSX.writeFile(workbook, input('people.xlsx'));
XLSX.writeFile(workbook, input('Report.xlsb'));
XLSX.writeFileXLSX(workbook, input('again.xlsx'), { compression: true });
const back = XLSX.readFile(input('people.xlsx'));
const rows = XLSX.utils.sheet_to_json(back.Sheets[back.SheetNames[0]]);
if (rows.length !== 3 || rows[2].name !== 'Grace') throw new Error(JSON.stringify(rows));
if (XLSX.readFile(input('Report.xlsb')).SheetNames.length !== 1) throw new Error('xlsb');
console.log('ok');
