// Read every table of a data package with the JavaScript implementation of the standard
// (frictionlessdata datapackage-js with tableschema-js), the way a JavaScript user would:
// the descriptor is validated, every row is cast to its declared field type with the field
// constraints checked, primary keys must be unique, and every foreign key must resolve
// (relations on). Any error makes the exit code 1.
//
// Usage: node read_package.js path/to/datapackage.json
// Prints one JSON object: {"valid": bool, "errors": [...], "tables": {"name": rows, ...}}.
//
// datapackage-js implements Data Package 1.0, where a table says so with
// `"profile": "tabular-data-resource"`; a 2.0 package says `"type": "table"` instead, so the
// package is loaded in non-strict mode (where a CSV resource is tabular) and this script
// checks itself that every resource typed "table" is one the library reads as a table.
'use strict'

const path = require('path')
const { Package } = require('datapackage')

async function main(descriptorPath) {
  const errors = []
  const tables = {}
  const dataPackage = await Package.load(path.resolve(descriptorPath), { strict: false })
  if (!dataPackage.valid) {
    for (const error of dataPackage.errors) errors.push(`descriptor: ${error.message}`)
  }
  for (const resource of dataPackage.resources) {
    const name = resource.name
    if (resource.descriptor.type !== 'table') continue
    if (!resource.tabular) {
      errors.push(`${name}: typed "table" but not read as tabular`)
      continue
    }
    try {
      const rows = await resource.read({ keyed: true, cast: true, relations: true })
      tables[name] = rows.length
    } catch (error) {
      const details = (error.errors || []).map((e) => e.message).slice(0, 20)
      errors.push(`${name}: ${error.message}${details.length ? ': ' + details.join('; ') : ''}`)
    }
  }
  if (Object.keys(tables).length === 0 && errors.length === 0) {
    errors.push('no table resource was read')
  }
  process.stdout.write(JSON.stringify({ valid: errors.length === 0, errors, tables }) + '\n')
  return errors.length === 0 ? 0 : 1
}

if (process.argv.length !== 3) {
  process.stderr.write('usage: node read_package.js path/to/datapackage.json\n')
  process.exit(2)
}
main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    process.stdout.write(
      JSON.stringify({ valid: false, errors: [`fatal: ${error.stack || error}`], tables: {} }) +
        '\n',
    )
    process.exit(1)
  },
)
