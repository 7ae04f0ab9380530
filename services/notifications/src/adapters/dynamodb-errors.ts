/** True for the error DynamoDB answers a failed ConditionExpression with. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
