/* The C baseline for `lab bench --configs gemm`: the same OpenBLAS, called
 * directly, on the same shapes, timed the same way (one warm-up call, then
 * repeat for at least one second). Build and run:
 *
 *   gcc -O2 -o /tmp/sgemm_c Benchmarks/sgemm_c.c $(pkg-config --cflags --libs openblas)
 *   OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=2 /tmp/sgemm_c
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void measure(const char *name, int m, int n, int k) {
    float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n), *c = malloc(sizeof(float) * m * n);
    for (int i = 0; i < m * k; i++) a[i] = (float)(i % 7) / 7 - 0.5f;
    for (int i = 0; i < k * n; i++) b[i] = (float)(i % 5) / 5 - 0.5f;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
    int reps = 0;
    double start = now(), elapsed;
    do {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
        reps++;
        elapsed = now() - start;
    } while (elapsed < 1.0);
    double seconds = elapsed / reps;
    printf("%-10s %dx%d · %dx%d  %s  %.1f GFLOP/s\n", name, m, k, k, n, openblas_get_corename(),
           2.0 * m * n * k / seconds / 1e9);
    free(a); free(b); free(c);
}

int main(void) {
    measure("gemm", 1024, 1024, 1024);
    measure("gemm-lstm", 64, 400, 132);
    return 0;
}
