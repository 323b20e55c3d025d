// Validates rendered Kubernetes manifests offline: each document against the Kubernetes schema of its
// apiVersion/kind (kubernetes-models: types, required fields, enums, formats), then against this project's
// rules for what runs here (probes, resources, non-root, read-only root filesystem).
//
//   kubectl kustomize deploy/k8s/overlays/local | node deploy/k8s/validate/validate.mjs -
//   node deploy/k8s/validate/validate.mjs rendered.yaml [more.yaml ...]
//
// Exits 1 with one line per problem; prints a summary on success. Note: the schemas accept unknown fields,
// so a misspelt optional field is not caught here (a server-side dry run would).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet"]);

/** The kubernetes-models module of an apiVersion: "v1" → core, "apps/v1" → apps/v1. */
async function modelFor(apiVersion, kind) {
  const path = apiVersion.includes("/") ? apiVersion : `v1`;
  const module = await import(`kubernetes-models/${path}`).catch(() => null);
  return module?.[kind] ?? null;
}

/** The project's rules for a workload's pod template; each broken rule is one message. */
function workloadRules(doc) {
  const problems = [];
  const pod = doc.spec?.template?.spec ?? {};
  const where = `${doc.kind}/${doc.metadata?.name}`;
  if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: pod securityContext.runAsNonRoot must be true`);
  if (pod.automountServiceAccountToken !== false) problems.push(`${where}: automountServiceAccountToken must be false`);
  for (const c of pod.containers ?? []) {
    const at = `${where} container ${c.name}`;
    if (!c.readinessProbe) problems.push(`${at}: no readinessProbe`);
    if (doc.kind === "Deployment" && !c.livenessProbe) problems.push(`${at}: no livenessProbe`);
    if (!c.resources?.requests?.memory || !c.resources?.limits?.memory) problems.push(`${at}: memory request and limit required`);
    if (c.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${at}: readOnlyRootFilesystem must be true`);
    if (c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation must be false`);
    if (!(c.securityContext?.capabilities?.drop ?? []).includes("ALL")) problems.push(`${at}: capabilities must drop ALL`);
    if (/:latest$|^[^:]+$/.test(c.image ?? "") && c.imagePullPolicy !== "Never" && c.imagePullPolicy !== "IfNotPresent") {
      problems.push(`${at}: an untagged or :latest image must not be pulled (imagePullPolicy Never or IfNotPresent)`);
    }
    for (const env of c.env ?? []) {
      if (/SECRET|PASSWORD|PEPPER|PRIVATE/.test(env.name) && env.value !== undefined && !env.value.startsWith("/")) {
        problems.push(`${at}: ${env.name} must come from a Secret, not a literal value`);
      }
    }
  }
  return problems;
}

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  console.error("usage: validate.mjs <rendered.yaml | -> ...");
  process.exit(2);
}
const problems = [];
const counts = new Map();
for (const input of inputs) {
  const text = readFileSync(input === "-" ? 0 : input, "utf8");
  for (const parsed of parseAllDocuments(text)) {
    if (parsed.errors.length) {
      problems.push(`${input}: YAML: ${parsed.errors[0].message}`);
      continue;
    }
    const doc = parsed.toJS();
    if (!doc) continue;
    const name = `${doc.kind}/${doc.metadata?.name}`;
    const Model = doc.apiVersion && doc.kind ? await modelFor(doc.apiVersion, doc.kind) : null;
    if (!Model) {
      problems.push(`${input}: ${name}: unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (error) {
      problems.push(`${input}: ${name}: ${error.message}`);
    }
    if (WORKLOAD_KINDS.has(doc.kind)) problems.push(...workloadRules(doc).map((p) => `${input}: ${p}`));
    counts.set(doc.kind, (counts.get(doc.kind) ?? 0) + 1);
  }
}
if (problems.length) {
  problems.forEach((p) => console.error(p));
  console.error(`${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`valid: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(", ")}`);
