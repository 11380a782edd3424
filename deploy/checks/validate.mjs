// Validates deployment files with the tools of the npm registry (pinned in tools/package.json). Run by the tests in
// deploy/src/test (DeployChecksTest); by hand:
//   node deploy/checks/validate.mjs compose <file.json|file.yaml>...   compose-spec JSON schema (draft-07, with formats)
//   node deploy/checks/validate.mjs k8s <rendered.yaml>...              every object against its Kubernetes schema
// Prints one line per file or object ("ok ..." or "invalid ...: reasons") and exits 1 if anything is invalid.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const tools = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../tools/node_modules");
const require = createRequire(path.join(tools, "noop.js"));
const YAML = require("yaml");

function readDocuments(file) {
  const text = readFileSync(file, "utf8");
  if (file.endsWith(".json")) {
    return [JSON.parse(text)];
  }
  return YAML.parseAllDocuments(text, { merge: true }).map((doc) => {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    }
    return doc.toJS({ maxAliasCount: -1 });
  }).filter((doc) => doc !== null && doc !== undefined);
}

function validateCompose(files) {
  const Ajv = require("ajv");
  const addFormats = require("ajv-formats");
  const schema = JSON.parse(readFileSync(path.join(tools, "dclint/schemas/compose.schema.json"), "utf8"));
  // The schema declares draft-07 by a URL Ajv does not know; it is draft-07.
  schema.$schema = "http://json-schema.org/draft-07/schema#";
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  let invalid = 0;
  for (const file of files) {
    for (const document of readDocuments(file)) {
      if (validate(document)) {
        console.log(`ok ${file}`);
      } else {
        invalid++;
        console.log(`invalid ${file}: ${ajv.errorsText(validate.errors, { separator: "; " })}`);
      }
    }
  }
  return invalid;
}

async function validateKubernetes(files) {
  let invalid = 0;
  for (const file of files) {
    for (const object of readDocuments(file)) {
      const name = `${file}: ${object.kind}/${object.metadata?.name}`;
      let model;
      try {
        model = (await import(path.join(tools, "kubernetes-models", object.apiVersion, object.kind + ".js")))[object.kind];
      } catch (e) {
        invalid++;
        console.log(`invalid ${name}: no schema for ${object.apiVersion} ${object.kind}`);
        continue;
      }
      try {
        new model(object).validate();
        console.log(`ok ${name}`);
      } catch (e) {
        invalid++;
        console.log(`invalid ${name}: ${e.message.replace(/\s+/g, " ")}`);
      }
    }
  }
  return invalid;
}

const [kind, ...files] = process.argv.slice(2);
if (!["compose", "k8s"].includes(kind) || files.length === 0) {
  console.error("usage: validate.mjs compose|k8s <file>...");
  process.exit(2);
}
const invalid = kind === "compose" ? validateCompose(files) : await validateKubernetes(files);
process.exit(invalid === 0 ? 0 : 1);
