/**
 * moto_server as a real Secrets Manager (and CloudFormation, Lambda, IAM) peer on 127.0.0.1, for
 * the rotation and ops tests. One moto process per test file; `reset()` empties it between tests.
 */
export interface MotoServer {
    /** `http://127.0.0.1:PORT` */
    readonly url: string;
    readonly region: string;
    /** SDK client configuration pointing at this server: endpoint, region, dummy credentials. */
    clientConfig(endpoint?: string): {
        endpoint: string;
        region: string;
        credentials: {
            accessKeyId: string;
            secretAccessKey: string;
        };
    };
    /** The same as environment variables, for code that builds its own clients (runtime, CLI). */
    env(endpoint?: string): Record<string, string>;
    /** Forgets every resource (POST /moto-api/reset). */
    reset(): Promise<void>;
    close(): Promise<void>;
}
export declare const MOTO_COMMAND = "moto_server";
export declare const MOTO_MISSING_MESSAGE: string;
/** Whether moto_server can be found on PATH (checked without running it). */
export declare function motoOnPath(env?: NodeJS.ProcessEnv): boolean;
export declare const MOTO_AVAILABLE: boolean;
/**
 * `describe` for tests that need moto. Without moto_server on PATH the suite is reported as one
 * skipped test whose name says why and how to fix it; under CI=true it is a failing test instead,
 * so CI can never pass by silently skipping the Secrets Manager tests.
 */
export declare function describeWithMoto(title: string, body: () => void): void;
/** Starts moto_server on 127.0.0.1 on a free port and resolves once it answers. */
export declare function startMoto(): Promise<MotoServer>;
