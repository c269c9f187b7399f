// Validates Kubernetes manifests against the API's JSON schemas (OpenAPI of the Kubernetes release
// that kubernetes-models was generated from). Usage: node validate-k8s.mjs FILE.yaml [...]
// Prints one line per object and exits 1 if any object is invalid or of a kind it does not know.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import * as models from "kubernetes-models";

// "apps/v1" -> models.apps.v1 ; "v1" -> models.v1 ; "policy/v1" -> models.policy.v1 ;
// "autoscaling/v2" -> models.autoscaling.v2 ; "rbac.authorization.k8s.io/v1" -> models.rbacAuthorizationK8sIo.v1
function groupKey(group) {
  return group.split(/[.-]/).map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join("");
}

function modelFor(apiVersion, kind) {
  const parts = apiVersion.split("/");
  let ns;
  if (parts.length === 1) {
    ns = models[parts[0]];
  } else {
    const group = models[groupKey(parts[0])];
    ns = group?.[parts[1]];
  }
  return ns?.[kind];
}

let failed = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      console.log(`INVALID ${file}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      failed++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) {
      continue;
    }
    count++;
    const name = `${obj.kind}/${obj.metadata?.name ?? "?"}`;
    // kustomize folds long base64 values over several lines; the API server's decoder (Go's
    // encoding/base64) ignores those newlines, so the "byte" format check should too.
    if (obj.apiVersion === "v1" && (obj.kind === "Secret" || obj.kind === "ConfigMap")) {
      const data = obj.kind === "Secret" ? obj.data : obj.binaryData;
      for (const key of Object.keys(data ?? {})) {
        if (typeof data[key] === "string") {
          data[key] = data[key].replace(/[\r\n]/g, "");
        }
      }
    }
    const Model = typeof obj.apiVersion === "string" && typeof obj.kind === "string" ? modelFor(obj.apiVersion, obj.kind) : undefined;
    if (!Model) {
      console.log(`INVALID ${name}: no schema for apiVersion '${obj.apiVersion}' kind '${obj.kind}'`);
      failed++;
      continue;
    }
    try {
      new Model(obj).validate();
      console.log(`ok ${obj.apiVersion} ${name}`);
    } catch (e) {
      console.log(`INVALID ${name}: ${e.message}`);
      failed++;
    }
  }
}
console.log(`${count} objects, ${failed} invalid`);
process.exit(failed > 0 || count === 0 ? 1 : 0);
