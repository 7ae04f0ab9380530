// Placeholder until the local stack's orchestration lands: it will start the whole stack once here.
export default async function globalSetup(): Promise<void> {}
