import { Model, snakeCaseMappers } from 'objection';

export type SessionRevocationReason = 'logout' | 'refresh_token_reused' | 'password_changed' | 'password_reset' | 'promoted_to_admin' | 'session_limit' | 'erased';

export class SessionModel extends Model {
  static override tableName = 'sessions';
  static override columnNameMappers = snakeCaseMappers();

  id!: string;
  userId!: string;
  createdAt!: Date;
  revokedAt!: Date | null;
  revokedReason!: SessionRevocationReason | null;
}
