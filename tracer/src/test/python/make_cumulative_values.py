"""Writes the JAX 0.10 values CumulativeTest checks (jnp.cumprod, lax.cumprod/cummax/cummin, reverse, their
grads (products with zeros, tied maxima) and vmaps, lax.associative_scan, jnp.flip) to
runtime/src/test/resources/dev/olympus/cumulative/values.txt, one case per line: name|dtype|shape|values, floats
written with repr (round-trip exact), nan and inf by name, bools as 1 and 0. Prints the jaxprs whose text
CumulativeTest quotes.

Run: python3 tracer/src/test/python/make_cumulative_values.py
"""
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jax_values import Values

VALUES = Values("tracer/src/test/python/make_cumulative_values.py", "cumulative")
emit = VALUES.emit

x = jnp.array([[1.5, -2.0, 0.0, 3.0, 0.5], [2.0, 2.0, -1.0, 2.0, 4.0]], jnp.float32)
emit("cumprod 1", jnp.cumprod(x, axis=1))
emit("cumprod 0", jnp.cumprod(x, axis=0))
emit("cumprod reverse", lax.cumprod(x, axis=1, reverse=True))
emit("cummax", lax.cummax(x, axis=1))
emit("cummin reverse", lax.cummin(x, axis=1, reverse=True))
emit("cummax nan", lax.cummax(jnp.array([1.0, jnp.nan, 3.0], jnp.float32), axis=0))
emit("cumprod int", jnp.cumprod(jnp.array([3, -2, 5, 7]), axis=0))
emit("cummax int", lax.cummax(jnp.array([3, -2, 5, 1]), axis=0))
emit("cumprod bool", jnp.cumprod(jnp.array([True, True, False]), axis=0))
w = jnp.array([1.0, 2.0, 3.0, 4.0, 5.0], jnp.float32)
emit("grad cumprod", jax.grad(lambda x: jnp.sum(jnp.cumprod(x, axis=1) * w))(x))
emit("grad cumprod reverse", jax.grad(lambda x: jnp.sum(lax.cumprod(x, axis=1, reverse=True) * w))(x))
emit("grad cummax", jax.grad(lambda x: jnp.sum(lax.cummax(x, axis=1) * w))(x))
emit("grad cummin", jax.grad(lambda x: jnp.sum(lax.cummin(x, axis=1) * w))(x))
emit("vmap cumprod", jax.vmap(lambda r: jnp.cumprod(r, axis=0), in_axes=1)(x))
emit("vmap grad cummax", jax.vmap(jax.grad(lambda r: jnp.sum(lax.cummax(r, axis=0) * w)))(x))
emit("assoc scan add", lax.associative_scan(jnp.add, jnp.arange(0, 7)))
emit("assoc scan add reverse", lax.associative_scan(jnp.add, jnp.arange(0, 4), reverse=True))
emit("assoc scan sub", lax.associative_scan(jnp.subtract, jnp.arange(0, 6)))
emit("flip 1", jnp.flip(x, axis=1))
emit("flip all", jnp.flip(x))

VALUES.write()
print(jax.make_jaxpr(lambda x: lax.cummax(x, axis=1, reverse=True))(x))
print(jax.make_jaxpr(lambda x: jnp.flip(x, axis=1))(x))
