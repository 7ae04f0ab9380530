// Placeholder until the local stack's orchestration lands: it will stop the stack started in global setup.
export default async function globalTeardown(): Promise<void> {}
