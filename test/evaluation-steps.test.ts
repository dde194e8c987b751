// How many evaluation steps (EvalState.fuel) the analysis of a shape takes: a cost that grows back
// shows up here as a failed bound, not only as a slower bench. Each bound sits between what the
// shape takes now and what it took before the change that made it cheaper (both given).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFile } from '../lib/detect/index.js';
import { broadFolders } from '../lib/detect/prefix.js';
import { packageOf } from '../lib/graph/index.js';
import { newEvalState } from '../lib/evaluate/index.js';
import { model, root, testEnv } from './support/snippet.js';

/** Evaluation steps detectFile takes on `source`. */
function stepsOf(source: string): number {
  const state = { ...newEvalState(), fuel: { left: 1e9 } };
  detectFile(model(source), { env: { ...testEnv(), state }, packageOf, unresolved: { read: 'warn', write: 'warn' }, tooBroad: broadFolders(root, '/home/u', (p) => p) });
  return 1e9 - state.fuel.left;
}

test('following a called parameter through a recursive walker evaluates only the arguments it reads', () => {
  // json-schema-traverse's shape: `visit` is followed to the walker's callers, three deep; the
  // other arguments (long paths built at every level) are not needed for it. 351 steps now;
  // 9,420 when only arguments below the first level waited until read; 13,593 when every
  // argument was evaluated.
  const walker = `
    module.exports = function (schema, opts, cb) {
      walk(cb, schema, '', opts);
    };
    function walk(visit, schema, ptr, opts) {
      visit(schema, ptr);
      for (const key in schema) {
        walk(visit, schema[key], ptr + '/' + key + opts.sep + schema.id + opts.suffix, opts);
        walk(visit, schema[key], ptr + '/' + key + '/items' + opts.sep + schema.id + opts.suffix, opts);
        walk(visit, schema[key], ptr + '/' + key + '/props' + opts.sep + schema.id + opts.suffix, opts);
      }
    }
  `;
  const steps = stepsOf(walker);
  assert.ok(steps < 1_000, `${steps} steps`);
});
