// JSON Schema validation for tests: our report schema (draft-07) with Ajv, and the official SARIF
// 2.1.0 schema (draft-04, as Microsoft's SARIF SDK ships it in @microsoft/jest-sarif) with
// ajv-draft-04. Both packages are CommonJS whose default export TypeScript sees as the module.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import type { AnySchemaObject, ErrorObject } from 'ajv';

const require = createRequire(import.meta.url);
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;

export type Validate = (data: unknown) => string[];

function errorLines(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

/** A validator for a draft-07 schema; it returns the problems, empty when the data is valid. */
export function draft07Validator(schema: AnySchemaObject): Validate {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  return (data) => (validate(data) ? [] : errorLines(validate.errors));
}

export const sarifSchemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/**
 * A validator for the SARIF 2.1.0 schema (draft-04; its `format: uri` strings are checked as text
 * only). The schema's language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a stray `]`
 * that is a syntax error in a unicode RegExp, so patterns are compiled without the `u` flag, as
 * draft-04 validators of its time did.
 */
export function sarifValidator(): Validate {
  const schema = JSON.parse(readFileSync(sarifSchemaFile, 'utf8')) as AnySchemaObject;
  const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : errorLines(validate.errors));
}
