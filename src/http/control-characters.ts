import type { RequestHandler } from 'express';
import { sendProblem } from './problem-details';

// C0 controls and DEL. Text in a body may still carry tab, line feed and carriage return; a parameter may not.
/* eslint-disable no-control-regex -- matching control characters is this file's purpose */
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const FORBIDDEN_IN_PARAMETER = /[\u0000-\u001F\u007F]/;
/* eslint-enable no-control-regex */

/**
 * Refuses, with 400 naming each field, a request whose path, query or JSON body holds control characters: no
 * client needs them, PostgreSQL cannot store U+0000, and nothing with them should reach a log or an event.
 */
export const refuseControlCharacters: RequestHandler = (req, res, next) => {
  const fields = [
    ...pathSegments(req.path).flatMap((segment, i) => (FORBIDDEN_IN_PARAMETER.test(segment) ? [`path segment ${i + 1}`] : [])),
    ...fieldsWith(req.query, '', FORBIDDEN_IN_PARAMETER),
    ...fieldsWith(req.body, '', FORBIDDEN_IN_TEXT),
  ];
  if (fields.length === 0) return next();
  sendProblem(res, {
    status: 400,
    code: 'REQUEST.CONTROL_CHARACTERS',
    detail: 'The request contains control characters',
    errors: fields.map((field) => ({ field, message: 'must not contain control characters' })),
  });
};

function pathSegments(path: string): string[] {
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/** The names (`items[0].productId`) of strings, and of keys, under `value` that `forbidden` matches. */
function fieldsWith(value: unknown, name: string, forbidden: RegExp): string[] {
  if (typeof value === 'string') return forbidden.test(value) ? [name || 'body'] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => fieldsWith(item, `${name}[${i}]`, forbidden));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = name ? `${name}.${key}` : key;
      return FORBIDDEN_IN_PARAMETER.test(key) ? [field] : fieldsWith(item, field, forbidden);
    });
  }
  return [];
}
