import {
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  SetEndpointAttributesCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import type { PushPlatform } from '../domain/device';
import type { PushEndpoints } from '../use-cases/ports';

/**
 * SNS platform endpoints on the stage's platform applications (`apns` → the APNs application, `fcm` → the
 * FCM one). Creating an endpoint for a known token returns the existing one; it is (re-)enabled, since a token
 * the app registers again is live even if the platform had reported it invalid before.
 */
export function snsPushEndpoints(
  client: SNSClient,
  applications: Record<PushPlatform, string>,
): PushEndpoints {
  return {
    async createEndpoint(platform, token) {
      const { EndpointArn } = await client.send(
        new CreatePlatformEndpointCommand({ PlatformApplicationArn: applications[platform], Token: token }),
      );
      if (!EndpointArn) throw new Error('CreatePlatformEndpoint answered without an EndpointArn');
      await client.send(
        new SetEndpointAttributesCommand({ EndpointArn, Attributes: { Enabled: 'true', Token: token } }),
      );
      return EndpointArn;
    },

    async deleteEndpoint(endpointArn) {
      await client.send(new DeleteEndpointCommand({ EndpointArn: endpointArn }));
    },
  };
}
