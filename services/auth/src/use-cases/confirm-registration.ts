import type { IdentityProvider } from './ports';

/** Confirms a sign-up with the code the user received by e-mail (stages that do not auto-confirm). */
export async function confirmRegistration(
  deps: { identity: IdentityProvider },
  input: { username: string; code: string },
): Promise<void> {
  await deps.identity.confirmSignUp(input.username, input.code);
}
