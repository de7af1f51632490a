import Foundation

/// Runs the built `digit` binary (and other programs) for the end-to-end tests.
public enum CLI {
  public static let packageRoot = Golden.packageRoot
  public static let sample = Golden.sampleRoot

  public struct Run {
    public var status: Int32
    public var out: String
    public var err: String
  }

  /// The shipped dashboards without the briefing tab: the tmux tests of tables, drill-downs and signals
  /// were written for a dashboard that opens on the overview (the briefing tab has golden screens of its own).
  public static let dashboardsWithoutBriefing: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digit-dashboards-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let shipped = Golden.dashboards
    for name in (try? FileManager.default.contentsOfDirectory(atPath: shipped)) ?? [] where name != "briefing.yaml" {
      try? FileManager.default.removeItem(atPath: folder + "/" + name)
      try? FileManager.default.copyItem(atPath: shipped + "/" + name, toPath: folder + "/" + name)
    }
    return folder
  }()

  /// The `digit` binary next to the test bundle.
  public static var binary: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("digit")
  }

  public static func digit(_ args: String...) throws -> Run { try run(binary.path, args, env: ["COLUMNS": "100"]) }

  /// `digit` with arguments, environment and working folder.
  public static func digit(_ args: [String], env: [String: String] = [:], cwd: String? = nil) throws -> Run {
    try run(binary.path, args, env: env, cwd: cwd)
  }

  /// Runs a program to its end with output and errors captured; `env` is added to this process's
  /// environment (without SOURCE_DATE_EPOCH, so that outputs carry no time unless a test sets it, and
  /// with the parsed-feed cache off, so that no test writes into the user's cache folder, unless a test
  /// sets DIGIT_CACHE); `stdin`, if given, is its standard input.
  public static func run(
    _ executable: String, _ args: [String], env: [String: String] = [:], cwd: String? = nil, stdin: String? = nil
  ) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
    environment["DIGIT_CACHE"] = "off"
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let input = Pipe()
    if stdin != nil { p.standardInput = input }
    try p.run()
    if let stdin {
      // Written on another thread: a large input must not wait for the output to be read.
      let data = Data(stdin.utf8)
      let handle = input.fileHandleForWriting
      Thread.detachNewThread {
        handle.write(data)
        try? handle.close()
      }
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(
      status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
  }

  public static func tempRoot(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digit-cli-\(UUID().uuidString)")
    for (path, text) in files {
      let url = dir.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return dir.path
  }
}
