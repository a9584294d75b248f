#!/usr/bin/env python3
"""Writes the edge-value tables that Olympus's elementwise numerics are tested against.

Every elementwise function of Olympus's Jnp and Lax is run by JAX (0.10.2, CPU, under jax.jit) on the edge
values of each dtype it is given here (NaN, +-inf, +-0, the smallest subnormal, the largest finite value, 1,
-1, 0.1, the integer extremes, ...), all pairs of them for binary functions. The tables go to
tracer/src/test/resources/dev/olympus/edge/<function>.tsv, one row per input:

    function <TAB> operand dtype <TAB> operand 1 [<TAB> operand 2 ...] <TAB> result dtype <TAB> result

A float is written as its exact bit pattern (0x + 8 hex digits for f32, 16 for f64), an integer in decimal,
a bool as true/false, so nothing is lost. A dtype JAX rejects is one row: function, dtype, "error", message.

float32, int32 and bool run with x64 disabled (JAX's default, which Olympus follows for literals and default
dtypes); float64 and int64 run in a second process with jax_enable_x64, the only way JAX computes in them,
and so do the conversions (astype), whose source or target may be 64-bit.

weak_types.tsv records, for each Jnp function and each kind of operand (strong f32/i32/bool arrays and the
weakly typed Python scalars that Olympus's Java literals stand for), the result's dtype and weak type, from
jax.make_jaxpr, with x64 disabled.

Run: python3 tracer/src/test/python/make_edge_values.py   (needs jax 0.10.2 with jaxlib for CPU)
"""
import os
import subprocess
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "olympus", "edge")

F32_VALUES = [
    float("nan"), float("inf"), float("-inf"), 0.0, -0.0,
    float(np.float32(2.0 ** -149)), -float(np.float32(2.0 ** -149)),  # smallest subnormal
    float(np.finfo(np.float32).tiny),  # smallest normal
    float(np.finfo(np.float32).max), -float(np.finfo(np.float32).max),
    1.0, -1.0, 0.1, -0.1, 0.5, -0.5, 1.5, -2.5, 2.0, -2.0, 3.0, -3.0, 7.0, 10.0, 100.0,
    float(np.float32(88.72284)), -104.0,  # exp overflows / underflows past these
    0.49999997, 8388609.0,  # just below one half; an odd integer at 2^23 + 1 (for round)
    1e-7, 0.7, 2.0 ** 31, -(2.0 ** 31), 3e9, 1e10,
]
F64_VALUES = [
    float("nan"), float("inf"), float("-inf"), 0.0, -0.0,
    5e-324, -5e-324,  # smallest subnormal
    float(np.finfo(np.float64).tiny),
    float(np.finfo(np.float64).max), -float(np.finfo(np.float64).max),
    1.0, -1.0, 0.1, -0.1, 0.5, -0.5, 1.5, -2.5, 2.0, -2.0, 3.0, -3.0, 7.0, 10.0, 100.0,
    709.78, -746.0,
    0.49999999999999994, 4503599627370497.0,  # just below one half; an odd integer at 2^52 + 1 (for round)
    1e-7, 0.7, 2.0 ** 31, -(2.0 ** 31), 2.0 ** 63, -(2.0 ** 63), 1e19, 1e300,
]
I32_VALUES = [-2 ** 31, -2 ** 31 + 1, -65536, -100, -7, -3, -2, -1, 0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 100,
              46341, 65536, 2 ** 31 - 2, 2 ** 31 - 1]
I64_VALUES = [-2 ** 63, -2 ** 63 + 1, -2 ** 32, -2 ** 31, -100, -7, -3, -2, -1, 0, 1, 2, 3, 7, 31, 32, 33, 63,
              64, 100, 2 ** 31 - 1, 2 ** 31, 3037000500, 2 ** 63 - 2, 2 ** 63 - 1]
BOOL_VALUES = [False, True]

INTEGER_POWERS = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 7, 8, 31, 32, 33, 63, 64, 65]


def functions():
    """name -> (arity, jax function of arrays). Names are the Java ones: jnp.<Jnp method>, lax.<Lax method>."""
    import jax.numpy as jnp
    from jax import lax

    f = {}
    jnp_unary = {
        "negative": jnp.negative, "exp": jnp.exp, "log": jnp.log, "log2": jnp.log2, "log1p": jnp.log1p,
        "expm1": jnp.expm1, "sqrt": jnp.sqrt, "sin": jnp.sin, "cos": jnp.cos, "tan": jnp.tan, "tanh": jnp.tanh,
        "abs": jnp.abs, "sign": jnp.sign, "floor": jnp.floor, "ceil": jnp.ceil, "square": jnp.square,
        "logistic": lambda x: __import__("jax").nn.sigmoid(x), "logicalNot": jnp.logical_not,
    }
    for k, v in jnp_unary.items():
        f["jnp." + k] = (1, v)
    jnp_binary = {
        "add": jnp.add, "subtract": jnp.subtract, "multiply": jnp.multiply, "divide": jnp.divide,
        "floorDivide": jnp.floor_divide, "remainder": jnp.remainder, "power": jnp.power,
        "maximum": jnp.maximum, "minimum": jnp.minimum, "greater": jnp.greater, "less": jnp.less,
        "greaterEqual": jnp.greater_equal, "lessEqual": jnp.less_equal, "equal": jnp.equal,
        "notEqual": jnp.not_equal, "logicalAnd": jnp.logical_and, "logicalOr": jnp.logical_or,
    }
    for k, v in jnp_binary.items():
        f["jnp." + k] = (2, v)
    f["jnp.where"] = (3, jnp.where)
    for n in INTEGER_POWERS:
        # A Python int exponent: jnp.power traces lax.integer_pow, as Jnp.power(Array, int) does.
        f["jnp.power[%d]" % n] = (1, (lambda n: lambda x: jnp.power(x, n))(n))
    for lo, hi in [(-1.0, 1.0), (0.0, 0.0), (-0.0, 0.5)]:
        f["jnp.clip[%r,%r]" % (lo, hi)] = (1, (lambda lo, hi: lambda x: jnp.clip(x, lo, hi))(lo, hi))
    for target in ["f32", "f64", "i32", "i64", "bool"]:
        f["jnp.astype[%s]" % target] = (1, (lambda t: lambda x: x.astype(DTYPES[t]))(target))

    lax_unary = {
        "neg": lax.neg, "exp": lax.exp, "log": lax.log, "sin": lax.sin, "cos": lax.cos, "tan": lax.tan,
        "tanh": lax.tanh, "sqrt": lax.sqrt, "rsqrt": lax.rsqrt, "log1p": lax.log1p, "expm1": lax.expm1,
        "floor": lax.floor, "ceil": lax.ceil, "round": lax.round, "abs": lax.abs, "sign": lax.sign, "logistic": lax.logistic,
        "not": lax.bitwise_not,
    }
    for k, v in lax_unary.items():
        f["lax." + k] = (1, v)
    lax_binary = {
        "add": lax.add, "sub": lax.sub, "mul": lax.mul, "div": lax.div, "rem": lax.rem, "pow": lax.pow,
        "max": lax.max, "min": lax.min, "atan2": lax.atan2, "gt": lax.gt, "lt": lax.lt, "ge": lax.ge,
        "le": lax.le, "eq": lax.eq, "ne": lax.ne, "and": lax.bitwise_and, "or": lax.bitwise_or,
        "xor": lax.bitwise_xor,
    }
    for k, v in lax_binary.items():
        f["lax." + k] = (2, v)
    for n in INTEGER_POWERS:
        f["lax.integerPow[%d]" % n] = (1, (lambda n: lambda x: lax.integer_pow(x, n))(n))
    f["lax.selectN"] = (3, lax.select_n)
    return f


DTYPES = {}


def encode(dtype_name, v):
    if dtype_name == "f32":
        return "0x%08x" % int(np.asarray(v, np.float32).view(np.uint32))
    if dtype_name == "f64":
        return "0x%016x" % int(np.asarray(v, np.float64).view(np.uint64))
    if dtype_name == "bool":
        return "true" if bool(v) else "false"
    return str(int(v))


def dtype_name(d):
    return {"float32": "f32", "float64": "f64", "int32": "i32", "int64": "i64", "bool": "bool"}[str(d)]


def grid(values, arity):
    """All tuples of the values (the first operand of a select is its bool or int32 predicate, handled apart)."""
    cols = np.meshgrid(*([np.arange(len(values))] * arity), indexing="ij")
    return [c.ravel() for c in cols]


def run_phase(x64):
    import jax
    jax.config.update("jax_enable_x64", x64)
    import jax.numpy as jnp
    DTYPES.update({"f32": jnp.float32, "f64": jnp.float64, "i32": jnp.int32, "i64": jnp.int64,
                   "bool": jnp.bool_})
    dtypes = {"f64": F64_VALUES, "i64": I64_VALUES} if x64 else \
        {"f32": F32_VALUES, "i32": I32_VALUES, "bool": BOOL_VALUES}
    every = {"f32": F32_VALUES, "f64": F64_VALUES, "i32": I32_VALUES, "i64": I64_VALUES, "bool": BOOL_VALUES}
    rows = {}
    for name, (arity, fn) in functions().items():
        out = rows.setdefault(name, [])
        # A conversion to or from a 64-bit dtype needs x64, and the 32-bit ones compute the same under it.
        converts = name.startswith("jnp.astype")
        if converts and not x64:
            continue
        for dname, values in (every if converts else dtypes).items():
            np_dtype = np.dtype(DTYPES[dname])
            vals = np.array(values, dtype=np_dtype)
            if name in ("jnp.where", "lax.selectN"):
                idx = grid(values, 2)
                preds = np.array([False, True])
                p = np.repeat(preds, len(idx[0]))
                args = [jnp.asarray(p)] + [jnp.asarray(np.tile(vals[i], 2)) for i in idx]
                inputs = [[encode("bool", v) for v in p]] + [[encode(dname, v) for v in np.tile(vals[i], 2)]
                                                            for i in idx]
            else:
                idx = grid(values, arity)
                args = [jnp.asarray(vals[i]) for i in idx]
                inputs = [[encode(dname, v) for v in vals[i]] for i in idx]
            try:
                res = jax.jit(fn)(*args)
                res = np.asarray(res)
            except (TypeError, ValueError) as e:
                msg = str(e).split("\n")[0].replace("\t", " ")
                out.append("\t".join([name, dname, "error", type(e).__name__ + ": " + msg]))
                continue
            rname = dtype_name(res.dtype)
            for k in range(len(inputs[0])):
                out.append("\t".join([name, dname] + [col[k] for col in inputs] + [rname, encode(rname, res[k])]))
    return rows


WEAK_KINDS = ["f32", "i32", "bool", "float", "int"]


def weak_phase():
    import jax
    import jax.numpy as jnp
    made = {"f32": lambda: jnp.array([1.5, -1.0], jnp.float32), "i32": lambda: jnp.array([3, -2], jnp.int32),
            "bool": lambda: jnp.array([True, False]), "float": lambda: 2.0, "int": lambda: 2}
    unary = ["negative", "exp", "log", "log2", "log1p", "expm1", "sqrt", "sin", "cos", "tan", "tanh", "abs",
             "sign", "floor", "ceil", "square", "logicalNot"]
    binary = {"add": jnp.add, "subtract": jnp.subtract, "multiply": jnp.multiply, "divide": jnp.divide,
              "floorDivide": jnp.floor_divide, "remainder": jnp.remainder, "power": jnp.power,
              "maximum": jnp.maximum, "minimum": jnp.minimum, "greater": jnp.greater, "less": jnp.less,
              "greaterEqual": jnp.greater_equal, "lessEqual": jnp.less_equal, "equal": jnp.equal,
              "notEqual": jnp.not_equal, "logicalAnd": jnp.logical_and, "logicalOr": jnp.logical_or}
    py = {"logicalNot": "logical_not"}
    rows = []

    def record(name, kinds, fn, args):
        try:
            aval = jax.make_jaxpr(fn)(*args).out_avals[0]
            rows.append("\t".join([name] + kinds + [dtype_name(aval.dtype), str(aval.weak_type).lower()]))
        except TypeError as e:
            rows.append("\t".join([name] + kinds + ["error", "TypeError: " + str(e).split("\n")[0]]))

    for name in unary:
        fn = getattr(jnp, py.get(name, name))
        for a in WEAK_KINDS:
            record("jnp." + name, [a], fn, [made[a]()])
    for name, fn in binary.items():
        for a in WEAK_KINDS:
            for b in WEAK_KINDS:
                # Two Python ints given to jnp.power trace integer_pow only for a concrete exponent; make_jaxpr
                # traces both, like Olympus's Jnp.power(Array, Array).
                record("jnp." + name, [a, b], fn, [made[a](), made[b]()])
    for a in WEAK_KINDS:
        for b in WEAK_KINDS:
            record("jnp.where", ["bool", a, b], jnp.where, [jnp.array([True, False]), made[a](), made[b]()])
    return rows


HEADER = ("# Generated by tracer/src/test/python/make_edge_values.py with JAX {version} on CPU under jax.jit; "
          "do not edit.\n# function\toperand dtype\toperands...\tresult dtype\tresult "
          "(floats as bit patterns)\n")


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ("--phase32", "--phase64"):
        import json
        rows = run_phase(sys.argv[1] == "--phase64")
        json.dump(rows, sys.stdout)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--weak":
        import json
        json.dump(weak_phase(), sys.stdout)
        return
    import json
    import jax
    here = os.path.abspath(__file__)
    tables = {}
    for phase in ("--phase32", "--phase64"):
        done = subprocess.run([sys.executable, here, phase], check=True, capture_output=True, text=True)
        for name, rows in json.loads(done.stdout).items():
            tables.setdefault(name, []).extend(rows)
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".tsv") or old == "functions.txt":
            os.remove(os.path.join(OUT, old))
    header = HEADER.format(version=jax.__version__)
    for name, rows in sorted(tables.items()):
        base = name.split("[")[0]
        with open(os.path.join(OUT, base + ".tsv"), "a") as f:
            if f.tell() == 0:
                f.write(header)
            f.write("\n".join(rows) + "\n")
    with open(os.path.join(OUT, "functions.txt"), "w") as f:
        f.write("# Every function in the tables (file: the name up to '['), generated by make_edge_values.py.\n")
        f.write("\n".join(sorted(tables)) + "\n")
    weak = subprocess.run([sys.executable, here, "--weak"], check=True, capture_output=True, text=True)
    with open(os.path.join(OUT, "weak_types.tsv"), "w") as f:
        f.write("# Generated by tracer/src/test/python/make_edge_values.py with JAX %s (x64 disabled) from "
                "jax.make_jaxpr; do not edit.\n# function\toperand kinds (f32, i32, bool: strong arrays; float, "
                "int: Python scalars, weakly typed)...\tresult dtype\tweak\n" % jax.__version__)
        f.write("\n".join(json.loads(weak.stdout)) + "\n")


if __name__ == "__main__":
    main()
