// The validator must refuse what it claims to refuse: node --test deploy/k8s/validate/
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringify, parse } from "yaml";

const script = fileURLToPath(new URL("./validate.mjs", import.meta.url));
// The base's own Deployment, rendered as kustomize would take it (every rule satisfied).
const good = parse(readFileSync(fileURLToPath(new URL("../base/java-service/deployment.yaml", import.meta.url)), "utf8"));
good.spec.template.spec.containers[0].image = "registry.example/therapyms/auth-service:1.0.0";

function validate(doc) {
  return spawnSync(process.execPath, [script, "-"], { input: stringify(doc), encoding: "utf8" });
}

function broken(change) {
  const doc = structuredClone(good);
  change(doc, doc.spec.template.spec.containers[0]);
  return validate(doc);
}

test("the base Deployment is valid", () => {
  const result = validate(good);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /1 Deployment/);
});

test("a schema error is refused", () => {
  const result = broken((doc) => { doc.spec.replicas = "two"; });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /replicas must be integer/);
});

test("each project rule is enforced", () => {
  const cases = [
    [(d, c) => { delete c.readinessProbe; }, /no readinessProbe/],
    [(d, c) => { delete c.livenessProbe; }, /no livenessProbe/],
    [(d, c) => { delete c.resources.limits; }, /memory request and limit/],
    [(d, c) => { c.securityContext.readOnlyRootFilesystem = false; }, /readOnlyRootFilesystem/],
    [(d) => { delete d.spec.template.spec.securityContext.runAsNonRoot; }, /runAsNonRoot/],
    [(d, c) => { c.image = "therapyms/auth-service:latest"; }, /must not be pulled/],
    [(d, c) => { c.env.push({ name: "TURN_SECRET", value: "hunter2" }); }, /TURN_SECRET must come from a Secret/],
  ];
  for (const [change, message] of cases) {
    const result = broken(change);
    assert.equal(result.status, 1, `expected a refusal matching ${message}`);
    assert.match(result.stderr, message);
  }
});
