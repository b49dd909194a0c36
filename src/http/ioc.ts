import type { IocContainer } from '@tsoa/runtime';

const controllers = new Map<unknown, object>();

/** Module controllers are built by their module (with their dependencies) and handed to tsoa here. */
export function registerControllers(instances: readonly object[]): void {
  for (const instance of instances) controllers.set(instance.constructor, instance);
}

export const iocContainer: IocContainer = {
  get<T>(controller: unknown): T {
    const instance = controllers.get(controller);
    if (!instance) throw new Error(`no controller registered for ${String((controller as { name?: string }).name)}`);
    // tsoa keeps the response status and headers on the controller object (setStatus/setHeader), so each
    // request gets its own shallow copy of the module-built instance (same class, same dependencies).
    const perRequest = Object.create(Object.getPrototypeOf(instance) as object) as object;
    return Object.assign(perRequest, instance, { statusCode: undefined, headers: {} }) as T;
  },
} as IocContainer;
