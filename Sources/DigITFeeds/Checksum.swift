import Crypto
import DigITCore

/// File checksums for snapshots (which record exactly which bytes they were made from).
///
/// swift-crypto rather than a hand-written hash: on Linux it is BoringSSL, which uses the CPU's SHA
/// extensions (measured here: the large benchmark root's 350 MB in about 0.2 s on one core).
enum Checksum {
  static let hex = Array("0123456789abcdef".utf8)

  /// The SHA-256 of `bytes` as 64 lowercase hex digits.
  static func sha256(_ bytes: [UInt8]) -> String {
    let digest = SHA256.hash(data: bytes)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in digest {
      out.append(hex[Int(b >> 4)])
      out.append(hex[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
