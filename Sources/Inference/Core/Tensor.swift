/// A dense float32 tensor in row-major order (NCHW for activations: `[batch, channels, height, width]`).
///
/// Element `(n, c, y, x)` of a 4-D tensor is at `((n·C + c)·H + y)·W + x`.
public struct Tensor: Sendable, Hashable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "tensor shape \(shape) does not match \(values.count) values")
        self.shape = shape
        self.values = values
    }

    public init(zeros shape: [Int]) {
        self.shape = shape
        self.values = [Float](repeating: 0, count: shape.reduce(1, *))
    }

    public var count: Int { values.count }
    /// Size of the leading (batch) dimension.
    public var batch: Int { shape.first ?? 0 }
    /// Elements per batch item.
    public var itemCount: Int { shape.count > 1 ? shape.dropFirst().reduce(1, *) : 1 }

    /// The values of batch item `n`.
    public func item(_ n: Int) -> ArraySlice<Float> {
        values[(n * itemCount)..<((n + 1) * itemCount)]
    }
}
