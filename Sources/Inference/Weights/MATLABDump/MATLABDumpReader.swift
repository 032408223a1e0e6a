import Foundation

/// Reads emonet-py's data folder: the 16 MATLAB `writematrix` dumps of EmoNet's weights
/// (`conv1.weights.txt.bz2` … `fc3.bias.txt.bz2`) and `img_mean.txt`, into PyTorch layouts
/// (reference/emonet-emocam.md §2.4, §3.2).
///
/// | file | text | PyTorch |
/// |---|---|---|
/// | `convN.weights.txt.bz2` | kH lines of kW·Cin_g·Cout values | `W[o, i, r, s]` = line r, field s + kW·(i + Cin_g·o) |
/// | `fcN.weights.txt.bz2` | Cout lines of Cin values | `W[o, i]` = line o, field i |
/// | `convN.bias.txt.bz2` | one line of Cout values | `b[o]` = field o |
/// | `fcN.bias.txt.bz2` | Cout lines of one value | `b[o]` = line o |
/// | `img_mean.txt` (plain text) | 227 lines of 681 values | `M[c, y, x]` = line y, field 227·c + x |
///
/// Values are parsed exactly as a correctly rounded `strtof` would (``DecimalTextParser``); every line
/// and field count is checked, and errors name the file, the tensor, and the line and field (1-based).
/// All files are loaded together on all cores, big files block by block (``MATLABDumpLoadReport``
/// tells how long each took). Paths ending in `.bz2` must be bzip2 data (several concatenated streams
/// are fine); any other path is read as plain text.
public enum MATLABDumpReader {
    public static let meanImageFileName = "img_mean.txt"

    /// The dump file of each of EmoNet's 16 tensors, in state_dict order.
    public static let weightFiles: [(tensor: String, file: String)] = EmoNetParameterLayout.names.map { ($0, fileName(for: $0)) }

    /// The 17 files this reader needs: the 16 weight dumps and `img_mean.txt`.
    public static var dataFileNames: [String] { weightFiles.map(\.file) + [meanImageFileName] }

    /// `conv2.weight` → `conv2.weights.txt.bz2`, `fc1.bias` → `fc1.bias.txt.bz2`.
    public static func fileName(for tensor: String) -> String {
        let parts = tensor.split(separator: ".", maxSplits: 1)
        let kind = parts.count == 2 && parts[1] == "weight" ? "weights" : "bias"
        return "\(parts[0]).\(kind).txt.bz2"
    }

    /// Which of the 17 data files (or of the 16 weight files) are not in `dir`.
    public static func missingFiles(in dir: String, includeMeanImage: Bool = true) -> [String] {
        let names = includeMeanImage ? dataFileNames : weightFiles.map(\.file)
        return names.filter { !FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent($0)) }
    }

    /// Limits and tuning shared by every read.
    public struct Options: Sendable, Hashable {
        /// Most bytes of text one file may decompress to (a guard against decompression bombs).
        public var maxOutputBytes: Int
        /// Compressed files at least this big are decoded block by block on all cores; smaller ones
        /// (and any file whose blocks cannot be split cleanly) are decoded sequentially. Results are
        /// identical either way.
        public var blockParallelMinimumBytes: Int

        public init(maxOutputBytes: Int = BZip2Decoder.defaultMaxOutputBytes, blockParallelMinimumBytes: Int = 128 << 10) {
            self.maxOutputBytes = maxOutputBytes
            self.blockParallelMinimumBytes = blockParallelMinimumBytes
        }
    }

    /// What ``readFolder(_:includeMeanImage:options:)`` returns.
    public struct FolderContents: Sendable {
        /// The 16 tensors keyed `conv1.weight` … `fc3.bias`, in PyTorch layouts.
        public var tensors: [String: WeightTensor]
        /// 3×227×227, channel-major, when asked for.
        public var meanImage: [Float]?
        public var report: MATLABDumpLoadReport
    }

    /// The 16 EmoNet tensors from an emonet-py data folder, keyed `conv1.weight` … `fc3.bias`.
    public static func readFolder(_ dir: String) throws(WeightError) -> [String: WeightTensor] {
        try readFolder(dir, includeMeanImage: false).tensors
    }

    /// The 16 tensors, optionally the mean image, and a timing report. All files are read in parallel.
    /// A missing file is reported together with every other missing one of the 17.
    public static func readFolder(_ dir: String, includeMeanImage: Bool, options: Options = Options()) throws(WeightError) -> FolderContents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) else {
            throw WeightError(.fileNotFound, "no such folder", path: dir)
        }
        guard isDirectory.boolValue else { throw WeightError(.unreadable, "not a folder", path: dir) }
        let missingRequired = missingFiles(in: dir, includeMeanImage: includeMeanImage)
        if !missingRequired.isEmpty {
            let missing = missingFiles(in: dir, includeMeanImage: true)
            throw WeightError(.fileNotFound, "\(missing.count) of the 17 emonet-py data files \(missing.count == 1 ? "is" : "are") "
                + "missing: \(missing.joined(separator: ", "))", path: dir)
        }
        var specs: [MATLABDumpFileSpec] = []
        for (name, shape) in EmoNetParameterLayout.tensors {
            let path = (dir as NSString).appendingPathComponent(fileName(for: name))
            let layout: MATLABDumpFileSpec.Layout
            switch (name.hasPrefix("conv"), name.hasSuffix(".weight")) {
            case (true, true): layout = .conv(out: shape[0], inPerGroup: shape[1], kH: shape[2], kW: shape[3])
            case (true, false): layout = .convBias(shape[0])
            case (false, true): layout = .linear(out: shape[0], in: shape[1])
            case (false, false): layout = .linearBias(shape[0])
            }
            specs.append(MATLABDumpFileSpec(path: path, tensor: name, layout: layout))
        }
        if includeMeanImage {
            let s = EmoNetParameterLayout.meanImageShape
            specs.append(MATLABDumpFileSpec(path: (dir as NSString).appendingPathComponent(meanImageFileName),
                                            tensor: "mean image", layout: .image(channels: s[0], height: s[1], width: s[2])))
        }
        let (values, report) = try MATLABDumpLoader.load(specs, options: options)
        var tensors: [String: WeightTensor] = [:]
        for (k, (name, shape)) in EmoNetParameterLayout.tensors.enumerated() {
            tensors[name] = WeightTensor(shape: shape, values: values[k])
        }
        return FolderContents(tensors: tensors, meanImage: includeMeanImage ? values.last : nil, report: report)
    }

    // MARK: - Single files (any shape)

    /// How a file's text maps to a tensor.
    public enum Layout: String, Sendable, Hashable, CaseIterable {
        /// `[Cout, Cin_g, kH, kW]` from kH lines of kW·Cin_g·Cout values: W[o, i, r, s] = line r, field s + kW·(i + Cin_g·o).
        case convWeights
        /// `[out, in]` from `out` lines of `in` values.
        case linearWeights
        /// `[Cout]` from one line of Cout values.
        case convBias
        /// `[Cout]` from Cout lines of one value.
        case linearBias
        /// `[C, H, W]` (channel-major) from H lines of W·C values: M[c, y, x] = line y, field W·c + x.
        case image
    }

    /// Reads one file of any shape in the given layout, with its load report. `tensor` names the
    /// tensor in errors.
    public static func read(path: String, layout: Layout, shape: [Int], tensor: String? = nil,
                            options: Options = Options()) throws(WeightError) -> (tensor: WeightTensor, report: MATLABDumpLoadReport) {
        let rank: Int
        switch layout {
        case .convWeights: rank = 4
        case .linearWeights: rank = 2
        case .convBias, .linearBias: rank = 1
        case .image: rank = 3
        }
        guard shape.count == rank, shape.allSatisfy({ $0 > 0 }) else {
            throw WeightError(.wrongShape, "a \(layout.rawValue) shape needs \(rank) positive \(rank == 1 ? "size" : "sizes"), got \(shape)",
                              path: path, tensor: tensor)
        }
        let fileLayout: MATLABDumpFileSpec.Layout
        switch layout {
        case .convWeights: fileLayout = .conv(out: shape[0], inPerGroup: shape[1], kH: shape[2], kW: shape[3])
        case .linearWeights: fileLayout = .linear(out: shape[0], in: shape[1])
        case .convBias: fileLayout = .convBias(shape[0])
        case .linearBias: fileLayout = .linearBias(shape[0])
        case .image: fileLayout = .image(channels: shape[0], height: shape[1], width: shape[2])
        }
        let spec = MATLABDumpFileSpec(path: path, tensor: tensor, layout: fileLayout)
        let (values, report) = try MATLABDumpLoader.load([spec], options: options)
        return (WeightTensor(shape: shape, values: values[0]), report)
    }

    /// Convolution weights `[Cout, Cin_g, kH, kW]` from kH lines of kW·Cin_g·Cout values.
    public static func readConvWeights(path: String, shape: [Int], tensor: String? = nil,
                                       options: Options = Options()) throws(WeightError) -> WeightTensor {
        try read(path: path, layout: .convWeights, shape: shape, tensor: tensor, options: options).tensor
    }

    /// Linear weights `[out, in]` from `out` lines of `in` values.
    public static func readLinearWeights(path: String, shape: [Int], tensor: String? = nil,
                                         options: Options = Options()) throws(WeightError) -> WeightTensor {
        try read(path: path, layout: .linearWeights, shape: shape, tensor: tensor, options: options).tensor
    }

    /// A convolution bias `[Cout]` from one line of Cout values.
    public static func readConvBias(path: String, shape: [Int], tensor: String? = nil,
                                    options: Options = Options()) throws(WeightError) -> WeightTensor {
        try read(path: path, layout: .convBias, shape: shape, tensor: tensor, options: options).tensor
    }

    /// A linear bias `[Cout]` from Cout lines of one value.
    public static func readLinearBias(path: String, shape: [Int], tensor: String? = nil,
                                      options: Options = Options()) throws(WeightError) -> WeightTensor {
        try read(path: path, layout: .linearBias, shape: shape, tensor: tensor, options: options).tensor
    }

    /// `img_mean.txt`: 227 lines of 681 values (line y, field 227·c + x) → 3×227×227 channel-major
    /// (R, G, B planes), on the 0–255 scale. A path ending in `.bz2` is decompressed first.
    public static func readMeanImage(_ path: String, options: Options = Options()) throws(WeightError) -> [Float] {
        try read(path: path, layout: .image, shape: EmoNetParameterLayout.meanImageShape, tensor: "mean image", options: options).tensor.values
    }
}
