/**
 * Generates the OpenAPI document of the whole API and, from the same reading of the controllers, one tsoa route
 * table per part: `modules/<module>/api/generated/routes.ts` for each module and `src/http/generated/routes.ts` for
 * the kernel's own (health). A process registers the tables of the modules it serves, and no more. Also writes
 * `src/http/generated/route-prefixes.json`: the top-level paths each module serves, which a gateway routes by.
 * Usage: tsx scripts/generate-api.ts   (run by `npm run generate`, before scripts/openapi-finish.ts)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateRoutes, generateSpec, validateSpecConfig, type Config } from '@tsoa/cli';
import { MetadataGenerator } from '@tsoa/cli/dist/metadataGeneration/metadataGenerator';
import type { ExtendedRoutesConfig } from '@tsoa/cli/dist/cli';

const KERNEL_ROUTES = 'src/http/generated';

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync('tsoa.json', 'utf8')) as Config;
  const metadata = new MetadataGenerator(config.entryFile, undefined, config.ignore, config.controllerPathGlobs, config.spec.rootSecurity).Generate();
  await generateSpec(await validateSpecConfig(config), undefined, config.ignore, metadata);

  const parts = new Map<string, typeof metadata.controllers>();
  for (const controller of metadata.controllers) {
    const module = /^modules\/([^/]+)\//.exec(relative(process.cwd(), controller.location))?.[1];
    const routesDir = module ? `modules/${module}/api/generated` : KERNEL_ROUTES;
    parts.set(routesDir, [...(parts.get(routesDir) ?? []), controller]);
  }
  // Which top-level paths each module serves: what a gateway in front of a split deployment routes by.
  const prefixes: Record<string, string[]> = {};
  for (const controller of metadata.controllers) {
    const module = /^modules\/([^/]+)\//.exec(relative(process.cwd(), controller.location))?.[1] ?? 'kernel';
    const prefix = `/${controller.path.replace(/^\/+/, '').split('/')[0]}`;
    prefixes[module] = [...new Set([...(prefixes[module] ?? []), prefix])].sort();
  }
  writeFileSync(`${KERNEL_ROUTES}/route-prefixes.json`, `${JSON.stringify(prefixes, null, 2)}\n`);

  for (const [routesDir, controllers] of parts) {
    const routes: ExtendedRoutesConfig = {
      ...config.routes,
      routesDir,
      routesFileName: 'routes.ts',
      basePath: '/',
      entryFile: config.entryFile,
      controllerPathGlobs: config.controllerPathGlobs,
      noImplicitAdditionalProperties: config.noImplicitAdditionalProperties ?? 'throw-on-extras',
      bodyCoercion: config.routes.bodyCoercion ?? true,
    };
    await generateRoutes(routes, undefined, config.ignore, { controllers, referenceTypeMap: reachableTypes(controllers, metadata.referenceTypeMap) });
  }
}

/** The named types these controllers' parameters and responses use, directly or through other types. */
function reachableTypes<T extends object>(controllers: readonly object[], all: Record<string, T>): Record<string, T> {
  const reached: Record<string, T> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const refName = (node as { refName?: unknown }).refName;
    if (typeof refName === 'string' && all[refName] && !reached[refName]) {
      reached[refName] = all[refName];
      visit(all[refName]);
    }
    Object.values(node).forEach(visit);
  };
  visit(controllers);
  return reached;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
