"""Prints the JAX 0.10 values CumulativeTest checks (jnp.cumprod, lax.cumprod/cummax/cummin, reverse, their
grads (products with zeros, tied maxima) and vmaps, lax.associative_scan, jnp.flip, jaxprs).

Run: python3 tracer/src/test/python/make_cumulative_values.py
"""
import jax
import jax.numpy as jnp
from jax import lax

x = jnp.array([[1.5, -2.0, 0.0, 3.0, 0.5], [2.0, 2.0, -1.0, 2.0, 4.0]], jnp.float32)
def show(name, a):
    print(name, [float(t) for t in jnp.ravel(a)])
show("cumprod 1", jnp.cumprod(x, axis=1))
show("cumprod 0", jnp.cumprod(x, axis=0))
show("cumprod reverse", lax.cumprod(x, axis=1, reverse=True))
show("cummax", lax.cummax(x, axis=1))
show("cummin reverse", lax.cummin(x, axis=1, reverse=True))
show("cummax nan", lax.cummax(jnp.array([1.0, jnp.nan, 3.0], jnp.float32), axis=0))
print("cumprod int", jnp.cumprod(jnp.array([3, -2, 5, 7]), axis=0).tolist())
print("cummax int", lax.cummax(jnp.array([3, -2, 5, 1]), axis=0).tolist())
print("cumprod bool", jnp.cumprod(jnp.array([True, True, False]), axis=0).tolist())
w = jnp.array([1.0, 2.0, 3.0, 4.0, 5.0], jnp.float32)
show("grad cumprod", jax.grad(lambda x: jnp.sum(jnp.cumprod(x, axis=1) * w))(x))
show("grad cumprod reverse", jax.grad(lambda x: jnp.sum(lax.cumprod(x, axis=1, reverse=True) * w))(x))
show("grad cummax", jax.grad(lambda x: jnp.sum(lax.cummax(x, axis=1) * w))(x))
show("grad cummin", jax.grad(lambda x: jnp.sum(lax.cummin(x, axis=1) * w))(x))
show("vmap cumprod", jax.vmap(lambda r: jnp.cumprod(r, axis=0), in_axes=1)(x))
show("vmap grad cummax", jax.vmap(jax.grad(lambda r: jnp.sum(lax.cummax(r, axis=0) * w)))(x))
print("assoc scan add", lax.associative_scan(jnp.add, jnp.arange(0, 7)).tolist())
print("assoc scan add reverse", lax.associative_scan(jnp.add, jnp.arange(0, 4), reverse=True).tolist())
print("assoc scan sub", lax.associative_scan(jnp.subtract, jnp.arange(0, 6)).tolist())
show("flip 1", jnp.flip(x, axis=1))
show("flip all", jnp.flip(x))
print(jax.make_jaxpr(lambda x: lax.cummax(x, axis=1, reverse=True))(x))
print(jax.make_jaxpr(lambda x: jnp.flip(x, axis=1))(x))
