/** The other modules' parts of a personal-data export, each asked as the user (their own access token). */
export interface PersonalDataSources {
  /** Module name → that module's answer; throws naming the module whose answer did not come. */
  collect(authorization: string): Promise<Record<string, unknown>>;
}
