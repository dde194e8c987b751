// Package models: data that says what a package's API touches where analysis cannot see it.
// A model only adds needs; what the analysis proves is kept, and grants from a model say so.
export type { Effect, PackageModel } from './format.js';
export { modelProblems } from './format.js';
export { loadModels, type ModelSet } from './load.js';
export { modelCallFindings, modelLoadFindings, modelMethodFindings, type ModelCall } from './apply.js';
export { coverWithModels, coversFile, type Coverable } from './cover.js';
export { ModelIndex, type ModelHop } from './model-index.js';
export { MAX_INCLUDE_BYTES } from './includes.js';
