import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { moduleNames } from '../../src/module-names';
import { projectRoot } from '../../src/project-root';

/**
 * The boundary rule for tests, which dependency-cruiser cannot see: a module's tests touch only that module's
 * database; the Cucumber steps touch none (they speak HTTP and events, so they run against any deployment). The
 * one exception is a module's public face taking a connection (ensureAdmin, as `npm run admin:create` does).
 */
const DATABASE_USE = new RegExp(`\\b(?:db|databases\\.get)\\(\\s*'(${moduleNames.join('|')})'\\s*\\)`, 'g');
const THROUGH_PUBLIC_FACE = /\bensure(?:Admin|Account)\(/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : file.endsWith('.ts') ? [file] : [];
  });
}

function databaseUses(file: string): Array<{ line: number; module: string; text: string }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => [...text.matchAll(DATABASE_USE)].map((match) => ({ line: i + 1, module: match[1], text: text.trim() })))
    .filter((use) => !THROUGH_PUBLIC_FACE.test(use.text));
}

describe('the boundary rule for tests', () => {
  const root = projectRoot();
  const relative = (file: string) => path.relative(root, file);

  it("keeps each module's tests to that module's database", () => {
    const crossings = readdirSync(path.join(root, 'modules')).flatMap((module) => {
      const tests = path.join(root, 'modules', module, 'tests');
      return filesUnder(tests).flatMap((file) =>
        databaseUses(file)
          .filter((use) => use.module !== module)
          .map((use) => `${relative(file)}:${use.line} reads ${use.module}: ${use.text}`),
      );
    });
    expect(crossings).toEqual([]);
  });

  it('keeps the Cucumber steps to HTTP and events', () => {
    const uses = filesUnder(path.join(root, 'features')).flatMap((file) => databaseUses(file).map((use) => `${relative(file)}:${use.line}: ${use.text}`));
    expect(uses).toEqual([]);
  });

  it('sees a crossing when there is one (the rule is not blind)', () => {
    expect(databaseUses(__filename).map((use) => use.module)).toEqual(['orders']);
    // The line the rule must see: await stack.db('orders')('catalog')
  });
});
