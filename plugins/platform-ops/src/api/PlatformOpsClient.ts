import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { EnvironmentsResponse, PlatformOpsApi } from './PlatformOpsApi';

/**
 * PlatformOpsApi over fetchApi (which adds the user's Backstage token) and discoveryApi
 * (which finds the backend plugin's base URL). Non-2xx answers become ResponseErrors that
 * carry the backend's message, so the UI can show "what was wrong".
 *
 * @public
 */
export class PlatformOpsClient implements PlatformOpsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getEnvironments(): Promise<EnvironmentsResponse> {
    return this.get('/environments');
  }

  getEnvironment(name: string): Promise<PlatformEnvironment> {
    return this.get(`/environments/${encodeURIComponent(name)}`);
  }

  protected async get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET' });
  }

  protected async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('platform-ops');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
