import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './project-root';

/**
 * Imported first by the API's and the relay's entry points: on a Node other than the one package.json pins
 * (its `node` devDependency, which `npm ci` installs as node_modules/.bin/node), the process stops here with a
 * message naming both, before a native module built for the pinned Node can crash it.
 */
function requirePinnedNode(): void {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { devDependencies?: { node?: string } };
  const pinned = manifest.devDependencies?.node;
  if (!pinned) return;
  const floor = pinned.replace(/^[\^~=v]+/, '').split('.').map(Number);
  const running = process.versions.node.split('.').map(Number);
  const sameMajor = running[0] === floor[0];
  const notOlder = running[1] > floor[1] || (running[1] === floor[1] && running[2] >= (floor[2] ?? 0));
  if (sameMajor && notOlder) return;
  console.error(
    `Mart runs on Node ${pinned} (package.json pins it); this is Node ${process.versions.node} (${process.execPath}). ` +
      `Use the pinned one: npm run start:api / start:relay, or node_modules/.bin/node after npm ci.`,
  );
  process.exit(1);
}

requirePinnedNode();
