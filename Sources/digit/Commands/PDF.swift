import DigITCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `digit export --pdf`: `report.pdf` printed from the week's `report.html` by headless Chromium.
enum PDFPrinter {
  /// How printing went.
  enum Outcome: Equatable {
    case written(String)
    /// Chromium is not on `PATH`.
    case noChromium
    /// Chromium ran and did not deliver a PDF (its exit status, or the signal as a negative number).
    case failed(String)
  }

  /// The first `chromium` or `chromium-browser` on `PATH`.
  static func chromium(path: String? = getenv("PATH").map { String(cString: $0) }) -> String? {
    for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
      for name in ["chromium", "chromium-browser", "google-chrome"] {
        let candidate = "\(directory)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
      }
    }
    return nil
  }

  /// Prints `html` (an existing file) to `pdf` atomically: Chromium writes a temporary file beside it,
  /// which is renamed into place only when it is a PDF; nothing else of the week is touched.
  /// How long Chromium may take: `DIGIT_PDF_TIMEOUT` seconds (a positive whole number), else 120.
  static func timeout(_ environment: String? = getenv("DIGIT_PDF_TIMEOUT").map { String(cString: $0) }) -> Int {
    environment.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 120
  }

  /// A wait status in plain words: "exited with status 3", "was ended by signal 9".
  static func describe(status: Int32) -> String {
    let signal = status & 0x7F
    return signal == 0 ? "exited with status \((status >> 8) & 0xFF)" : "was ended by signal \(signal)"
  }

  /// Chromium runs in its own process group: a timeout ends it with every process it started.
  static func print(html: String, to pdf: String, timeout seconds: Int = timeout()) -> Outcome {
    guard let chromium = chromium() else { return .noChromium }
    let folder = pdf.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let temporary = (folder.isEmpty ? "." : folder) + "/.report.pdf.\(getpid()).tmp"
    var template = Array("/tmp/digit-chromium-XXXXXX".utf8CString)
    guard
      let profile = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) })
    else { return .failed("no temporary folder for Chromium's profile") }
    defer {
      unlink(temporary)
      removeTree(profile)
    }
    let absolute = html.hasPrefix("/") ? html : currentDirectory() + "/" + html
    let arguments = [
      chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--no-default-browser-check", "--user-data-dir=\(profile)", "--no-pdf-header-footer",
      "--print-to-pdf=\(temporary)", "file://" + absolute,
    ]
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Chromium's own chatter stays out of the export's output.
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv = arguments.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, chromium, &actions, &attributes, &argv, environ)
    guard spawned == 0 else {
      return .failed("\(chromium) could not be started (\(String(cString: strerror(spawned))))")
    }
    var status: Int32 = 0
    var waited = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
      if waited >= seconds * 10 {
        kill(-pid, SIGKILL)
        waitpid(pid, &status, 0)
        return .failed("Chromium did not finish within \(seconds) s and was stopped (its temporary profile is removed)")
      }
      usleep(100_000)
      waited += 1
    }
    // What Chromium left running in its group (helpers) ends with it.
    kill(-pid, SIGKILL)
    var head = [UInt8](repeating: 0, count: 4)
    let fd = open(temporary, O_RDONLY)
    let count = fd >= 0 ? read(fd, &head, 4) : -1
    if fd >= 0 { close(fd) }
    guard count == 4, head == Array("%PDF".utf8) else {
      return .failed("Chromium \(describe(status: status)) and wrote no PDF")
    }
    guard rename(temporary, pdf) == 0 else {
      return .failed("\(pdf) could not be written (\(String(cString: strerror(errno))))")
    }
    return .written(pdf)
  }

  static func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    return getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "."
  }

  /// Removes a folder Chromium filled (its temporary profile), depth first.
  static func removeTree(_ path: String) {
    if let dir = opendir(path) {
      while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name == "." || name == ".." { continue }
        let child = path + "/" + name
        var st = stat()
        if lstat(child, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { removeTree(child) } else { unlink(child) }
      }
      closedir(dir)
    }
    rmdir(path)
  }
}
