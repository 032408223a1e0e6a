// swift-tools-version:6.0
// EmoShift — perturbation experiments on emotion-recognition CNNs.
// Layout and dependency direction: see ../shared/ARCHITECTURE.md and docs/architecture.md.
import PackageDescription

let package = Package(
    name: "EmoShift",
    products: [
        .executable(name: "emoshift", targets: ["emoshift"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "Inference", targets: ["Inference"]),
        .library(name: "Explanation", targets: ["Explanation"]),
        .library(name: "Detection", targets: ["Detection"]),
        .library(name: "Perturbation", targets: ["Perturbation"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "Reporting", targets: ["Reporting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C: libpng + libjpeg behind setjmp-safe functions that return a status and a message.
        .target(
            name: "CImageCodecs",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]
        ),
        // C: the forward pass's element-wise loops (LRN, ReLU, im2col), vectorised by clang.
        .target(
            name: "CKernels",
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno", "-ffast-math"])]
        ),
        // System libraries (Debian -dev packages; installed by `make deps`).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // No pkgConfig on purpose: `pkg-config --libs gsl` adds -lgslcblas, which clashes with OpenBLAS.
        .systemLibrary(name: "CGSL", providers: [.apt(["libgsl-dev"])]),
        // Debian 12 ships no bzip2.pc.
        .systemLibrary(name: "CBZip2", providers: [.apt(["libbz2-dev"])]),

        .target(name: "Imaging", dependencies: ["CImageCodecs"]),
        .target(
            name: "Inference",
            dependencies: [
                "Imaging", "CBLAS", "CBZip2", "CKernels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),

        .target(name: "Explanation", dependencies: ["Inference", "Imaging"]),
        .target(name: "Detection", dependencies: ["Imaging"]),
        .target(name: "Perturbation", dependencies: ["Imaging"]),
        // Paired tests, effect sizes, CIs, corrections, correlations; GSL for distributions and RNGs.
        .target(name: "Statistics", dependencies: ["CGSL"]),
        // Tables (Markdown/CSV/LaTeX/JSON), figures (PNG/SVG) and the HTML report.
        .target(
            name: "Reporting",
            dependencies: ["Statistics", "Imaging"],
            exclude: ["Figures/Font/DejaVuSans-LICENSE.txt"]
        ),
        .target(
            name: "Experiment",
            dependencies: [
                "Imaging", "Inference", "Explanation", "Detection", "Perturbation", "Statistics", "Reporting", "CGSL",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        .executableTarget(
            name: "emoshift",
            dependencies: [
                "Imaging", "Inference", "Explanation", "Detection", "Perturbation", "Experiment", "CBLAS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(
            name: "ImagingTests",
            dependencies: ["Imaging", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "InferenceTests",
            dependencies: ["Inference", "Imaging", "CBLAS", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ExplanationTests",
            dependencies: ["Explanation", "Inference", "Imaging"]
        ),
        .testTarget(name: "PerturbationTests", dependencies: ["Perturbation", "Imaging"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "Imaging"]),
        .testTarget(
            name: "ExperimentTests",
            dependencies: ["Experiment", "Inference", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "CGSL"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Statistics", "Imaging"]),
        // Runs the built `emoshift` binary: exit codes, error lines, help text.
        .testTarget(name: "CLITests", dependencies: ["emoshift"]),
    ],
    swiftLanguageModes: [.v6]
)
