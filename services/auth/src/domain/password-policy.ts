/**
 * The user pool's password policy (resources/cognito.ts applies it to Cognito). Registration checks it first,
 * so a weak password is refused with field details, and identically where the identity provider does not
 * enforce it (cognito-local).
 */
export const PASSWORD_POLICY = {
  minimumLength: 8,
  /** Cognito's own limit. */
  maximumLength: 256,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: false,
} as const;

/** What is wrong with `password` under the policy, one sentence per broken rule (empty when it is fine). */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_POLICY.minimumLength) {
    problems.push(`must be at least ${PASSWORD_POLICY.minimumLength} characters long`);
  }
  if (password.length > PASSWORD_POLICY.maximumLength) {
    problems.push(`must be at most ${PASSWORD_POLICY.maximumLength} characters long`);
  }
  if (PASSWORD_POLICY.requireUppercase && !/\p{Lu}/u.test(password)) {
    problems.push('must contain an upper-case letter');
  }
  if (PASSWORD_POLICY.requireLowercase && !/\p{Ll}/u.test(password)) {
    problems.push('must contain a lower-case letter');
  }
  if (PASSWORD_POLICY.requireNumbers && !/[0-9]/.test(password)) problems.push('must contain a digit');
  if (/^\s|\s$/.test(password)) problems.push('must not begin or end with a space');
  return problems;
}
