import { Controller, Get, Route, Tags } from '@tsoa/runtime';
import type { Logger } from '../logging/logger';
import { CachedReadiness, type HealthChecks, type ReadinessReport } from './health-checks';

@Route('health')
@Tags('Health')
export class HealthController extends Controller {
  private readonly readiness: CachedReadiness;

  constructor(checks: HealthChecks, logger: Logger) {
    super();
    this.readiness = new CachedReadiness(checks, (name, error) => logger.warn({ err: error, dependency: name }, 'readiness check failed'));
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
   * Ready only when Postgres, Kafka and the schema registry all answer. One round of checks answers every call
   * within a second of it.
   * @summary Readiness: Postgres, Kafka and the schema registry answer
   */
  @Get('ready')
  public async ready(): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    if (report.status !== 'ready') this.setStatus(503);
    return report;
  }
}
