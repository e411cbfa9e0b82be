import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Public } from '../common/actor';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

@ApiTags('health')
@Controller({ path: 'health', version: '1' })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'PostgreSQL and Temporal answer' })
  async health(): Promise<{ status: 'ok'; postgres: 'ok'; temporal: 'ok' }> {
    await this.dataSource.query('SELECT 1');
    await this.client.workflowService.getSystemInfo({});
    return { status: 'ok', postgres: 'ok', temporal: 'ok' };
  }
}
