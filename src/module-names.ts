/** The six modules of the API process; each owns the PostgreSQL schema of the same name. */
export const moduleNames = ['users', 'products', 'inventory', 'orders', 'payments', 'notifications'] as const;

export type ModuleName = (typeof moduleNames)[number];
