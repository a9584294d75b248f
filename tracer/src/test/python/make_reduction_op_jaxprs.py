#!/usr/bin/env python3
"""Records how JAX 0.10.2 prints the jaxprs of the ops issue 13 asks for (argmax, argmin, cumsum, cumprod,
cummax, cummin, sort, argsort, top_k, var, std, erf, erf_inv, lgamma, digamma, gelu, einsum), so that the
Olympus primitives can take the same names and params. One file, jaxprs.txt: a header line "## <op>" then
the printed jaxpr of that op on a small f32 operand (x64 disabled, JAX's default), written to
runtime/src/test/resources/dev/olympus/reduction_ops/jaxprs.txt. JaxprNamesTest (runtime/src/test/java/dev/
olympus/numpy) builds each function with the Olympus API and checks that its IR prints the same primitive names
and params, each deliberate difference named there.

Run: python3 tracer/src/test/python/make_reduction_op_jaxprs.py   (needs jax 0.10.2 with jaxlib for CPU)
"""
import os

import jax
import jax.numpy as jnp

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "runtime", "src", "test",
                   "resources", "dev", "olympus", "reduction_ops", "jaxprs.txt")

x = jnp.arange(12.0, dtype=jnp.float32).reshape(3, 4)
v = jnp.arange(4.0, dtype=jnp.float32)
OPS = {
    "argmax axis=1": (lambda a: jnp.argmax(a, axis=1), (x,)),
    "argmin axis=0": (lambda a: jnp.argmin(a, axis=0), (x,)),
    "cumsum axis=1": (lambda a: jnp.cumsum(a, axis=1), (x,)),
    "cumprod axis=0": (lambda a: jnp.cumprod(a, axis=0), (x,)),
    "cummax axis=1": (lambda a: jax.lax.cummax(a, axis=1), (x,)),
    "cummin axis=1": (lambda a: jax.lax.cummin(a, axis=1), (x,)),
    "sort axis=1": (lambda a: jnp.sort(a, axis=1), (x,)),
    "argsort axis=1": (lambda a: jnp.argsort(a, axis=1), (x,)),
    "top_k k=2": (lambda a: jax.lax.top_k(a, 2), (x,)),
    "var axis=1": (lambda a: jnp.var(a, axis=1), (x,)),
    "std axis=(0,1) ddof=1": (lambda a: jnp.std(a, axis=(0, 1), ddof=1), (x,)),
    "erf": (jax.lax.erf, (x,)),
    "erf_inv": (jax.lax.erf_inv, (x,)),
    "lgamma": (jax.lax.lgamma, (x,)),
    "digamma": (jax.lax.digamma, (x,)),
    "gelu approximate=True": (lambda a: jax.nn.gelu(a, approximate=True), (x,)),
    "gelu approximate=False": (lambda a: jax.nn.gelu(a, approximate=False), (x,)),
    "einsum ij,j->i": (lambda a, b: jnp.einsum("ij,j->i", a, b), (x, v)),
    "einsum ij->ji": (lambda a: jnp.einsum("ij->ji", a), (x,)),
    "einsum ii->": (lambda a: jnp.einsum("ii->", a), (x[:, :3],)),
}

with open(OUT, "w") as out:
    for name, (fn, args) in OPS.items():
        out.write(f"## {name}\n{jax.make_jaxpr(fn)(*args)}\n\n")
