import { Controller, Get, Route, Tags } from '@tsoa/runtime';
import type { Logger } from '../logging/logger';
import { runChecks, type HealthChecks, type ReadinessReport } from './health-checks';

@Route('health')
@Tags('Health')
export class HealthController extends Controller {
  constructor(
    private readonly checks: HealthChecks,
    private readonly logger: Logger,
  ) {
    super();
  }

  /**
   * The process is up and serving HTTP.
   * @summary Liveness
   */
  @Get('live')
  public live(): { status: 'live' } {
    return { status: 'live' };
  }

  /**
   * Ready only when Postgres, Kafka and the schema registry all answer.
   * @summary Readiness: Postgres, Kafka and the schema registry answer
   */
  @Get('ready')
  public async ready(): Promise<ReadinessReport> {
    const report = await runChecks(this.checks, (name, error) => this.logger.warn({ err: error, dependency: name }, 'readiness check failed'));
    if (report.status !== 'ready') this.setStatus(503);
    return report;
  }
}
