import { existsSync } from 'node:fs';
import path from 'node:path';

const KAFKA_STATE = path.resolve(__dirname, '..', '.cache', 'infra', 'kafka');

/** The credential files scripts/infra.sh wrote, when the environment names none (`infra.sh env` exports both). */
export function useLocalKafkaCredentials(): void {
  for (const [variable, file] of [
    ['KAFKA_CREDENTIALS_FILE', 'credentials.json'],
    ['KAFKA_OPERATOR_CREDENTIALS_FILE', 'operator.json'],
  ] as const) {
    const local = path.join(KAFKA_STATE, file);
    if (!process.env[variable] && existsSync(local)) process.env[variable] = local;
  }
}

