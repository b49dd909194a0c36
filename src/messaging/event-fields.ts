import { DomainError } from '../errors/domain-error';
import { isAmountMinor, isCurrencyCode, type Money } from '../money/money';
import { isUuid } from '../validation/uuid';

/**
 * An event that breaks its contract (a missing id, inexact money). Thrown from a handler, a DomainError
 * dead-letters the event at once: retrying cannot repair it.
 */
export function malformedEvent(what: string): DomainError {
  return new DomainError('EVENT.MALFORMED', 'unprocessable', `The event is malformed: ${what}`);
}

/** A Money message as protobufjs decodes it: int64 amounts are JS numbers (proto/int64-as-number.ts). */
export interface MoneyFields {
  amountMinor?: number | null;
  currency?: string | null;
}

/** The names of a payload's fields whose values are of type V. */
type ItemOf<V> = NonNullable<V> extends readonly (infer I extends object)[] ? I : never;

type FieldOf<P, V> = { [K in keyof P]-?: NonNullable<P[K]> extends V ? K : never }[keyof P] & string;

/**
 * The one way to read an event: a payload's fields by its contract, each accessor named for what the field
 * must hold. A required field that is missing or breaks its type throws EVENT.MALFORMED naming the field;
 * ids come out lower-cased, as every table keeps them. Protobuf decodes an unset string as '' and an unset
 * number as 0, so `text` and `count` read those defaults as what they mean.
 */
export class EventFields<P extends object> {
  constructor(private readonly payload: P) {}

  /** A required id. */
  uuid(field: FieldOf<P, string>): string {
    const value = this.value(field);
    if (!isUuid(value)) throw malformedEvent(`${field} "${String(value ?? '')}" is not a UUID`);
    return value.toLowerCase();
  }

  /** An id the contract lets be empty. */
  optionalUuid(field: FieldOf<P, string>): string | undefined {
    const value = this.value(field);
    return value === undefined || value === null || value === '' ? undefined : this.uuid(field);
  }

  /** Text, '' when unset. */
  text(field: FieldOf<P, string>): string {
    const value = this.value(field);
    if (value !== undefined && value !== null && typeof value !== 'string') throw malformedEvent(`${field} is not text`);
    return value ?? '';
  }

  /** Text the contract lets be empty, as undefined when it is. */
  optionalText(field: FieldOf<P, string>): string | undefined {
    return this.text(field) || undefined;
  }

  /** A whole number, 0 when unset; the handler's domain judges its range. */
  integer(field: FieldOf<P, number>): number {
    const value = this.value(field) ?? 0;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw malformedEvent(`${field} ${String(value)} is not a whole number`);
    return value;
  }

  /** A whole number of at least 0 (versions, stock levels), 0 when unset. */
  count(field: FieldOf<P, number>): number {
    const value = this.integer(field);
    if (value < 0) throw malformedEvent(`${field} ${value} is not a count`);
    return value;
  }

  /** A count the contract lets be absent (a proto3 `optional` field), as undefined when it is. */
  optionalCount(field: FieldOf<P, number>): number | undefined {
    const value = this.value(field);
    return value === undefined || value === null ? undefined : this.count(field);
  }

  flag(field: FieldOf<P, boolean>): boolean {
    return this.value(field) === true;
  }

  /** Money the event must carry: a non-negative safe integer of minor units and an ISO 4217 code. */
  money(field: FieldOf<P, MoneyFields>): Money {
    const money = this.optionalMoney(field);
    if (!money) throw malformedEvent(`${field} is missing`);
    return money;
  }

  /** Money the contract lets be absent; when present it must be exact. */
  optionalMoney(field: FieldOf<P, MoneyFields>): Money | undefined {
    const money = this.value(field) as MoneyFields | null | undefined;
    if (money === null || money === undefined) return undefined;
    const { amountMinor, currency } = money;
    if (!isAmountMinor(amountMinor)) throw malformedEvent(`${field} has an amount of ${String(amountMinor)} minor units`);
    if (!isCurrencyCode(currency)) throw malformedEvent(`${field} has no ISO 4217 currency`);
    return { amountMinor, currency };
  }

  /** A repeated message field, each item read by its own fields. */
  list<K extends FieldOf<P, readonly object[]>, T>(field: K, read: (item: EventFields<ItemOf<P[K]>>) => T): T[] {
    const items = (this.value(field) ?? []) as readonly ItemOf<P[K]>[];
    return items.map((item) => read(new EventFields(item)));
  }

  /** A message field the contract lets be absent, read by its own fields when present. */
  optional<K extends FieldOf<P, object>, T>(field: K, read: (message: EventFields<NonNullable<P[K]> & object>) => T): T | undefined {
    const message = this.value(field) as (NonNullable<P[K]> & object) | null | undefined;
    return message === null || message === undefined ? undefined : read(new EventFields(message));
  }

  private value(field: keyof P): unknown {
    return this.payload[field];
  }
}

/** Reads an event's payload (or a message inside it) by its contract. */
export function fieldsOf<P extends object>(payload: P): EventFields<P> {
  return new EventFields(payload);
}
