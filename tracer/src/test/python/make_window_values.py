"""Writes the JAX 0.10 values ReduceWindowTest checks (lax.reduce_window with add/max/min, SAME/VALID and explicit
padding, base and window dilation; gradients through max (ties, overlapping windows) and sum; vmaps) to
runtime/src/test/resources/dev/olympus/windows/values.txt, one line per case: name|shape|values.

Run: python3 tracer/src/test/python/make_window_values.py
"""
import os
import numpy as np
import jax
import jax.numpy as jnp
from jax import lax

def grid(*shape, seed=0):
    n = int(np.prod(shape))
    return jnp.asarray(((np.arange(n) * 7 + seed * 3) % 16 - 8) / 4.0, dtype=jnp.float32).reshape(shape)

lines = []
def emit(name, a):
    a = np.asarray(a)
    lines.append(name + "|" + ",".join(map(str, a.shape)) + "|" + " ".join(repr(float(v)) for v in a.ravel()))

x = grid(2, 3, 5, 6)
ninf, inf = -jnp.inf, jnp.inf
cases = {
    "max valid": lambda x: lax.reduce_window(x, ninf, lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID"),
    "max same overlap": lambda x: lax.reduce_window(x, ninf, lax.max, (1, 1, 3, 3), (1, 1, 1, 2), "SAME"),
    "min valid": lambda x: lax.reduce_window(x, inf, lax.min, (1, 2, 2, 1), (1, 1, 2, 1), "VALID"),
    "sum same": lambda x: lax.reduce_window(x, 0.0, lax.add, (1, 1, 2, 3), (1, 1, 1, 1), "SAME"),
    "sum dilated": lambda x: lax.reduce_window(x, 0.0, lax.add, (1, 1, 2, 2), (1, 1, 1, 2),
                                               [(0, 0), (0, 0), (1, 0), (2, 1)], (1, 1, 2, 1), (1, 1, 1, 2)),
    "max init": lambda x: lax.reduce_window(x, 0.5, lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID"),
    "max base dilated": lambda x: lax.reduce_window(x, ninf, lax.max, (1, 1, 2, 2), (1, 1, 1, 1),
                                                    [(0, 0), (0, 0), (0, 0), (0, 0)], (1, 1, 2, 1), (1, 1, 1, 1)),
}
for name, f in cases.items():
    out = f(x)
    emit(name, out)
    cot = grid(*out.shape, seed=5)
    if name != "max init":
        emit(name + " grad", jax.grad(lambda x: jnp.sum(f(x) * cot))(x))
# Ties: equal values in a window give the gradient to the first.
t = jnp.array([[[[1.0, 1.0, 0.0], [1.0, 0.5, 2.0], [2.0, 2.0, 2.0]]]], jnp.float32)
emit("ties grad", jax.grad(lambda t: jnp.sum(lax.reduce_window(t, ninf, lax.max, (1, 1, 2, 2), (1, 1, 1, 1), "VALID")))(t))
xs = grid(4, 2, 3, 5, 6, seed=2)
emit("vmap max", jax.vmap(cases["max same overlap"])(xs))
emit("vmap grad max", jax.vmap(jax.grad(lambda x: jnp.sum(cases["max valid"](x) ** 2)))(xs))

path = os.path.join(os.path.dirname(__file__), "../../../../runtime/src/test/resources/dev/olympus/windows/values.txt")
with open(path, "w") as f:
    f.write("# Written by tracer/src/test/python/make_window_values.py with JAX " + jax.__version__ + "\n")
    f.write("\n".join(lines) + "\n")
