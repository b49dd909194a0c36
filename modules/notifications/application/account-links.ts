/** The links account mail carries, to the shop's pages that take a token and call the API with it. */
export function accountLinks(baseUrl: string) {
  return {
    verifyEmail: (token: string) => `${baseUrl}/verify-email?token=${encodeURIComponent(token)}`,
    resetPassword: (token: string) => `${baseUrl}/reset-password?token=${encodeURIComponent(token)}`,
    /** Where a forgotten password is reset: the page asks for the email. */
    forgotPassword: () => `${baseUrl}/reset-password`,
  };
}

export type AccountLinks = ReturnType<typeof accountLinks>;
