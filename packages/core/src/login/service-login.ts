import { BiotApiError, ServiceLoginError } from '../errors.js';
import type { BiotHttp } from '../http/biot-http.js';

export interface AccessToken {
  accessToken: string;
  accessTokenExpiration: string;
}

export interface LoginContext {
  deadline: number;
  traceparent: string;
}

/** `POST /ums/v2/services/accessToken` (BIOT-CONTRACT.md §4). Safe to retry: it only issues a token. */
/** BioT's service login (BIOT-CONTRACT.md §4). */
export const SERVICE_LOGIN_PATH = '/ums/v2/services/accessToken';

export async function serviceLogin(
  http: BiotHttp,
  credentials: { id: string; secretKey: string },
  context: LoginContext,
): Promise<AccessToken> {
  let answer: Partial<AccessToken> | undefined;
  try {
    answer = await http.call<Partial<AccessToken>>({
      method: 'POST',
      path: SERVICE_LOGIN_PATH,
      json: credentials,
      retry: 'always',
      ...context,
    });
  } catch (error) {
    if (error instanceof BiotApiError) throw new ServiceLoginError(error.upstreamStatus, error.upstreamCode);
    throw error;
  }
  if (typeof answer?.accessToken !== 'string' || typeof answer.accessTokenExpiration !== 'string') {
    throw new ServiceLoginError(200, 'INVALID_LOGIN_RESPONSE');
  }
  return { accessToken: answer.accessToken, accessTokenExpiration: answer.accessTokenExpiration };
}
