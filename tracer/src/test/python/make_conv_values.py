"""Writes the JAX 0.10 values ConvTest checks (lax.conv, lax.conv_general_dilated in several layouts, paddings,
dilations and groups; their gradients in both operands; vmaps over either operand or both) to
runtime/src/test/resources/dev/olympus/conv/values.txt, one line per case: name|shape|values.

Inputs are multiples of 1/4 in [-2, 2) so products and their sums are exact in float32.

Run: python3 tracer/src/test/python/make_conv_values.py
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
w = grid(4, 3, 3, 2, seed=1)
emit("conv same", lax.conv(x, w, (1, 1), "SAME"))
emit("conv valid stride", lax.conv(x, w, (2, 1), "VALID"))

# NHWC/HWIO, explicit asymmetric padding, input and kernel dilation, strides.
xh = grid(2, 5, 4, 3, seed=2)
wh = grid(3, 2, 3, 4, seed=3)
dn = ("NHWC", "HWIO", "NHWC")
general = dict(window_strides=(2, 1), padding=[(1, 0), (2, 1)], lhs_dilation=(1, 2), rhs_dilation=(2, 1),
               dimension_numbers=dn)
emit("general", lax.conv_general_dilated(xh, wh, **general))

# Depthwise (feature groups) and batch groups.
xg = grid(2, 4, 5, 5, seed=4)
wg = grid(6, 2, 3, 3, seed=5)
emit("feature groups", lax.conv_general_dilated(xg, wg, (1, 1), "SAME", feature_group_count=2))
xb = grid(4, 3, 4, 4, seed=6)
wb = grid(6, 3, 2, 2, seed=7)
emit("batch groups", lax.conv_general_dilated(xb, wb, (1, 1), "VALID", batch_group_count=2))
emit("conv1d", lax.conv(grid(2, 2, 7, seed=8), grid(3, 2, 3, seed=9), (2,), "SAME"))

# Gradients of a weighted sum, in both operands.
def grads(name, f, a, b):
    out = f(a, b)
    cot = grid(*out.shape, seed=11)
    loss = lambda a, b: jnp.sum(f(a, b) * cot)
    ga, gb = jax.grad(loss, argnums=(0, 1))(a, b)
    emit(name + " grad lhs", ga)
    emit(name + " grad rhs", gb)
grads("conv same", lambda a, b: lax.conv(a, b, (1, 1), "SAME"), x, w)
grads("conv valid stride", lambda a, b: lax.conv(a, b, (2, 1), "VALID"), x, w)
grads("general", lambda a, b: lax.conv_general_dilated(a, b, **general), xh, wh)
grads("feature groups", lambda a, b: lax.conv_general_dilated(a, b, (1, 1), "SAME", feature_group_count=2), xg, wg)
grads("batch groups", lambda a, b: lax.conv_general_dilated(a, b, (1, 1), "VALID", batch_group_count=2), xb, wb)

# vmap over the input, the kernel, both; and with groups.
xs = grid(3, 2, 3, 5, 6, seed=12)
ws = grid(3, 4, 3, 3, 2, seed=13)
c = lambda a, b: lax.conv(a, b, (1, 2), "SAME")
emit("vmap lhs", jax.vmap(c, in_axes=(0, None))(xs, w))
emit("vmap rhs", jax.vmap(c, in_axes=(None, 0))(x, ws))
emit("vmap both", jax.vmap(c)(xs, ws))
wgs = grid(3, 6, 2, 3, 3, seed=14)
cg = lambda a, b: lax.conv_general_dilated(a, b, (1, 1), "SAME", feature_group_count=2)
emit("vmap rhs groups", jax.vmap(cg, in_axes=(None, 0))(xg, wgs))
emit("vmap both groups", jax.vmap(cg)(grid(3, 2, 4, 5, 5, seed=15), wgs))
xbs = grid(3, 4, 3, 4, 4, seed=16)
cb = lambda a, b: lax.conv_general_dilated(a, b, (1, 1), "VALID", batch_group_count=2)
emit("vmap lhs batch groups", jax.vmap(cb, in_axes=(0, None))(xbs, wb))

path = os.path.join(os.path.dirname(__file__), "../../../../runtime/src/test/resources/dev/olympus/conv/values.txt")
with open(path, "w") as f:
    f.write("# Written by tracer/src/test/python/make_conv_values.py with JAX " + jax.__version__ + "\n")
    f.write("\n".join(lines) + "\n")
print(jax.make_jaxpr(lambda a, b: lax.conv(a, b, (1, 1), "SAME"))(x, w))
