"""Expected values for Olympus' narrow dtypes (bf16, f16, i8, i16, u8, u16, u32), computed by JAX (CPU).

Writes tracer/src/test/resources/dev/olympus/dtypes/promotion.txt, JAX's type promotion with jax_enable_x64 (so
int64 and float64 are themselves, as in Olympus), one pair per line:
    a <tab> b <tab> result        (a weak Python int is 'int', a weak float 'float'; a weak result ends in '~')
and values.txt, one case per line:
    name <tab> dtype <tab> values
with floats of 16 and 32 bits written as the unsigned integers of their bits, so checks are bit for bit.

    python3 tracer/src/test/python/make_dtype_values.py
"""
import os

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

HERE = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "olympus", "dtypes")
STRONG = ["bool", "uint8", "uint16", "uint32", "int8", "int16", "int32", "int64", "bfloat16", "float16", "float32",
          "float64"]
BITS = {np.dtype(np.float32): np.uint32, np.dtype(jnp.bfloat16): np.uint16, np.dtype(np.float16): np.uint16}


def operand(name):
    return {"int": 1, "float": 1.0}.get(name) if name in ("int", "float") else jnp.zeros((), name)


def promotion():
    lines = []
    for a in STRONG + ["int", "float"]:
        for b in STRONG + ["int", "float"]:
            dtype, weak = jax.dtypes.result_type(operand(a), operand(b), return_weak_type_flag=True)
            lines.append(f"{a}\t{b}\t{jnp.dtype(dtype).name}{'~' if weak else ''}")
    with open(os.path.join(HERE, "promotion.txt"), "w") as f:
        f.write("# jax " + jax.__version__ + " jax.dtypes.result_type with jax_enable_x64; make_dtype_values.py\n")
        f.write("\n".join(lines) + "\n")


def line(name, a):
    a = np.asarray(a)
    v = a.view(BITS[a.dtype]) if a.dtype in BITS else a.astype(np.int64)
    return f"{name}\t{jnp.dtype(a.dtype).name}\t" + " ".join(str(int(x)) for x in v.ravel().tolist())


def values():
    # Float32 inputs that exercise rounding: ties to even in bf16 (1 + 2^-8, 1 + 3 * 2^-8), f16 subnormals and the
    # smallest one's half, overflow to inf, NaN, -0.
    f = np.array([1.0, 1 + 2**-8, 1 + 3 * 2**-8, 1.00390625 + 2**-20, -2.5, 3.14159265, 65504.0, 65520.0, 70000.0,
                  2**-24, 2**-25, 3 * 2**-26, 1e-8, -0.0, np.inf, np.nan, 3.0e38, 1.0e-40], np.float32)
    ints = np.array([0, 1, -1, 127, 128, -129, 255, 256, 40000, -70000, 2**31 - 1, -2**31], np.int32)
    floats = np.array([0.0, 2.7, -2.7, 127.5, 128.0, -129.0, 255.9, 256.0, 40000.0, -1e10, 1e10, np.nan], np.float32)
    cases = [("f32 to bfloat16", jnp.asarray(f).astype(jnp.bfloat16)), ("f32 to float16", jnp.asarray(f).astype(jnp.float16))]
    for d in ["int8", "uint8", "int16", "uint16", "uint32"]:
        cases.append((f"i32 to {d}", jnp.asarray(ints).astype(d)))
        cases.append((f"f32 to {d}", jnp.asarray(floats).astype(d)))
    u = jnp.array([0, 1, 2**31, 2**32 - 1, 3000000000], jnp.uint32)
    cases.append(("u32 to f32", u.astype(jnp.float32)))
    cases.append(("u32 to i32", u.astype(jnp.int32)))
    b = jnp.array([1.5, -2.25, 3.0, 0.1, 100.0, -7.0], jnp.bfloat16)
    c = jnp.array([0.3, 4.0, -1.5, 0.7, 3.0, 2.0], jnp.bfloat16)
    h = jnp.array([1.5, -2.25, 3.0, 0.1, 100.0, -7.0], jnp.float16)
    cases += [("bf16 add", b + c), ("bf16 mul", b * c), ("bf16 div", b / c), ("bf16 exp", jnp.exp(b)),
              ("bf16 tanh", jnp.tanh(b)), ("f16 mul", h * h), ("f16 sqrt", jnp.sqrt(jnp.abs(h))),
              ("bf16 sum", jnp.sum(b)), ("bf16 mean", jnp.mean(b)), ("bf16 var", jnp.var(b)),
              ("f16 mean", jnp.mean(h)), ("bf16 max", jnp.max(b)), ("bf16 lt", b < c)]
    i8 = jnp.array([100, -100, 127, -128, 5, -7], jnp.int8)
    j8 = jnp.array([100, 50, 1, -1, -3, 2], jnp.int8)
    u8 = jnp.array([200, 10, 255, 0, 7, 128], jnp.uint8)
    v8 = jnp.array([100, 20, 1, 1, 0, 3], jnp.uint8)
    u32 = jnp.array([4000000000, 5, 2**31, 7, 123456789, 1], jnp.uint32)
    w32 = jnp.array([3000000000, 9, 2, 0, 987654321, 4294967295], jnp.uint32)
    i16 = jnp.array([30000, -30000, 200, -2, 1, 0], jnp.int16)
    s8 = jnp.array([1, 7, 8, 9, 0, 3], jnp.int8)
    cases += [("i8 add", i8 + j8), ("i8 mul", i8 * j8), ("i8 div", lax.div(i8, j8)), ("i8 rem", lax.rem(i8, j8)),
              ("i8 neg", -i8), ("u8 sub", u8 - v8), ("u8 div", lax.div(u8, v8)), ("u8 lt", u8 < v8),
              ("u32 add", u32 + w32), ("u32 mul", u32 * w32), ("u32 div", lax.div(u32, w32)),
              ("u32 gt", u32 > w32), ("u32 max", jnp.maximum(u32, w32)), ("i16 mul", i16 * i16),
              ("u8 sum", jnp.sum(u8, dtype=jnp.uint8)), ("i8 shift_left", lax.shift_left(i8, s8)),
              ("i8 shift_right_logical", lax.shift_right_logical(i8, s8)),
              ("i8 shift_right_arithmetic", lax.shift_right_arithmetic(i8, s8)),
              ("u8 shift_right_arithmetic", lax.shift_right_arithmetic(u8, s8.astype(jnp.uint8))),
              ("u32 shift_right_logical", lax.shift_right_logical(u32, jnp.array([0, 1, 31, 32, 33, 4], jnp.uint32))),
              ("u32 shift_left", lax.shift_left(u32, jnp.array([0, 1, 31, 32, 33, 4], jnp.uint32))),
              ("i8 plus u8", i8 + u8), ("bf16 plus f16", b + h), ("u8 plus weak", u8 + 100),
              ("u8 right_shift", jnp.right_shift(u8, s8.astype(jnp.uint8))),
              ("i8 right_shift", jnp.right_shift(i8, s8)), ("u8 left_shift", jnp.left_shift(u8, s8.astype(jnp.uint8))),
              ("u32 bitwise_and", u32 & w32), ("u32 bitwise_xor", u32 ^ w32), ("i8 invert", ~i8),
              ("bf16 bits", lax.bitcast_convert_type(b, jnp.uint16)),
              ("u32 bits to f32", lax.bitcast_convert_type(u32, jnp.float32))]
    with open(os.path.join(HERE, "values.txt"), "w") as f:
        f.write("# jax " + jax.__version__ + " on CPU; make_dtype_values.py\n")
        for name, a in cases:
            f.write(line(name, a) + "\n")


if __name__ == "__main__":
    promotion()
    values()
