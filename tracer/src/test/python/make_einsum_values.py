"""Expected values for Jnp.einsum, computed by jnp.einsum (JAX 0.10.2, CPU, default 32-bit types).

Writes runtime/src/test/resources/dev/olympus/einsum/values.txt, which EinsumJaxValuesTest reads, one case per
line:
    name|shape|values
where shape is comma-separated (empty for a scalar) and values are space-separated in row-major order, floats
written with repr (they round-trip exactly to float32). The lines are:
    operand <id>|...                          an input: float32 standard normals from np.random.default_rng(7)
    einsum <subscripts> <id> <id> ...|...     jnp.einsum(subscripts, *operands)

The subscripts are the ones EinsumTest uses (matrix and batched products, implicit output, ellipses, transposes,
sums, diagonals and traces, outer products, a three-operand chain) and those models use: attention scores
'bhqd,bhkd->bhqk' and their weighting 'bhqk,bhkd->bhqd', a 64-long and a 96-long contraction. The operands are
not exact in float32 products, so JAX's and Olympus's sums differ by their rounding: the test bounds that.

Run: python3 tracer/src/test/python/make_einsum_values.py
"""
import jax
import jax.numpy as jnp
import numpy as np

from jax_values import Values

VALUES = Values("tracer/src/test/python/make_einsum_values.py", "einsum", "runtime/src/test/resources", dtypes=False)
emit = VALUES.emit


def main():
    rng = np.random.default_rng(7)
    shapes = {
        "m": (3, 4), "n": (4, 5), "l": (5, 4), "a": (2, 3, 4), "b": (2, 4, 5), "v": (4,), "w": (3,),
        "s": (3, 3), "t": (2, 2, 3),
        "q": (2, 2, 3, 4), "k": (2, 2, 5, 4), "p": (2, 2, 3, 5), "kv": (2, 2, 5, 4),
        "wide": (4, 64), "tall": (64, 3), "qd": (1, 3, 4, 96), "kd": (1, 3, 6, 96),
    }
    ops = {}
    for name, shape in shapes.items():
        ops[name] = rng.standard_normal(shape).astype(np.float32)
        emit("operand " + name, ops[name])
    cases = [
        ("ij,jk->ik", "m n"), ("ij,jk", "m n"), ("bij,bjk->bik", "a b"), ("...ij,...jk->...ik", "a b"),
        ("ij->ji", "m"), ("ij->", "m"), ("ij,j->i", "m v"), ("bij,bkj->bki", "a a"), ("i,j->ij", "v w"),
        ("ij,jk,kl->il", "m n l"), ("ii", "s"), ("ii->", "s"), ("ii->i", "s"), ("iij->ij", "t"), ("iij->j", "t"),
        ("ii,i->i", "s w"), ("ij,ij->i", "m m"), ("ij,ij->", "m m"), ("bhqd,bhkd->bhqk", "q k"),
        ("bhqk,bhkd->bhqd", "p kv"), ("ij,jk->ik", "wide tall"), ("bhqd,bhkd->bhqk", "qd kd"),
    ]
    for subscripts, names in cases:
        operands = [jnp.asarray(ops[n]) for n in names.split()]
        emit(f"einsum {subscripts} {names}", jnp.einsum(subscripts, *operands))

    VALUES.write()


if __name__ == "__main__":
    main()
