import * as z from 'zod';
import {
  displayNameSchema,
  emailSchema,
  givenPasswordSchema,
  newPasswordSchema,
  usernameSchema,
} from './credentials';

/** Request bodies of the auth routes; unknown fields are refused so typos do not pass silently. */
export const registerBody = z.strictObject({
  username: usernameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});

export const confirmBody = z.strictObject({
  username: usernameSchema,
  code: z.string().trim().min(1, 'Required').max(64, 'must be at most 64 characters'),
});

export const loginBody = z.strictObject({
  username: usernameSchema,
  password: givenPasswordSchema,
});

const refreshTokenSchema = z.string().min(1, 'Required').max(8192, 'is too long');

export const refreshBody = z.strictObject({ refreshToken: refreshTokenSchema });

/** `POST /auth/logout` takes no body; a client may send `{refreshToken}` to revoke it in the user pool too. */
export const logoutBody = z.strictObject({ refreshToken: refreshTokenSchema.optional() });

export const updateProfileBody = z.strictObject({ displayName: displayNameSchema });

/** `DELETE /users/me`: the account's password, asked again before closing it. */
export const closeAccountBody = z.strictObject({ password: givenPasswordSchema });
