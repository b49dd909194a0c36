import { Model, snakeCaseMappers } from 'objection';
import type { AllocatedLine } from '../domain/reservation';
import type { ReservationStatus } from '../domain/reservation-status';

export class ReservationModel extends Model {
  static override tableName = 'reservations';
  static override idColumn = 'order_id';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }
  static override get jsonAttributes() {
    return ['lines'];
  }

  orderId!: string;
  status!: ReservationStatus;
  lines!: AllocatedLine[];
  reason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}
