'use strict';
const Database = require('better-sqlite3');
const path = require('node:path');

const db = new Database(path.join(__dirname, 'data', 'notes.db'));
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
const { lastInsertRowid } = insert.run(`note ${Date.now()}`);
const row = db.prepare('SELECT body FROM notes WHERE id = ?').get(lastInsertRowid);
db.close();
if (!row || !row.body.startsWith('note ')) throw new Error('row missing');
console.log('ok');
