import * as z from 'zod';
import { passwordProblems } from './password-policy';

/** `a-z 0-9 _ . -`, 3 to 32 characters, once lower-cased (API.md "Auth"). */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;

/** The canonical form of a username as typed: trimmed and lower-cased (usernames are unique in any case). */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** The canonical form of an e-mail address for the uniqueness check: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A username, at register and as typed at login or confirmation: normalized, then held to the public rule. At
 * login one that breaks it cannot belong to anybody, so its 400 naming `username` tells nothing about accounts
 * (docs/api-decisions.md), and it never reaches the user pool or a key.
 */
export const usernameSchema = z
  .string()
  .transform(normalizeUsername)
  .pipe(z.string().regex(USERNAME_PATTERN, 'must be 3 to 32 characters of a-z 0-9 _ . -'));

export const emailSchema = z
  .string()
  .transform(normalizeEmail)
  .pipe(
    z.string().max(254, 'must be at most 254 characters').pipe(z.email('must be a valid e-mail address')),
  );

/** A new password: one issue per broken rule of the pool's policy. */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  for (const message of passwordProblems(password)) ctx.addIssue({ code: 'custom', message });
});

/** A password as typed at login: only bounded, never judged (that would hint at the policy per account). */
export const givenPasswordSchema = z.string().min(1, 'Required').max(256, 'must be at most 256 characters');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** The prefix of `GET /users?prefix=`: the start of a username, lower-cased. */
export const usernamePrefixSchema = z
  .string()
  .transform(normalizeUsername)
  .pipe(z.string().regex(/^[a-z0-9_.-]{1,32}$/, 'must be 1 to 32 characters of a-z 0-9 _ . -'));
