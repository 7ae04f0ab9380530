import * as z from 'zod';
import { isoTimeSchema, usernameSchema } from '@chat/events';

/** Response bodies of the auth routes (docs/openapi.json is generated from these and requests.ts). */

/** `POST /auth/register` → 201. */
export const registeredResponse = z.object({ userId: z.string(), username: usernameSchema });

/** `POST /auth/refresh` → 200. */
export const refreshedTokensResponse = z.object({
  accessToken: z.string(),
  idToken: z.string(),
  /** Seconds the access token stays valid. */
  expiresIn: z.number().int().positive(),
  tokenType: z.literal('Bearer'),
});

/** `POST /auth/login` → 200. */
export const signInResponse = refreshedTokensResponse.extend({ refreshToken: z.string() });

/** `User` = `{userId, username, displayName, createdAt}`. */
export const userResponse = z.object({
  userId: z.string(),
  username: usernameSchema,
  displayName: z.string(),
  createdAt: isoTimeSchema,
});

/** `GET /users?prefix=` → 200. */
export const userSearchResponse = z.object({ items: z.array(userResponse) });
