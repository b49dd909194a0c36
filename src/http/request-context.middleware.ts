import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runInContext } from '../context/request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

/** Gives every request an id (echoed as X-Request-Id) and runs the rest of the chain in its context. */
export const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.header('x-request-id');
  const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  const correlation = req.header('x-correlation-id');
  const traceparent = req.header('traceparent');
  res.setHeader('X-Request-Id', requestId);
  (req as { id?: string }).id = requestId;
  runInContext(
    {
      requestId,
      correlationId: correlation && SAFE_ID.test(correlation) ? correlation : requestId,
      traceparent: traceparent && TRACEPARENT.test(traceparent) ? traceparent : undefined,
    },
    next,
  );
};
