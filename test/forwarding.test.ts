// Factories that return a wrapper calling one of their parameters with the wrapper's own
// arguments (lib/evaluate/forwarding.ts): the export table keeps the parameter's index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Node } from 'acorn';
import { forwardedParameter, forwarding, type Forwarding } from '../lib/evaluate/forwarding.js';

function firstFunction(code: string): Node {
  const program = parse(code, { ecmaVersion: 'latest' }) as unknown as { body: { type: string; expression?: Node & { right?: Node } }[] };
  const st = program.body[0]!;
  return (st.type === 'FunctionDeclaration' ? st : st.expression!.right ?? st.expression) as Node;
}

const rows: [string, number | undefined][] = [
  ['function u(fn) { return function (...args) { return fn.apply(this, args) } }', 0],
  ['function u(fn) { return Object.defineProperty(function (...args) { if (x) fn.apply(this, args); else return new Promise(() => fn.apply(this, args)) }, "name", {}) }', 0],
  ['x = (fn) => (...args) => fn(...args)', 0],
  ['x = (name, fn) => function (...rest) { log(name); return fn.call(this, ...rest) }', 1],
  ['function d(fn) { return function () { return fn.apply(this, arguments) } }', 0],
  // Not forwarding: other arguments, a fixed argument, a nested plain function, no wrapper returned.
  ['function u(fn) { return function (...args) { return fn(args[0]) } }', undefined],
  ['function u(fn) { return function (a) { return fn(a) } }', undefined],
  ['function u(fn) { return function (...args) { setTimeout(function () { fn.apply(this, args) }) } }', undefined],
  ['function u(fn) { return fn }', undefined],
  ['function u(fn) { const w = (...a) => fn(...a); other(w); return 1 }', undefined],
  // universalify's own: the callback taken off the end or pushed on it, the paths left in place.
  ['function u(fn) { return function (...args) { const cb = args[args.length - 1]; if (typeof cb !== "function") return fn.apply(this, args); args.pop(); fn.apply(this, args).then((r) => cb(null, r), cb) } }', 0],
  ['function u(fn) { return function (...args) { return new Promise((res, rej) => { args.push((e, r) => (e ? rej(e) : res(r))); fn.apply(this, args) }) } }', 0],
  // Not forwarding as they came: the list written to, reordered or handed on, the target replaced or also called otherwise.
  ['function u(fn) { return function (...args) { args[0] = "/store/" + args[0]; return fn.apply(this, args) } }', undefined],
  ['function u(fn) { return function (...args) { args = ["/x"]; return fn.apply(this, args) } }', undefined],
  ['function u(fn) { return function (...args) { args.unshift("/base"); return fn(...args) } }', undefined],
  ['function u(fn) { return function (...args) { args.splice(0, 1, "/y"); return fn.call(this, ...args) } }', undefined],
  ['function u(fn) { return function () { arguments[0] = "/z"; return fn.apply(this, arguments) } }', undefined],
  ['function u(fn) { return function (...args) { normalise(args); return fn.apply(this, args) } }', undefined],
  ['function u(fn) { return function (...args) { fn = other; return fn.apply(this, args) } }', undefined],
  ['function u(fn) { return function (...args) { if (args.length === 0) return fn("/default"); return fn.apply(this, args) } }', undefined],
  // Not forwarding: the factory also hands the parameter on (it may be called where no call names
  // it), outside the wrapper or inside it; naming its `name` or `length` hands nothing on.
  ['function u(fn) { kept.push(fn); return function (...args) { return fn.apply(this, args) } }', undefined],
  ['function u(fn) { fn("/default"); return (...args) => fn(...args) }', undefined],
  ['function u(fn) { return function (...args) { register(fn); return fn.apply(this, args) } }', undefined],
  ['function u(fn) { return function (...args) { this.inner = fn; return fn(...args) } }', undefined],
  ['function u(fn) { return Object.defineProperty((...args) => fn(...args), "name", { value: fn.name + fn.length }) }', 0],
  // A copy of `arguments` forwarded, a callback appended (csv-writer's promisify; older Babel output).
  ['function p(fn) { return function () { var args = []; for (var i = 0; i < arguments.length; i++) args[i] = arguments[i]; return new Promise(function (res, rej) { fn.apply(null, args.concat([function (e, r) { e ? rej(e) : res(r) }])) }) } }', 0],
  ['function p(fn) { return function () { var a = Array.prototype.slice.call(arguments); return fn.apply(this, a) } }', 0],
  ['function p(fn) { return function () { const a = [].slice.call(arguments); return fn.apply(this, a.concat(cb)) } }', 0],
  ['function p(fn) { return function () { let a = Array.from(arguments); return fn(...a) } }', 0],
  ['function p(fn) { return function () { var args = []; for (var _i = 0; _i < arguments.length; _i++) { args[_i] = arguments[_i]; } return new Promise(function (res, rej) { var cb = function (e, r) { e ? rej(e) : res(r) }; fn.apply(null, __spreadArrays(args, [cb])) }) } }', 0],
  ['function p(fn) { return function (...args) { return fn.apply(void 0, __spreadArray(__spreadArray([], __read(args), false), [cb], false)) } }', 0],
  ['function p(fn) { return function (...args) { return fn.apply(this, [...args, cb]) } }', 0],
  // Not forwarding: something put before the arguments, the list changed while the end is added.
  ['function p(fn) { return function (...args) { return fn.apply(null, __spreadArrays(["/base"], args)) } }', undefined],
  ['function p(fn) { return function (...args) { return fn.apply(null, ["/base", ...args]) } }', undefined],
  ['function p(fn) { return function (...args) { return fn.apply(null, args.concat([args.shift()])) } }', undefined],
  ['function p(fn) { return function (...args) { return fn.apply(null, __spreadArray(__spreadArray(["/x"], args, false), [cb], false)) } }', undefined],
  // Not forwarding: the copy changed, a copy of part of the list, a plain executor seeing `arguments` of its own.
  ['function p(fn) { return function () { var a = [].slice.call(arguments); a[0] = "/base/" + a[0]; return fn.apply(null, a) } }', undefined],
  ['function p(fn) { return function () { var a = []; for (var i = 1; i < arguments.length; i++) a[i - 1] = arguments[i]; return fn.apply(null, a) } }', undefined],
  ['function p(fn) { return function () { var a = [].slice.call(arguments, 1); return fn.apply(null, a) } }', undefined],
  ['function p(fn) { return function () { return new Promise(function () { fn.apply(null, arguments) }) } }', undefined],
  ['function p(fn) { return function () { var a = [].slice.call(arguments); return fn.apply(null, b.concat(a)) } }', undefined],
];

// Wrappers made in steps (stubborn-fs's retryify): the factory's parameter, and the calls before the wrapper.
const staged: [string, Forwarding | undefined][] = [
  ['function r(fn) { return function (timeout) { return function attempt(...args) { try { return fn.apply(undefined, args) } catch (e) { return attempt.apply(undefined, args) } } } }', { index: 0, stages: 1 }],
  ['x = (fn, h) => (t) => function attempt() { return fn.apply(undefined, arguments).catch(() => attempt.apply(undefined, arguments)) }', { index: 0, stages: 1 }],
  ['x = (fn) => (a) => (b) => (...args) => fn(...args)', { index: 0, stages: 2 }],
  ['x = (fn) => (u) => function (...args) { return fn(...args) }', { index: 0, stages: 1 }],
  ['x = (fn) => (...args) => fn(...args)', { index: 0, stages: 0 }],
  ['x = (fn) => (a) => (b) => (c) => (...args) => fn(...args)', { index: 0, stages: 3 }],
  ['x = (fn) => (a) => (b) => (c) => (d) => (e) => (f) => (g) => (...args) => fn(...args)', { index: 0, stages: 7 }],
  // Not: the step between names the parameter again, too many steps, the wrapper changes the arguments.
  ['x = (fn) => (fn) => (...args) => fn(...args)', undefined],
  ['x = (fn) => (a) => (b) => (c) => (d) => (e) => (f) => (g) => (h) => (i) => (...args) => fn(...args)', undefined],
  ['x = (fn) => (t) => (...args) => { args[0] = t; return fn(...args) }', undefined],
];

test('forwarding finds a wrapper made in steps', () => {
  for (const [code, expected] of staged) assert.deepEqual(forwarding(firstFunction(code)), expected, code);
});

test('forwardedParameter finds the parameter a returned wrapper forwards its arguments to', () => {
  for (const [code, expected] of rows) assert.equal(forwardedParameter(firstFunction(code)), expected, code);
});
