import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { KubeObject } from "./manifests";

/**
 * Unknown-field check, the part of the API server's strict field validation (kubectl's default)
 * that the kubernetes-models validators leave out: their JSON schemas allow extra properties, so a
 * typo such as `imagePullPolcy` would pass them and only fail at `kubectl apply`. The models' type
 * declarations list every field, so the TypeScript checker walks each object against them.
 */

/** `apiVersion/kind` -> [module of the model, interface name]. */
const modelTypes: Record<string, [string, string]> = {
  "v1/Namespace": ["kubernetes-models/v1/Namespace", "INamespace"],
  "v1/ConfigMap": ["kubernetes-models/v1/ConfigMap", "IConfigMap"],
  "v1/Secret": ["kubernetes-models/v1/Secret", "ISecret"],
  "v1/PersistentVolumeClaim": ["kubernetes-models/v1/PersistentVolumeClaim", "IPersistentVolumeClaim"],
  "v1/Service": ["kubernetes-models/v1/Service", "IService"],
  "v1/ServiceAccount": ["kubernetes-models/v1/ServiceAccount", "IServiceAccount"],
  "v1/LimitRange": ["kubernetes-models/v1/LimitRange", "ILimitRange"],
  "apps/v1/Deployment": ["kubernetes-models/apps/v1/Deployment", "IDeployment"],
  "apps/v1/StatefulSet": ["kubernetes-models/apps/v1/StatefulSet", "IStatefulSet"],
  "batch/v1/Job": ["kubernetes-models/batch/v1/Job", "IJob"],
  "batch/v1/CronJob": ["kubernetes-models/batch/v1/CronJob", "ICronJob"],
  "autoscaling/v2/HorizontalPodAutoscaler": [
    "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
    "IHorizontalPodAutoscaler",
  ],
  "networking.k8s.io/v1/NetworkPolicy": [
    "kubernetes-models/networking.k8s.io/v1/NetworkPolicy",
    "INetworkPolicy",
  ],
  "policy/v1/PodDisruptionBudget": [
    "kubernetes-models/policy/v1/PodDisruptionBudget",
    "IPodDisruptionBudget",
  ],
  "traefik.io/v1alpha1/IngressRoute": [
    "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute",
    "IIngressRoute",
  ],
  "traefik.io/v1alpha1/Middleware": [
    "@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware",
    "IMiddleware",
  ],
  "traefik.io/v1alpha1/TLSOption": ["@kubernetes-models/traefik/traefik.io/v1alpha1/TLSOption", "ITLSOption"],
  "bitnami.com/v1alpha1/SealedSecret": [
    "@kubernetes-models/sealed-secrets/bitnami.com/v1alpha1/SealedSecret",
    "ISealedSecret",
  ],
  "argoproj.io/v1alpha1/ApplicationSet": [
    "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet",
    "IApplicationSet",
  ],
};

interface Checker {
  checker: ts.TypeChecker;
  types: Map<string, ts.Type>;
}

let cached: Checker | undefined;

/** One TypeScript program over a generated file that names every model type (built once, ~1s). */
function load(): Checker {
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const entry = resolve(here, "__manifest-field-types__.ts");
  const keys = Object.keys(modelTypes);
  const source = [
    ...keys.map(
      (key, i) => `import type { ${modelTypes[key]?.[1]} as T${i} } from "${modelTypes[key]?.[0]}";`,
    ),
    `export interface Models { ${keys.map((key, i) => `${JSON.stringify(key)}: T${i};`).join(" ")} }`,
  ].join("\n");
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => (resolve(file) === entry ? source : readFile(file));
  host.fileExists = (file) => resolve(file) === entry || fileExists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) =>
    resolve(file) === entry ? ts.createSourceFile(file, source, language) : getSourceFile(file, language);
  const program = ts.createProgram([entry], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry);
  const models = file && checker.getSymbolAtLocation(file);
  const modelsInterface = models && checker.getExportsOfModule(models).find((s) => s.name === "Models");
  if (!modelsInterface) throw new Error("could not load the kubernetes-models type declarations");
  const modelsType = checker.getDeclaredTypeOfSymbol(modelsInterface);
  const types = new Map<string, ts.Type>();
  for (const key of keys) {
    const property = modelsType.getProperty(key);
    if (!property) throw new Error(`no model type for ${key}`);
    types.set(key, checker.getTypeOfSymbol(property));
  }
  cached = { checker, types };
  return cached;
}

function walk(value: unknown, type: ts.Type, path: string, ctx: Checker, problems: string[]): void {
  const { checker } = ctx;
  if (value === null || typeof value !== "object") return;
  const candidates = (type.isUnion() ? type.types : [type]).filter(
    (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
  );
  if (candidates.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
  if (Array.isArray(value)) {
    const arrayType = candidates.find((t) => checker.isArrayType(t)) as ts.TypeReference | undefined;
    const element = arrayType && checker.getTypeArguments(arrayType)[0];
    if (element) {
      for (const [i, item] of value.entries()) walk(item, element, `${path}[${i}]`, ctx, problems);
    }
    return;
  }
  const objectType = candidates.find((t) => t.flags & ts.TypeFlags.Object && !checker.isArrayType(t));
  if (!objectType) return;
  const indexType = checker.getIndexTypeOfType(objectType, ts.IndexKind.String);
  const properties = objectType.getProperties();
  // `{}`-like types (free-form JSON in CRDs) accept anything.
  if (!indexType && properties.length === 0) return;
  for (const [key, child] of Object.entries(value)) {
    const property = objectType.getProperty(key);
    const childPath = path ? `${path}.${key}` : key;
    if (property) walk(child, checker.getTypeOfSymbol(property), childPath, ctx, problems);
    else if (indexType) walk(child, indexType, childPath, ctx, problems);
    else problems.push(childPath);
  }
}

/** Paths of fields the object's schema does not define, e.g. `spec.template.spec.containers[0].imagePullPolcy`. */
export function unknownFields(object: KubeObject): string[] {
  const loaded = load();
  const type = loaded.types.get(`${object.apiVersion}/${object.kind}`);
  if (!type) return [];
  const problems: string[] = [];
  walk(object, type, "", loaded, problems);
  return problems;
}
