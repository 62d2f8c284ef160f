import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { observeEndpointDisabled } from './delivery.metrics.js';
import { DeliveryEndpoints, type EndpointForDelivery } from './delivery-endpoints.js';
import { EndpointDisabledNotice } from './endpoint-disabled-notice.js';

/**
 * What an attempt's outcome does to its endpoint: a success ends a failing run, a failure starts one,
 * and an endpoint that is gone (410) or has failed for too long is disabled, its owners told.
 */
@Injectable()
export class EndpointHealth {
  private readonly logger = new Logger(EndpointHealth.name);

  constructor(
    private readonly endpoints: DeliveryEndpoints,
    private readonly disabledNotice: EndpointDisabledNotice,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async succeeded(endpoint: EndpointForDelivery): Promise<void> {
    // Most deliveries go to healthy endpoints: only one that was failing needs a write.
    if (endpoint.failingSince) await this.endpoints.recordSuccess(endpoint.orgId, endpoint.id);
  }

  async gone(endpoint: EndpointForDelivery): Promise<void> {
    await this.disable(endpoint, 'gone', null);
  }

  /** An endpoint failing without a single success for too long is disabled; its messages are kept. */
  async failed(endpoint: EndpointForDelivery): Promise<void> {
    const now = this.clock.now();
    // Like a success, only the first failure of a run changes the endpoint; a failing time that would
    // disable it is read again first, as a success elsewhere may have cleared it since.
    const loaded = endpoint.failingSince;
    const failingSince =
      loaded && now.getTime() - loaded.getTime() < this.config.webhooks.disableAfterMs
        ? loaded
        : (await this.endpoints.recordFailure(endpoint.orgId, endpoint.id, now)).failingSince;
    if (now.getTime() - failingSince.getTime() >= this.config.webhooks.disableAfterMs) {
      await this.disable(endpoint, 'failing', failingSince);
      this.logger.warn({
        message: 'webhook endpoint disabled after failing continuously',
        endpointId: endpoint.id,
        failingSince,
      });
    }
  }

  /** Only the call that actually disabled the endpoint tells its owners and subscribers. */
  private async disable(endpoint: EndpointForDelivery, reason: 'gone' | 'failing', failingSince: Date | null) {
    if (!(await this.endpoints.disable(endpoint.orgId, endpoint.id, reason))) return;
    observeEndpointDisabled(reason);
    await this.disabledNotice.send(endpoint, reason, failingSince);
  }
}
