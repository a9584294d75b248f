"""The data-file format the make_*_values.py scripts share, and JaxValues.java reads: a header line naming the
JAX version and the script, then one case per line, name|dtype|shape|values, floats written with repr (round-trip
exact; nan, inf and -inf by name), bools as 1 and 0.
"""
import os

import jax
import numpy as np


def fmt(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    return repr(v)  # ints; floats round-trip exact, and nan, inf, -inf by name


class Values:
    """The cases of one data file, written to runtime/src/test/resources/dev/olympus/<topic>/values.txt."""

    def __init__(self, script, topic, resources="runtime/src/test/resources"):
        self.script = script
        self.out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../..", resources,
                                "dev/olympus", topic, "values.txt")
        self.lines = []

    def emit(self, name, a):
        a = np.asarray(a)
        self.lines.append("|".join([name, str(a.dtype), ",".join(map(str, a.shape)),
                                    " ".join(map(fmt, a.ravel().tolist()))]))

    def write(self):
        os.makedirs(os.path.dirname(self.out), exist_ok=True)
        with open(self.out, "w") as f:
            f.write(f"# jax {jax.__version__}; made by {self.script}\n")
            f.write("\n".join(self.lines) + "\n")
