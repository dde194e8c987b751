// End-to-end fixture tests (docs/fixtures.md): every folder under fixtures/ (or
// $NPP_FIXTURES_DIR) is analysed, run on each target Node and probed. The runner lives in
// test/support/fixture-suite.ts; this file only wires in the real analyser.
import { analyze } from '../lib/index.js';
import { fixturesRoot } from './support/fixture-folders.js';
import { defineFixtureSuite } from './support/fixture-suite.js';

defineFixtureSuite({
  root: fixturesRoot(),
  analyze,
  update: process.env.UPDATE_FIXTURES === '1',
});
