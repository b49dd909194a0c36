import { Model, snakeCaseMappers } from 'objection';

export class RefreshTokenModel extends Model {
  static override tableName = 'refresh_tokens';
  static override columnNameMappers = snakeCaseMappers();

  id!: string;
  sessionId!: string;
  tokenHash!: string;
  issuedAt!: Date;
  expiresAt!: Date;
  usedAt!: Date | null;
}
