/** Whole minutes from `now` until an RFC 3339 time (a link's expiry), at least 1: what the mail promises. */
export function minutesUntil(iso: string, now: Date): number {
  const ms = new Date(iso).getTime() - now.getTime();
  return Number.isFinite(ms) ? Math.max(1, Math.floor(ms / 60_000)) : 1;
}
