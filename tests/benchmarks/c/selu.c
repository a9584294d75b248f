/*
 * The C reference for SeluBenchmark: float32 selu over N = 1,000,000 elements, the practical limit a Java
 * kernel is compared with (issue 3: jit(selu) within 2x of this). Built by run-c-reference.sh with
 * gcc -O3 -march=native -ffast-math, which lets gcc vectorize expf through glibc's libmvec.
 *
 * Prints the median and the minimum time per call, in milliseconds, over many timed calls after a warm-up,
 * and a checksum so the work cannot be optimized away.
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ALPHA 1.67f
#define LAMBDA 1.05f

static void selu(const float *restrict x, float *restrict out, int n) {
  for (int i = 0; i < n; i++) {
    float v = x[i];
    out[i] = LAMBDA * (v > 0 ? v : ALPHA * expf(v) - ALPHA);
  }
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1000000;
  int calls = argc > 2 ? atoi(argv[2]) : 500;
  float *x = malloc(sizeof(float) * n), *out = malloc(sizeof(float) * n);
  double *times = malloc(sizeof(double) * calls);
  if (!x || !out || !times) return 1;
  /* Same input as SeluReference.input: evenly spread over [-4, 4). */
  for (int i = 0; i < n; i++) x[i] = -4.0f + 8.0f * (float)i / (float)n;

  for (int k = 0; k < 50; k++) selu(x, out, n); /* warm caches and page in out */
  double checksum = 0;
  for (int k = 0; k < calls; k++) {
    double t0 = now_ms();
    selu(x, out, n);
    times[k] = now_ms() - t0;
    checksum += out[k % n];
  }
  qsort(times, calls, sizeof(double), compare_doubles);
  printf("selu float32, N = %d, %d calls: median %.4f ms/call, min %.4f ms/call (checksum %.3f)\n", n, calls,
         times[calls / 2], times[0], checksum);
  free(x);
  free(out);
  free(times);
  return 0;
}
