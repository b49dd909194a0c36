import { ProductErrors } from './products.errors';

const ENTITY_TAG = /^(?:W\/)?"(\d{1,9})"$/;

export function entityTag(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client claims to be changing: from `If-Match: "<version>"` (the ETag it read) or a `version`
 * field. One of them is required, so two admins cannot overwrite each other's edits without noticing.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  const fromHeader = ifMatch === undefined || ifMatch.trim() === '' ? undefined : parseIfMatch(ifMatch);
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw ProductErrors.conflictingVersions();
  }
  const version = fromHeader ?? bodyVersion;
  if (version === undefined) throw ProductErrors.versionRequired();
  return version;
}

function parseIfMatch(header: string): number {
  const match = ENTITY_TAG.exec(header.trim());
  if (!match) throw ProductErrors.invalidIfMatch();
  return Number(match[1]);
}
