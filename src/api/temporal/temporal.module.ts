import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CycleChangeFeed } from '../../db/cycle-changes';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../config/config';
import { CommandSealCodec } from '../../config/command-codec';
import { temporalConnectionOptions } from '../../config/temporal-connection';
import { temporalClientInterceptors } from '../observability/tracing';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const APP_CONFIG = Symbol('APP_CONFIG');

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** A thin provider for the Temporal client, closed with the application, and the feed of cycle changes. */
@Global()
@Module({})
export class TemporalModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TemporalModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: TEMPORAL_CLIENT,
          useFactory: async () => {
            const connection = await Connection.connect(temporalConnectionOptions(config.temporal));
            return new Client({
              connection,
              namespace: config.temporal.namespace,
              dataConverter: { payloadCodecs: [new CommandSealCodec(config.commandSigning)] },
              // With tracing on, each start and update carries the request's span to the workflow in its headers.
              interceptors: temporalClientInterceptors(),
            });
          },
        },
        TemporalConnectionCloser,
        // One LISTEN connection per API process, for requests that wait for a cycle to change (its start, its readers).
        { provide: CycleChangeFeed, useFactory: () => new CycleChangeFeed(config.databaseUrl) },
      ],
      exports: [TEMPORAL_CLIENT, APP_CONFIG, CycleChangeFeed],
    };
  }
}
