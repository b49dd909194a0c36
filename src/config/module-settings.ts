import { z } from 'zod';
import { ConfigError } from './config';

/**
 * A module's own settings, read by the module from the process's environment with its own schema: the kernel's
 * configuration knows none of them, and a process that does not serve a module never reads (or refuses) its
 * variables. A bad value stops the process with a message naming the variable, as the kernel's do.
 */
export function readModuleSettings<S extends z.ZodRawShape>(environment: Readonly<Record<string, string>>, shape: S): z.infer<z.ZodObject<S>> {
  const parsed = z.object(shape).safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n  ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ')}`);
  }
  return parsed.data;
}

/** A setting that breaks a rule across variables: stops the process with the message. */
export function refuseSettings(problems: readonly string[], heading = 'Invalid configuration:'): void {
  if (problems.length > 0) throw new ConfigError(`${heading}\n  ${problems.join('\n  ')}`);
}
