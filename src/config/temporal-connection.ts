import { readFileSync } from 'node:fs';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { TemporalConfig } from './config';

/** Connection options shared by the API's client and the worker. */
export function temporalConnectionOptions(config: TemporalConfig): Pick<NativeConnectionOptions, 'address' | 'tls' | 'apiKey'> {
  const tls = config.tls
    ? {
        serverRootCACertificate: config.tls.serverRootCACertPath ? readFileSync(config.tls.serverRootCACertPath) : undefined,
        clientCertPair: { crt: readFileSync(config.tls.clientCertPath), key: readFileSync(config.tls.clientKeyPath) },
      }
    : config.apiKey
      ? true
      : undefined;
  return { address: config.address, tls, apiKey: config.apiKey };
}
