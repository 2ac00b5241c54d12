#!/usr/bin/env python3
"""A minimal out-of-process adapter in Python (docs/adapter-protocol.md).

It speaks the protocol but declares no capabilities, so every conformance check is SKIP:
it shows the protocol is language-neutral and is the skeleton to start a real adapter from.
Run: raa-bench conformance --impl "python3 examples/python-adapter/adapter.py"
"""
import json
import sys

PROTOCOL = 1
MAX_FRAME_BYTES = 16 * 1024 * 1024


def answer(frame):
    op = frame.get("op")
    if op == "hello":
        if frame.get("protocol") != PROTOCOL:
            raise ValueError(f"harness speaks protocol {frame.get('protocol')}, this adapter {PROTOCOL}")
        return {
            "protocol": PROTOCOL,
            "implementation": {"name": "python-minimal", "version": "0.1.0"},
            "capabilities": {"modules": [], "features": []},
            "maxFrameBytes": MAX_FRAME_BYTES,
        }
    if op == "shutdown":
        return {}
    raise NotImplementedError(f"op {op!r}: this adapter declares no capabilities")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            frame = json.loads(line)
        except json.JSONDecodeError:
            print("python adapter: ignoring a line that is not JSON", file=sys.stderr)
            continue
        try:
            reply = {"id": frame.get("id"), "ok": True, "result": answer(frame)}
        except NotImplementedError as e:
            reply = {"id": frame.get("id"), "ok": False, "error": {"kind": "unsupported", "message": str(e)}}
        except Exception as e:  # the harness reports it as ERROR and goes on
            reply = {"id": frame.get("id"), "ok": False, "error": {"kind": "bad-request", "message": str(e)}}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
        if frame.get("op") == "shutdown":
            break


if __name__ == "__main__":
    main()
