import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { throttleBucket } from '../../../src/http/client-address';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';

export type Authenticate = (credentials: { email: string; password: string; ip: string }) => Promise<User>;

/**
 * Email and password sign-in through passport-local. A private Passport instance per module keeps the
 * strategy out of process-global state; no sessions: the caller gets tokens instead.
 */
export class PasswordLogin {
  private readonly passport = new passport.Passport();

  constructor(authenticate: Authenticate) {
    this.passport.use(
      'local',
      new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false }, (req, email, password, done) => {
        authenticate({ email, password, ip: throttleBucket(req) }).then(
          (user) => done(null, user),
          (error: unknown) => done(error),
        );
      }),
    );
  }

  /** Resolves with the signed-in user; rejects with the DomainError explaining why not. */
  signIn(req: Request): Promise<User> {
    const res = req.res as Response;
    return new Promise<User>((resolve, reject) => {
      const next: NextFunction = (error?: unknown) => reject(error ?? UserErrors.invalidCredentials());
      const callback = (error: unknown, user: User | false | undefined) => {
        if (error) return reject(error);
        // passport-local fails without calling us when the email or password is empty.
        if (!user) return reject(UserErrors.invalidCredentials());
        resolve(user);
      };
      this.passport.authenticate('local', { session: false }, callback)(req, res, next);
    });
  }
}
