/// One named float32 parameter tensor as read from a weight file.
///
/// `values` are in row-major order of `shape`, using PyTorch's layouts: convolution weights
/// `[Cout, Cin/groups, kH, kW]`, linear weights `[out, in]`, biases `[out]`.
public struct WeightTensor: Sendable, Hashable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    /// Number of elements implied by the shape.
    public var elementCount: Int { shape.reduce(1, *) }
}
