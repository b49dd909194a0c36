import type { mart } from '../../proto/streams';
import type { PersonalDataSeal, SealedPersonalData } from '../crypto/personal-data';
import { malformedEvent } from './event-fields';

type SealedMessage = mart.users.v1.ISealedPersonalData | null | undefined;

interface PersonalFields {
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  defaultShippingAddress?: mart.users.v1.IAddress | null;
  sealed?: SealedMessage;
}

function opened(seal: PersonalDataSeal, sealed: SealedMessage, field: string): Record<string, unknown> {
  if (!sealed?.userKey || !sealed.personal) throw malformedEvent(`${field} is missing`);
  try {
    return seal.open({ userKey: sealed.userKey, personal: sealed.personal } satisfies SealedPersonalData) as Record<string, unknown>;
  } catch {
    throw malformedEvent(`${field} cannot be opened: sealed under another PERSONAL_DATA_KEY, or altered`);
  }
}

/**
 * A user event with its personal fields in the clear, as consumers read them: opened from `sealed` (events since
 * personal data is sealed), or as they are (events from before, which carry them unsealed).
 */
export function unsealUserFields<E extends PersonalFields>(seal: PersonalDataSeal, event: E): E {
  if (!event.sealed?.personal) return event;
  const personal = opened(seal, event.sealed, 'sealed') as Pick<PersonalFields, 'email' | 'name' | 'phone' | 'defaultShippingAddress'>;
  return { ...event, email: personal.email, name: personal.name, phone: personal.phone, defaultShippingAddress: personal.defaultShippingAddress };
}

/** The account token (verification, password reset) an event carries sealed. */
export function unsealToken(seal: PersonalDataSeal, sealed: SealedMessage): string {
  const { token } = opened(seal, sealed, 'sealedToken');
  if (typeof token !== 'string' || token === '') throw malformedEvent('sealedToken holds no token');
  return token;
}
