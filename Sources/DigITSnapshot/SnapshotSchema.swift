import DigITCore
import Foundation

/// The JSON Schema (draft 2020-12) of `snapshot.json`, shipped as this module's resource
/// `snapshot.schema.json`: the documented layout of ``SnapshotJSON``'s output, for users and for tests.
public enum SnapshotSchema {
  /// The schema's file name in the resource bundle.
  public static let fileName = "snapshot.schema.json"

  /// The schema's bytes (UTF-8 JSON text); `nil` when the resource cannot be found or read.
  public static func text() -> [UInt8]? {
    guard let url = Bundle.module.url(forResource: "snapshot.schema", withExtension: "json"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return [UInt8](data)
  }
}
