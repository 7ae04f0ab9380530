/**
 * The logical ids the framework (osls, Serverless Framework v3) derives from a function key: it capitalizes
 * the first letter and spells `-` as `Dash` and `_` as `Underscore`. `health` → `Health`.
 */
export function normalizedFunctionName(functionKey: string): string {
  const spelled = functionKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}

/** The framework's log group of a function, e.g. `HealthLogGroup`. */
export function logGroupLogicalId(functionKey: string): string {
  return `${normalizedFunctionName(functionKey)}LogGroup`;
}

/** The framework's Lambda function, e.g. `HealthLambdaFunction`. */
export function lambdaLogicalId(functionKey: string): string {
  return `${normalizedFunctionName(functionKey)}LambdaFunction`;
}

/** The role `functionRole` builds for a function, e.g. `HealthRole`. */
export function roleLogicalId(functionKey: string): string {
  return `${normalizedFunctionName(functionKey)}Role`;
}
