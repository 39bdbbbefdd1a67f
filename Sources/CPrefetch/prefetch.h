// A software prefetch for Swift, which has no spelling of its own for one (clang's
// _mm_prefetch is a macro, which Swift does not import). Header only: nothing to link.
static inline __attribute__((always_inline)) void lab_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
