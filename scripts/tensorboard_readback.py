#!/usr/bin/env python3
"""Reads lab's TensorBoard event files back with the tensorboard package and prints every
scalar as `tag step value`, one per line, sorted by tag then step (and a known framing vector).

Environment (outside the repository):
    python3 -m venv /work/venv-tb && /work/venv-tb/bin/pip install tensorboard
Usage:
    /work/venv-tb/bin/python scripts/tensorboard_readback.py runs/tb          # scalars of every event file there
    /work/venv-tb/bin/python scripts/tensorboard_readback.py --vector         # a TFRecord of one scalar event, in hex
"""
import sys

if sys.argv[1:] == ["--vector"]:
    from tensorboard.summary.writer.record_writer import RecordWriter
    from tensorboard.compat.proto import event_pb2, summary_pb2
    import io
    buf = io.BytesIO()
    event = event_pb2.Event(wall_time=1.5, step=3,
                            summary=summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag="loss", simple_value=0.25)]))
    RecordWriter(buf).write(event.SerializeToString())
    print(buf.getvalue().hex())
    sys.exit(0)

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
acc = EventAccumulator(sys.argv[1], size_guidance={"scalars": 0})
acc.Reload()
for tag in sorted(acc.Tags()["scalars"]):
    for e in acc.Scalars(tag):
        print(f"{tag} {e.step} {e.value!r}")
