export {
  cognitoIssuer,
  cognitoLocalConfig,
  cognitoLocalJwksUrl,
  ensureUserPool,
  fetchCognitoLocalJwks,
  startCognitoLocal,
  type CognitoLocalOptions,
  type EnsureUserPoolOptions,
  type RunningCognitoLocal,
} from './cognito';
export { S3RVER_CREDENTIALS, s3ClientEnvironment, startS3, type S3Options } from './s3';
