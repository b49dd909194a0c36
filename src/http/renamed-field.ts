import { invalid } from '../errors/domain-error';

/**
 * A request field that was renamed and is still accepted under its deprecated name, for clients written
 * against it: the value sent under either name; sent under both, the two must agree.
 */
export function renamedField<B extends object, V>(body: B, name: keyof B & string, deprecatedName: keyof B & string): V | undefined {
  const current = body[name] as V | undefined;
  const deprecated = body[deprecatedName] as V | undefined;
  if (current !== undefined && deprecated !== undefined && current !== deprecated) {
    throw invalid('REQUEST.VALIDATION_FAILED', `${name} and its deprecated name ${deprecatedName} disagree: send ${name} only`, [
      { field: deprecatedName, message: `differs from ${name}` },
    ]);
  }
  return current ?? deprecated;
}
