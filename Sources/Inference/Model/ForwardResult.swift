/// What a forward pass returns: logits and probabilities for every item, plus any intermediate
/// layers that were asked for (and max-pool routing when requested, for backward passes).
public struct ForwardResult: Sendable {
    public var batch: Int
    /// `[batch, 20]` pre-softmax scores.
    public var logits: Tensor
    /// `[batch, 20]` softmax probabilities.
    public var probabilities: Tensor
    /// Requested intermediate outputs, `[batch] + layer.itemShape`.
    public var layers: [EmoNetLayer: Tensor]
    /// pool5 argmax indices (`y·13 + x` within each 13×13 conv5 plane), `[batch, 256, 6, 6]`,
    /// when requested.
    public var pool5Argmax: [Int32]?
    /// pool1 / pool2 argmax indices (within each 55×55 / 27×27 plane), when requested.
    public var pool1Argmax: [Int32]? = nil
    public var pool2Argmax: [Int32]? = nil

    /// Probabilities of item `n` as an array of 20.
    public func probabilities(of n: Int) -> [Float] { Array(probabilities.item(n)) }
    public func logits(of n: Int) -> [Float] { Array(logits.item(n)) }

    /// Index of the highest probability of item `n` (first on ties).
    public func top1(of n: Int) -> Int {
        let p = probabilities.item(n)
        var best = p.startIndex
        for i in p.indices where p[i] > p[best] { best = i }
        return best - p.startIndex
    }
}
