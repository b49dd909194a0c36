import { forbidden } from './domain-error';

/** Authorization failures share one code, whether the route's scope or a use case's own check refused. */
export const AuthErrors = {
  forbidden: (message: string) => forbidden('AUTH.FORBIDDEN', message),
};
