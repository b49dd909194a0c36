"""Reads a Mart topic as another team would in Python: confluent-kafka's Consumer and ProtobufDeserializer
against the schema registry, with message classes compiled by protoc from the published .proto file.

Prints a JSON array of the decoded messages whose key is --key, once --count of them have arrived.
"""
import argparse
import os
import importlib
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf.json_format import MessageToDict
from grpc_tools import protoc


def compile_message_class(proto_file: Path, message: str):
    out = Path(tempfile.mkdtemp(prefix="mart-proto-"))
    code = protoc.main(["protoc", f"-I{proto_file.parent}", f"--python_out={out}", str(proto_file)])
    if code != 0:
        sys.exit(f"protoc failed on {proto_file}")
    sys.path.insert(0, str(out))
    return getattr(importlib.import_module(f"{proto_file.stem}_pb2"), message)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--proto", required=True, type=Path)
    parser.add_argument("--message", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--username", help="SASL/SCRAM-SHA-512 principal (the read-only mart-external); password in KAFKA_PASSWORD")
    args = parser.parse_args()

    message_class = compile_message_class(args.proto, args.message)
    deserializer = ProtobufDeserializer(message_class, {}, SchemaRegistryClient({"url": args.registry}))
    settings = {
        "bootstrap.servers": args.brokers,
        # The read-only principal may only use consumer groups of its own, named "external.*".
        "group.id": f"external.python-subscriber-{uuid.uuid4()}",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    }
    if args.username:
        settings.update({
            "security.protocol": "SASL_PLAINTEXT",
            "sasl.mechanism": "SCRAM-SHA-512",
            "sasl.username": args.username,
            "sasl.password": os.environ["KAFKA_PASSWORD"],
        })
    consumer = Consumer(settings)
    consumer.subscribe([args.topic])
    decoded = []
    deadline = time.monotonic() + args.timeout
    try:
        while len(decoded) < args.count and time.monotonic() < deadline:
            record = consumer.poll(0.5)
            if record is None or record.error() or record.key() != args.key.encode():
                continue
            value = deserializer(record.value(), SerializationContext(args.topic, MessageField.VALUE))
            decoded.append(MessageToDict(value, preserving_proto_field_name=False))
    finally:
        consumer.close()
    if len(decoded) < args.count:
        sys.exit(f"decoded {len(decoded)} of {args.count} messages keyed {args.key} within {args.timeout} s")
    print(json.dumps(decoded))


if __name__ == "__main__":
    main()
