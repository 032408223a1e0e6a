/// Shape of a 2-D convolution with square kernels and symmetric zero padding.
///
/// Output size uses the floor rule `⌊(n + 2p − k)/s⌋ + 1`. With `groups = G`, output channels
/// `[g·Cout/G, (g+1)·Cout/G)` see only input channels `[g·Cin/G, (g+1)·Cin/G)` (PyTorch `groups`).
public struct ConvolutionGeometry: Sendable, Hashable {
    public var inChannels: Int
    public var outChannels: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    public var groups: Int
    public var inHeight: Int
    public var inWidth: Int

    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                groups: Int = 1, inHeight: Int, inWidth: Int) {
        precondition(inChannels % groups == 0 && outChannels % groups == 0)
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.groups = groups
        self.inHeight = inHeight
        self.inWidth = inWidth
    }

    public var outHeight: Int { (inHeight + 2 * padding - kernel) / stride + 1 }
    public var outWidth: Int { (inWidth + 2 * padding - kernel) / stride + 1 }
    public var inChannelsPerGroup: Int { inChannels / groups }
    public var outChannelsPerGroup: Int { outChannels / groups }
    /// Rows of the im2col matrix per group: `Cin/G · k · k` (the GEMM's K).
    public var patchSize: Int { inChannelsPerGroup * kernel * kernel }
    public var outPixels: Int { outHeight * outWidth }
    public var inPlane: Int { inHeight * inWidth }
    /// Multiply-accumulates per image.
    public var macs: Int { outChannels * outPixels * patchSize }
    /// Weight tensor shape `[Cout, Cin/G, k, k]`.
    public var weightShape: [Int] { [outChannels, inChannelsPerGroup, kernel, kernel] }
}
