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
