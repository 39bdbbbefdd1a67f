#!/usr/bin/env python3
"""Writes the tiny numpy fixtures under Tests/LabDataTests/Fixtures (run once with numpy installed):
tiny.npz with members a (int32 [4, 3] token ids), b (int64 [4] labels 0/1),
c (float32 [2, 3]), d (uint8 [2]); and fortran.npy (float64 [2, 3], Fortran order, big-endian)."""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "LabDataTests", "Fixtures")
a = np.array([[0, 0, 5], [0, 3, 9], [1, 2, 4], [7, 7, 7]], dtype=np.int32)
b = np.array([1, 0, 1, 1], dtype=np.int64)
c = np.array([[0.5, -1.25, 3.0], [2.0, 0.0, 1e-3]], dtype=np.float32)
d = np.array([0, 1], dtype=np.uint8)
np.savez(os.path.join(OUT, "tiny.npz"), a=a, b=b, c=c, d=d)
np.save(os.path.join(OUT, "fortran.npy"), np.asfortranarray(np.arange(6, dtype=">f8").reshape(2, 3)))

# Hostile inputs (issue 17), each a typed error or a reported drop rather than a crash or made-up classes:
# nan_labels.npz (labels all NaN), empty_labels.npz (labels of shape (4, 0)), deep_labels.npz
# (labels (4, 2, 2)), nan_ids.npz (token ids NaN, inf and 1e30), zero_width.npy (shape (10, 0)).
x = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]], dtype=np.float32)
np.savez(os.path.join(OUT, "nan_labels.npz"), x=x, y=np.full(4, np.nan, dtype=np.float32))
np.savez(os.path.join(OUT, "empty_labels.npz"), x=x, y=np.zeros((4, 0), dtype=np.float32))
np.savez(os.path.join(OUT, "deep_labels.npz"), x=x, y=np.zeros((4, 2, 2), dtype=np.float32))
ids = np.array([[1, 2, np.nan], [4, np.inf, 6], [1e30, 8, 9], [1, 1, 1]], dtype=np.float32)
np.savez(os.path.join(OUT, "nan_ids.npz"), x=ids, y=np.array([0, 1, 0, 1], dtype=np.int64))
np.save(os.path.join(OUT, "zero_width.npy"), np.zeros((10, 0), dtype=np.float32))
