// Module hook for a test helper process: `import 'postgres'` loads postgres.js from another
// directory (the control runs the driver without the patch carried in patches/).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let entry;

export function initialize(directory) {
  entry = pathToFileURL(path.join(directory, 'src/index.js')).href;
}

export function resolve(specifier, context, nextResolve) {
  if (specifier === 'postgres') return { url: entry, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
