import Foundation
import Inference
import Testing

/// The Swift demo-weight generator reproduces the independent numpy implementation bit for bit.
@Suite("Demo model")
struct DemoModelTests {
    nonisolated(unsafe) static let fingerprint = InferenceFixtures.json("Tests/Fixtures/goldens/emonet/demo_weights_fingerprint.json")

    @Test("every tensor's SHA-256 equals the numpy reference's")
    func tensorsMatch() throws {
        let tensors = try #require(Self.fingerprint["tensors"] as? [[String: Any]])
        #expect(tensors.count == 16)
        let params = InferenceFixtures.demoWeights.parameters
        for t in tensors {
            let name = t["name"] as! String
            let entry = try #require(params.entries[name])
            #expect(entry.shape == t["shape"] as! [Int], "\(name) shape")
            let digest = InferenceFixtures.sha256(UnsafeBufferPointer(start: params.pointer(name), count: entry.count))
            #expect(digest == t["sha256"] as! String, "\(name)")
            let first5 = (t["first5"] as! [Double]).map(Float.init)
            #expect(Array(UnsafeBufferPointer(start: params.pointer(name), count: 5)) == first5, "\(name) first values")
        }
    }

    @Test("the mean image equals the reference's")
    func meanImage() throws {
        let mean = try #require(Self.fingerprint["mean_image"] as? [String: Any])
        #expect(InferenceFixtures.sha256(InferenceFixtures.demoWeights.meanImage) == mean["sha256"] as! String)
    }

    @Test("SplitMix64 matches the reference stream")
    func splitMix() throws {
        let expected = try #require(Self.fingerprint["splitmix64_tensor0_first4"] as? [Any])
        var rng = SplitMix64(seed: DemoModel.baseSeed)
        let got = (0..<4).map { _ in rng.next() }
        let want = expected.map { v -> UInt64 in
            if let s = v as? String { return s.hasPrefix("0x") ? UInt64(s.dropFirst(2), radix: 16)! : UInt64(s)! }
            return (v as! NSNumber).uint64Value
        }
        #expect(got == want)
    }

    @Test("demo provenance is labelled and its hash is the content hash")
    func provenance() {
        let w = InferenceFixtures.demoWeights
        #expect(w.isDemo)
        #expect(w.provenance.summary.contains("DEMO MODEL"))
        #expect(w.provenance.sha256 == w.contentSHA256())
    }
}
