// Unknown fields: Kubernetes' OpenAPI schemas (and so kubernetes-models' validators) accept any extra
// property, and a misspelt `securityContxt` is silently dropped by a lenient apply. TypeScript's
// excess-property check against kubernetes-models' types catches them offline, like the API
// server's strict field validation would.
import path from 'node:path';
import ts from 'typescript';
import type { K8sObject } from './support.js';

const TYPES: Record<string, string> = {
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  'batch/v1/Job': 'kubernetes-models/batch/v1/Job',
  'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Pod': 'kubernetes-models/v1/Pod',
  'v1/Secret': 'kubernetes-models/v1/Secret',
  'v1/Service': 'kubernetes-models/v1/Service',
  'v1/ServiceAccount': 'kubernetes-models/v1/ServiceAccount',
};

/** One message per object that has a field (or a value type) its Kubernetes type does not have. */
export function unknownFieldErrors(objects: K8sObject[]): string[] {
  // A virtual file next to this one, so that 'kubernetes-models' resolves from the repository.
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), '__rendered_objects__.ts');
  const lines: string[] = [];
  objects.forEach((object, index) => {
    const module = TYPES[`${object.apiVersion}/${object.kind}`];
    if (!module) throw new Error(`no type known for ${object.apiVersion} ${object.kind}`);
    lines.push(`import type { I${object.kind} as T${index} } from '${module}';`);
    lines.push(`export const o${index}: T${index} = ${JSON.stringify(object)};`);
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const object = objects[Math.floor(line / 2)];
      const what = object ? `${object.kind}/${object.metadata.name}` : `line ${line}`;
      const at = source.slice(d.start ?? 0, (d.start ?? 0) + 60);
      return `${what}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')} (at ${at})`;
    });
}
