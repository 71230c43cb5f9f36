import { once } from 'node:events';

/** Writes to stdout, waiting when the pipe is full so large outputs stream with bounded memory. */
export async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Writes a value as one JSON document followed by a newline. */
export async function writeJson(value: unknown): Promise<void> {
  await write(JSON.stringify(value, null, 2) + '\n');
}
