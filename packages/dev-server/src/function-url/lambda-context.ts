/** The Lambda context the dev server passes: the fields a Node handler commonly reads. */
export interface LocalLambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

const LOCAL_FUNCTION_NAME = 'biot-plugin-local';

/**
 * A context whose clock runs from now until `timeoutMs`, the function's configured timeout, as
 * Lambda's does. The runtime plans its BioT calls against it (it answers before the deadline).
 */
export function createLambdaContext(requestId: string, timeoutMs: number): LocalLambdaContext {
  const deadline = Date.now() + timeoutMs;
  return {
    functionName: LOCAL_FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${LOCAL_FUNCTION_NAME}`,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${LOCAL_FUNCTION_NAME}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
