/**
 * The Confluent Schema Registry wire format for protobuf values:
 *   byte 0      magic byte 0
 *   bytes 1-4   schema id, big-endian
 *   then        message indexes: zigzag varint count followed by zigzag varint indexes,
 *               except that [0] (the file's first message) is written as a single 0 byte
 *   then        the protobuf-encoded message
 */
export const MAGIC_BYTE = 0;

export interface FramedMessage {
  schemaId: number;
  messageIndexes: number[];
  payload: Buffer;
}

export class WireFormatError extends Error {}

export function frame(schemaId: number, messageIndexes: readonly number[], payload: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, encodeMessageIndexes(messageIndexes), payload]);
}

export function unframe(value: Buffer): FramedMessage {
  if (value.length < 6) throw new WireFormatError(`message of ${value.length} bytes is too short to be framed`);
  if (value.readUInt8(0) !== MAGIC_BYTE) throw new WireFormatError(`unknown magic byte ${value.readUInt8(0)}`);
  const schemaId = value.readUInt32BE(1);
  const { indexes, next } = decodeMessageIndexes(value, 5);
  return { schemaId, messageIndexes: indexes, payload: value.subarray(next) };
}

export function encodeMessageIndexes(indexes: readonly number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) return Buffer.from([0]);
  const bytes: number[] = [];
  writeZigZagVarint(bytes, indexes.length);
  for (const index of indexes) writeZigZagVarint(bytes, index);
  return Buffer.from(bytes);
}

export function decodeMessageIndexes(buffer: Buffer, offset: number): { indexes: number[]; next: number } {
  let position = offset;
  const read = (): number => {
    const { value, next } = readZigZagVarint(buffer, position);
    position = next;
    return value;
  };
  const count = read();
  if (count === 0) return { indexes: [0], next: position };
  if (count < 0 || count > 100) throw new WireFormatError(`implausible message index count ${count}`);
  const indexes: number[] = [];
  for (let i = 0; i < count; i += 1) indexes.push(read());
  return { indexes, next: position };
}

function writeZigZagVarint(out: number[], value: number): void {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  while (zigzag >= 0x80) {
    out.push((zigzag & 0x7f) | 0x80);
    zigzag = Math.floor(zigzag / 128);
  }
  out.push(zigzag);
}

function readZigZagVarint(buffer: Buffer, offset: number): { value: number; next: number } {
  let result = 0;
  let multiplier = 1;
  let position = offset;
  for (;;) {
    if (position >= buffer.length) throw new WireFormatError('truncated varint in message indexes');
    const byte = buffer[position];
    position += 1;
    result += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) break;
    multiplier *= 128;
    if (multiplier > 2 ** 35) throw new WireFormatError('varint too long in message indexes');
  }
  const value = result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  return { value, next: position };
}
