import Foundation
import Imaging

/// The stock OpenCV Haar cascades by task name, resolved under Debian's opencv-data directory
/// (`/usr/share/opencv4/haarcascades`).
///
/// | case | CLI name | cascade file | label |
/// |---|---|---|---|
/// | `faces` | faces | haarcascade_frontalface_default.xml | face |
/// | `facesAlt2` | faces-alt2 | haarcascade_frontalface_alt2.xml | face |
/// | `profileFaces` | profile-faces | haarcascade_profileface.xml | profile-face |
/// | `eyes` | eyes | haarcascade_eye.xml (inside faces) | eye |
/// | `upperBodies` | upper-bodies | haarcascade_upperbody.xml | upper-body |
/// | `fullBodies` | full-bodies | haarcascade_fullbody.xml | full-body |
/// | `smiles` | smiles | haarcascade_smile.xml | smile |
///
/// Eye rule (OpenCV's `objectDetection` tutorial / `facedetect` sample): faces are found first with
/// `haarcascade_frontalface_default.xml` and the caller's parameters; then the eye cascade runs on each face
/// box (the grey crop, clipped to the image) with the same `scaleFactor` and `minNeighbors`, no `minSize`
/// or `maxSize`, and eye boxes are shifted back to image coordinates. Every other task scans the whole image.
public enum NamedDetector: String, CaseIterable, Sendable, Codable {
    case faces
    case facesAlt2 = "faces-alt2"
    case profileFaces = "profile-faces"
    case eyes
    case upperBodies = "upper-bodies"
    case fullBodies = "full-bodies"
    case smiles

    /// Debian/Ubuntu `opencv-data` location.
    public static let defaultDirectory = "/usr/share/opencv4/haarcascades"

    /// The cascade file name.
    public var cascadeFile: String {
        switch self {
        case .faces: "haarcascade_frontalface_default.xml"
        case .facesAlt2: "haarcascade_frontalface_alt2.xml"
        case .profileFaces: "haarcascade_profileface.xml"
        case .eyes: "haarcascade_eye.xml"
        case .upperBodies: "haarcascade_upperbody.xml"
        case .fullBodies: "haarcascade_fullbody.xml"
        case .smiles: "haarcascade_smile.xml"
        }
    }

    /// The ``DetectionBox/label`` of its boxes.
    public var label: String {
        switch self {
        case .faces, .facesAlt2: "face"
        case .profileFaces: "profile-face"
        case .eyes: "eye"
        case .upperBodies: "upper-body"
        case .fullBodies: "full-body"
        case .smiles: "smile"
        }
    }

    /// Full path of the cascade file; a clear ``HaarError`` (`.missingFile`) when the directory or file is absent.
    public func cascadePath(directory: String = NamedDetector.defaultDirectory) throws(HaarError) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw HaarError(.missingFile, "\(directory): Haar cascade directory not found; install OpenCV's data files (Debian/Ubuntu: apt-get install opencv-data)")
        }
        let path = (directory as NSString).appendingPathComponent(cascadeFile)
        guard FileManager.default.fileExists(atPath: path) else {
            throw HaarError(.missingFile, "\(path): cascade file not found (opencv-data incomplete?)")
        }
        return path
    }

    /// A detector for this task's cascade (for `eyes`: the eye cascade alone, without the face pass).
    public func detector(directory: String = NamedDetector.defaultDirectory) throws(HaarError) -> HaarDetector {
        try HaarDetector(contentsOf: cascadePath(directory: directory), label: label)
    }

    /// Runs the task on `image` (converted to grey with OpenCV's Q15 formula, see ``GreyImage``).
    public func detect(in image: Image, scaleFactor: Double = 1.1, minNeighbors: Int = 3,
                       minSize: (width: Int, height: Int) = (0, 0), maxSize: (width: Int, height: Int) = (0, 0),
                       directory: String = NamedDetector.defaultDirectory) throws(HaarError) -> [DetectionBox] {
        try detect(grey: GreyImage(image), scaleFactor: scaleFactor, minNeighbors: minNeighbors,
                   minSize: minSize, maxSize: maxSize, directory: directory)
    }

    /// Runs the task on a grey image; boxes are in `grey`'s pixel coordinates.
    public func detect(grey: GreyImage, scaleFactor: Double = 1.1, minNeighbors: Int = 3,
                       minSize: (width: Int, height: Int) = (0, 0), maxSize: (width: Int, height: Int) = (0, 0),
                       directory: String = NamedDetector.defaultDirectory) throws(HaarError) -> [DetectionBox] {
        guard self == .eyes else {
            return try detector(directory: directory).detectMultiScale(
                grey: grey, scaleFactor: scaleFactor, minNeighbors: minNeighbors, minSize: minSize, maxSize: maxSize)
        }
        let faces = try NamedDetector.faces.detector(directory: directory).detectRects(
            grey: grey, scaleFactor: scaleFactor, minNeighbors: minNeighbors, minSize: minSize, maxSize: maxSize)
        let eyeDetector = try detector(directory: directory)
        var out = [DetectionBox]()
        for face in faces {
            guard let roi = grey.cropped(to: face.rect) else { continue }
            for e in try eyeDetector.detectRects(grey: roi, scaleFactor: scaleFactor, minNeighbors: minNeighbors) {
                out.append(DetectionBox(label: label, score: Double(e.count), x: Double(face.rect.x + e.rect.x),
                                        y: Double(face.rect.y + e.rect.y), width: Double(e.rect.width),
                                        height: Double(e.rect.height), source: eyeDetector.source))
            }
        }
        return out
    }
}
