import { encodeMessageIndexes, frame, unframe, WireFormatError } from '../wire-format';

describe('Confluent protobuf wire format', () => {
  it('writes magic byte 0, the schema id big-endian, a single 0 for the first message type, then the payload', () => {
    const framed = frame(258, [0], Buffer.from([0x0a, 0x01, 0x41]));
    expect([...framed]).toEqual([0, 0, 0, 1, 2, 0, 0x0a, 0x01, 0x41]);
  });

  it('writes other message indexes as a zigzag varint count followed by zigzag varint indexes', () => {
    expect([...encodeMessageIndexes([1])]).toEqual([2, 2]);
    expect([...encodeMessageIndexes([0, 2])]).toEqual([4, 0, 4]);
    expect([...encodeMessageIndexes([70])]).toEqual([2, 0x8c, 0x01]);
  });

  it('reads back what it writes', () => {
    for (const indexes of [[0], [1], [3, 1], [70, 0, 5]]) {
      const payload = Buffer.from('payload');
      const read = unframe(frame(123456, indexes, payload));
      expect(read).toEqual({ schemaId: 123456, messageIndexes: indexes, payload });
    }
  });

  it('rejects values that are not framed', () => {
    expect(() => unframe(Buffer.from('{"json":true}'))).toThrow(WireFormatError);
    expect(() => unframe(Buffer.from([0, 0, 0]))).toThrow(/too short/);
    expect(() => unframe(Buffer.from([0, 0, 0, 0, 1, 0x80]))).toThrow(/truncated/);
  });
});
