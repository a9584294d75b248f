"""Expected values for dev.olympus.random.Random, computed by jax.random (JAX 0.10, CPU, default threefry2x32 in
partitionable mode, 32-bit types).

Writes tracer/src/test/resources/dev/olympus/random/random.txt, one case per line:
    name <tab> dtype <tab> shape <tab> values
Integers and bools are written as numbers; floats as the unsigned integers of their bits, so the comparison is
bit for bit.

    python3 tracer/src/test/python/make_random_values.py
"""
import os

import jax
import jax.numpy as jnp
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "olympus", "random", "random.txt")

BITS = {np.dtype(np.float32): np.uint32, np.dtype(jnp.bfloat16): np.uint16, np.dtype(np.float16): np.uint16}


def line(name, a):
    a = np.asarray(a)
    dtype = a.dtype
    if dtype in BITS:
        values = a.view(BITS[dtype])
    elif dtype == np.bool_:
        values = a.astype(np.int32)
    else:
        values = a
    return "\t".join([name, jnp.dtype(dtype).name, ",".join(map(str, a.shape)),
                      " ".join(str(int(v)) for v in values.ravel().tolist())])


def main():
    r = jax.random
    k0, k42 = r.PRNGKey(0), r.PRNGKey(42)
    cases = [
        ("key 0", k0), ("key 42", k42), ("key -1", r.PRNGKey(-1)), ("key 2147483647", r.PRNGKey(2**31 - 1)),
        ("split 0", r.split(k0)), ("split 42 5", r.split(k42, 5)),
        ("fold_in 0 7", r.fold_in(k0, 7)), ("fold_in 42 123456", r.fold_in(k42, 123456)),
        ("bits 0 3,4", r.bits(k0, (3, 4))), ("bits 42 7", r.bits(k42, (7,))),
        ("uniform 0 f32 5", r.uniform(k0, (5,))),
        ("uniform 42 f32 2,3 -2 3", r.uniform(k42, (2, 3), jnp.float32, -2.0, 3.0)),
        ("uniform 0 bf16 6", r.uniform(k0, (6,), jnp.bfloat16)),
        ("uniform 0 f16 6", r.uniform(k0, (6,), jnp.float16)),
        ("normal 0 f32 64", r.normal(k0, (64,))),
        ("normal 42 bf16 8", r.normal(k42, (8,), jnp.bfloat16)),
        ("randint 0 10 0 10", r.randint(k0, (10,), 0, 10)),
        ("randint 42 3,4 -5 5", r.randint(k42, (3, 4), -5, 5)),
        ("randint 0 8 0 256 uint8", r.randint(k0, (8,), 0, 256, jnp.uint8)),
        ("randint 42 8 -128 127 int8", r.randint(k42, (8,), -128, 127, jnp.int8)),
        ("randint 0 4 5 5", r.randint(k0, (4,), 5, 5)),
        ("randint 42 6 -2147483648 2147483647", r.randint(k42, (6,), -2**31, 2**31 - 1)),
        ("bernoulli 0 0.3 20", r.bernoulli(k0, 0.3, (20,))),
        ("categorical 0 3,5 -1", r.categorical(k0, jnp.log(jnp.arange(1.0, 16.0).reshape(3, 5)))),
        ("categorical 42 3,5 0", r.categorical(k42, jnp.log(jnp.arange(1.0, 16.0).reshape(3, 5)), axis=0)),
        ("permutation 0 10", r.permutation(k0, 10)),
        ("permutation 42 3000", r.permutation(k42, 3000)),
        ("permutation 0 rows 5,2", r.permutation(k0, jnp.arange(10.0).reshape(5, 2))),
    ]
    with open(OUT, "w") as f:
        f.write("# jax " + jax.__version__ + " jax.random, threefry2x32 partitionable; from make_random_values.py\n")
        for name, a in cases:
            f.write(line(name, a) + "\n")


if __name__ == "__main__":
    main()
