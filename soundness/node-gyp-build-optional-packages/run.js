// The addon in input/addon finds its binary through node-gyp-build-optional-packages, in the
// per-platform package it would get as an optional dependency: git keeps no node_modules/, so
// the script first copies input/platform to node_modules/@myaddon/myaddon-linux-x64 (a write
// of its own), where the addon's require resolves it from its folder.
const fs = require('fs');
const path = require('path');
const platform = path.join(__dirname, 'node_modules', '@myaddon', 'myaddon-linux-x64');
fs.rmSync(platform, { recursive: true, force: true });
fs.cpSync(path.join(__dirname, 'input', 'platform'), platform, { recursive: true });
const addon = require('./input/addon');
if (!addon.path.endsWith(path.join('myaddon-linux-x64', 'node.napi.node')) || !addon.error) throw new Error(addon.path);
console.log('ok');
