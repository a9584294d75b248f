"""The data-file format the make_*_values.py scripts share, and JaxValues.java reads: a header line naming the
JAX version and the script, then one case per line, name|dtype|shape|values (or name|shape|values for files of
float32 and int32 cases only), floats written with repr (round-trip exact; nan, -nan (sign bit set), inf and -inf
by name), bools as 1 and 0.
"""
import os

import jax
import numpy as np


def fmt(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float) and v != v:
        return "-nan" if np.signbit(v) else "nan"
    return repr(v)  # ints; floats round-trip exact, and inf, -inf by name


class Values:
    """The cases of one data file, written to runtime/src/test/resources/dev/olympus/<topic>/values.txt."""

    def __init__(self, script, topic, resources="runtime/src/test/resources", dtypes=True):
        self.script = script
        self.dtypes = dtypes
        self.out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../..", resources,
                                "dev/olympus", topic, "values.txt")
        self.lines = []

    def emit(self, name, a):
        a = np.asarray(a)
        fields = [name] + ([str(a.dtype)] if self.dtypes else [])
        self.lines.append("|".join(fields + [",".join(map(str, a.shape)), " ".join(map(fmt, a.ravel().tolist()))]))

    def write(self):
        os.makedirs(os.path.dirname(self.out), exist_ok=True)
        with open(self.out, "w") as f:
            f.write(f"# jax {jax.__version__}; made by {self.script}\n")
            f.write("\n".join(self.lines) + "\n")
