import protobuf from 'protobufjs/minimal';

// Money is int64 in the contracts; without Long, protobufjs decodes int64 as a JS number (exact below 2^53).
// This must run before the generated code loads: it bakes the int64 defaults (a field left at 0 and so absent
// on the wire) into its prototypes at load time, as Long objects whenever the `long` package can be found.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
