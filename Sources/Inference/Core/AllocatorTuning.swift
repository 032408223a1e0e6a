import CKernels

/// Keeps large activation buffers inside the process between forward passes.
///
/// Every layer output of a batch is a fresh multi-megabyte array. glibc serves those with `mmap`
/// and returns them on `free`, so each forward pass paid for page faults and for the kernel zeroing
/// ~75 MB of new pages (measured: ~0.5 ms per image at batch 16, a quarter of the non-GEMM time).
/// Raising the mmap and trim thresholds keeps freed blocks on the heap for reuse. Called once, when
/// the first `EmoNet` is made; peak memory is unchanged, it is just not handed back between calls.
enum AllocatorTuning {
    static let applied: Bool = {
        ck_keep_large_buffers()
        return true
    }()
}
