import { ENV } from '@biot-plugin/runtime/env';
import { describe, expect, it } from 'vitest';
import { PluginSettingsError } from '../lib/construct/plugin-settings.js';
import { synthDevWith } from './support/synth.js';

describe('the JWT-off guard', () => {
  it('fails synth when an environment not marked non-production turns JWT validation off', () => {
    expect(() => synthDevWith({ production: true, jwt: { validate: false } })).toThrow(
      /jwt.validate is false but the environment is not marked non-production/,
    );
  });

  it('lets an environment marked non-production turn JWT validation off', () => {
    const { template } = synthDevWith({ production: false, jwt: { validate: false } });

    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { [ENV.shouldValidateJwt]: 'false' } },
    });
  });
});

describe('settings validation', () => {
  it('lists every problem of an environment at once', () => {
    const attempt = () =>
      synthDevWith({
        biotBaseUrl: 'http://api.example.com',
        serviceUserId: 'service-user',
        memoryMb: 64,
        timeoutSeconds: 901,
        alarmEmail: 'ops',
      });

    expect(attempt).toThrow(PluginSettingsError);
    expect(attempt).toThrow(
      /biotBaseUrl.*https[\s\S]*serviceUserId[\s\S]*memoryMb[\s\S]*timeoutSeconds[\s\S]*alarmEmail/,
    );
  });

  it('rejects an existing secret ARN without the suffix that makes it complete', () => {
    expect(() =>
      synthDevWith({ existingSecretArn: 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:biot' }),
    ).toThrow(/existingSecretArn .* is not a complete Secrets Manager ARN/);
  });

  it('rejects a rotation interval outside Secrets Manager range', () => {
    expect(() => synthDevWith({ rotationIntervalDays: 0 })).toThrow(/rotationIntervalDays 0 is not 1–1000/);
  });
});

describe('the app name', () => {
  it('must be usable in a stack name', () => {
    expect(() => synthDevWith({ appName: 'my_plugin' })).toThrow(
      /appName "my_plugin" must be letters, digits and "-"/,
    );
  });
});
