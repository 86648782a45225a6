import {
  DescribeSecretCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { readSecretValue } from '@biot-plugin/core';

/** Secrets Manager's staging labels. */
export const STAGE = {
  current: 'AWSCURRENT',
  pending: 'AWSPENDING',
  previous: 'AWSPREVIOUS',
} as const;

export type Stage = (typeof STAGE)[keyof typeof STAGE];

/** What DescribeSecret says about a secret, reduced to what rotation and ops look at. */
export interface SecretDescription {
  arn: string;
  name: string;
  /** Version id → its staging labels. */
  stagesByVersion: ReadonlyMap<string, readonly string[]>;
  rotationEnabled: boolean;
  rotationLambdaArn: string | undefined;
  rotationRules:
    | { automaticallyAfterDays?: number; scheduleExpression?: string; duration?: string }
    | undefined;
  lastRotatedDate: Date | undefined;
  nextRotationDate: Date | undefined;
  tags: ReadonlyMap<string, string>;
}

export interface SecretVersionInfo {
  versionId: string;
  stages: readonly string[];
  createdDate: Date | undefined;
}

/**
 * One secret in Secrets Manager, as rotation and ops work on it: its versions and staging labels,
 * putting and moving versions, its tags. Values are read with the BioT core's `readSecretValue`,
 * the one read of Secrets Manager the plugin runtime and the subscriptions Lambda use too, which
 * always names the stage or version.
 */
export class SecretStore {
  constructor(
    private readonly client: SecretsManagerClient,
    readonly secretId: string,
  ) {}

  async describe(): Promise<SecretDescription> {
    const answer = await this.client.send(new DescribeSecretCommand({ SecretId: this.secretId }));
    const rules = answer.RotationRules;
    return {
      arn: answer.ARN ?? this.secretId,
      name: answer.Name ?? this.secretId,
      stagesByVersion: new Map(Object.entries(answer.VersionIdsToStages ?? {})),
      rotationEnabled: answer.RotationEnabled === true,
      rotationLambdaArn: answer.RotationLambdaARN || undefined,
      rotationRules: rules
        ? {
            ...(rules.AutomaticallyAfterDays === undefined
              ? {}
              : { automaticallyAfterDays: rules.AutomaticallyAfterDays }),
            ...(rules.ScheduleExpression === undefined
              ? {}
              : { scheduleExpression: rules.ScheduleExpression }),
            ...(rules.Duration === undefined ? {} : { duration: rules.Duration }),
          }
        : undefined,
      lastRotatedDate: answer.LastRotatedDate,
      nextRotationDate: answer.NextRotationDate,
      tags: new Map((answer.Tags ?? []).flatMap((tag) => (tag.Key ? [[tag.Key, tag.Value ?? '']] : []))),
    };
  }

  /** The versions with their creation dates (DescribeSecret has none). */
  async listVersions(): Promise<SecretVersionInfo[]> {
    const versions: SecretVersionInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListSecretVersionIdsCommand({ SecretId: this.secretId, NextToken: nextToken }),
      );
      for (const version of page.Versions ?? []) {
        if (!version.VersionId) continue;
        versions.push({
          versionId: version.VersionId,
          stages: version.VersionStages ?? [],
          createdDate: version.CreatedDate,
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return versions;
  }

  /**
   * The value of a version, picked by stage and/or version id; `undefined` when there is no such
   * value (including the empty version RotateSecret creates for AWSPENDING).
   */
  async readValue(
    select: { stage: Stage; versionId?: string } | { versionId: string },
  ): Promise<string | undefined> {
    try {
      return await readSecretValue(this.client, this.secretId, select);
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  /** Stores `value` as version `versionId` labelled AWSPENDING (the label moves off any other version). */
  async putPending(versionId: string, value: string): Promise<void> {
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: this.secretId,
        ClientRequestToken: versionId,
        SecretString: value,
        VersionStages: [STAGE.pending],
      }),
    );
  }

  /** Stores `value` as the new AWSCURRENT; Secrets Manager labels the old one AWSPREVIOUS. */
  async putCurrent(value: string): Promise<string> {
    const answer = await this.client.send(
      new PutSecretValueCommand({ SecretId: this.secretId, SecretString: value }),
    );
    return answer.VersionId ?? '';
  }

  /** Moves AWSCURRENT; Secrets Manager labels the version it leaves AWSPREVIOUS. */
  async moveCurrent(toVersionId: string, fromVersionId: string): Promise<void> {
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: this.secretId,
        VersionStage: STAGE.current,
        MoveToVersionId: toVersionId,
        RemoveFromVersionId: fromVersionId,
      }),
    );
  }

  async removeStage(stage: Stage, fromVersionId: string): Promise<void> {
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: this.secretId,
        VersionStage: stage,
        RemoveFromVersionId: fromVersionId,
      }),
    );
  }

  async tag(key: string, value: string): Promise<void> {
    await this.client.send(
      new TagResourceCommand({ SecretId: this.secretId, Tags: [{ Key: key, Value: value }] }),
    );
  }

  async untag(key: string): Promise<void> {
    await this.client.send(new UntagResourceCommand({ SecretId: this.secretId, TagKeys: [key] }));
  }
}

/** The version holding `stage`, from a description. */
export function versionWithStage(description: SecretDescription, stage: Stage): string | undefined {
  for (const [versionId, stages] of description.stagesByVersion) {
    if (stages.includes(stage)) return versionId;
  }
  return undefined;
}
