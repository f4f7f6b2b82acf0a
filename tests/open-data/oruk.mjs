// Checks Open Referral UK files against the UK profile's published JSON schemas
// (tests/fixtures/oruk/, see its README), offline, with ajv.
//
// The profile's schemas allow any extra property, so being schema-valid is not enough: a consumer
// that reads only UK-profile fields silently loses whatever sits in fields the profile does not
// define. `undefinedFields` lists those (as JSON paths), walking the data beside the schema.
//
// As a program: node tests/open-data/oruk.mjs services.json   (a /services page or one service)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'oruk');
const load = (f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8'));

export const SERVICE_SCHEMA = load('service.json');
export const SERVICE_LIST_SCHEMA = load('service_list.json');
export const OPENAPI = load('openapi.json');
export const PAGE_SCHEMA = OPENAPI.components.schemas.Page;
export const ROOT_SCHEMA = OPENAPI.paths['/'].get.responses['200'].content['application/json'].schema;

// The schemas carry the profile's own annotations (name, core, constraints, example…): not
// JSON-schema keywords, so ajv is told not to be strict about them.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = {
  service: ajv.compile(SERVICE_SCHEMA),
  serviceListItem: ajv.compile(SERVICE_LIST_SCHEMA),
  page: ajv.compile(PAGE_SCHEMA),
  root: ajv.compile(ROOT_SCHEMA),
};

/** Schema errors of `data` against one of: service, serviceListItem, page, root. */
export function schemaErrors(kind, data) {
  const v = validators[kind];
  return v(data) ? [] : v.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** JSON paths of the properties in `data` that `schema` does not define. */
export function undefinedFields(schema, data, path = '$') {
  const out = [];
  if (Array.isArray(data)) {
    if (schema && schema.items) data.forEach((d, i) => out.push(...undefinedFields(schema.items, d, `${path}[${i}]`)));
    return out;
  }
  if (data && typeof data === 'object' && schema && schema.properties) {
    for (const [k, v] of Object.entries(data)) {
      if (!(k in schema.properties)) out.push(`${path}.${k}`);
      else out.push(...undefinedFields(schema.properties[k], v, `${path}.${k}`));
    }
  }
  return out;
}

/** Checks a /services page (its `contents` are full services) or one service. */
export function checkServices(doc) {
  const services = Array.isArray(doc.contents) ? doc.contents : [doc];
  const errors = [];
  const undefinedPaths = [];
  if (Array.isArray(doc.contents)) {
    errors.push(...schemaErrors('page', doc).map((e) => `page: ${e}`));
  }
  services.forEach((s, i) => {
    errors.push(...schemaErrors('service', s).map((e) => `service ${i}: ${e}`));
    undefinedPaths.push(...undefinedFields(SERVICE_SCHEMA, s, `$[${i}]`));
  });
  const fields = [...new Set(undefinedPaths.map((p) => p.replace(/\[\d+\]/g, '[*]')))];
  return { services: services.length, errors, undefinedPaths, undefinedFields: fields };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of process.argv.slice(2)) {
    const r = checkServices(JSON.parse(readFileSync(f, 'utf8')));
    console.log(`${f}: ${r.services} services, ${r.errors.length} schema errors, ` +
      `${r.undefinedFields.length} undefined fields (${r.undefinedPaths.length} values)`);
    for (const e of r.errors.slice(0, 20)) console.log(`  schema: ${e}`);
    for (const u of r.undefinedFields) console.log(`  undefined: ${u}`);
    if (r.errors.length || r.undefinedFields.length) process.exitCode = 1;
  }
}
