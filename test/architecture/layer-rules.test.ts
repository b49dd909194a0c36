import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(__dirname, 'fixtures');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs the project's own dependency-cruiser rules over a tree of deliberately good and bad imports. */
function violationsIn(tree: string): string[] {
  let output: string;
  try {
    output = execFileSync(
      path.join(root, 'node_modules', '.bin', 'depcruise'),
      ['modules', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
      { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    // depcruise exits non-zero when it finds errors; the report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  const report = JSON.parse(output) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('the layer rules inside a module', () => {
  it('refuse each deliberately bad import, and only those', () => {
    expect(violationsIn(fixtures)).toEqual(
      [
        'api-goes-through-application: modules/shop/api/price.controller.ts -> modules/shop/infrastructure/price.repository.ts',
        'application-uses-repositories: modules/shop/application/count-prices.ts -> modules/shop/infrastructure/price.model.ts',
        'application-uses-repositories: modules/shop/application/price-view.ts -> modules/shop/infrastructure/price.model.ts',
        'consumers-go-through-application: modules/shop/consumers/update-price-when-price-changed.consumer.ts -> modules/shop/infrastructure/price.repository.ts',
        'domain-is-pure: modules/shop/domain/price.ts -> modules/shop/infrastructure/price.model.ts',
        'file-roles-in-consumers: modules/shop/consumers/price-helpers.ts -> modules/shop/application/get-price.ts',
        'file-roles-in-infrastructure: modules/shop/infrastructure/price-query.ts -> modules/shop/infrastructure/price.model.ts',
        'no-cross-module-imports: modules/other/index.ts -> modules/shop/domain/price.ts',
      ].sort(),
    );
  });
});
